"""Calibrating the low-relevance guard: the threshold that best separates "nothing fits" cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class GuardCalibration:
    """The chosen threshold and how it splits the cases (counts of each kind it gets right)."""

    threshold: float
    off_topic_blocked: int
    off_topic_total: int
    relevant_kept: int
    relevant_total: int


def calibrate_threshold(relevant: Sequence[float], off_topic: Sequence[float]) -> GuardCalibration:
    """The ``min_relevance`` that keeps every relevant case while blocking the most off-topic ones.

    Relevant queries must never be blocked (a wrongly empty answer costs a user the call that
    fits), so the threshold sits halfway between the lowest relevant score and the highest
    off-topic score below it.
    """
    if not relevant or not off_topic:
        raise ValueError("calibration needs relevant and off-topic cases")
    lowest_relevant = min(relevant)
    below = [score for score in off_topic if score < lowest_relevant]
    threshold = (lowest_relevant + max(below)) / 2 if below else lowest_relevant
    blocked = sum(score < threshold for score in off_topic)
    kept = sum(score >= threshold for score in relevant)
    return GuardCalibration(round(threshold, 4), blocked, len(off_topic), kept, len(relevant))
