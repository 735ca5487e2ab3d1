"""Guard calibration on hand-made relevance scores."""

from __future__ import annotations

import pytest

from evaluation.guard import calibrate_threshold


def test_threshold_keeps_every_relevant_case_and_blocks_those_below() -> None:
    calibration = calibrate_threshold(relevant=[0.84, 0.86, 0.90], off_topic=[0.78, 0.80, 0.85])
    assert calibration.threshold == pytest.approx(0.82)
    assert (calibration.relevant_kept, calibration.relevant_total) == (3, 3)
    assert (calibration.off_topic_blocked, calibration.off_topic_total) == (2, 3)


def test_overlapping_scores_never_block_a_relevant_case() -> None:
    calibration = calibrate_threshold(relevant=[0.70, 0.90], off_topic=[0.75, 0.95])
    assert calibration.threshold == 0.70
    assert calibration.relevant_kept == 2
    assert calibration.off_topic_blocked == 0


def test_calibration_needs_both_kinds() -> None:
    with pytest.raises(ValueError, match="relevant and off-topic"):
        calibrate_threshold([], [0.5])
