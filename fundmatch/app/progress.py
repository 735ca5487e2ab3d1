"""Progress on stderr for every slow step: count, rate and time left, fed as ``(stage, done, total)``.

On a terminal each stage is a click progress bar; otherwise (logs, CI, the background embedding's
log file) a plain line per tenth of the work, so a log shows the same count, rate and ETA.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import click


def rate_and_eta(done: int, total: int, seconds: float, unit: str) -> str:
    """``12.3 passages/s, about 4 min left`` (empty before anything was done)."""
    if done <= 0 or seconds <= 0:
        return ""
    rate = done / seconds
    left = (total - done) / rate
    return f"{rate:.1f} {unit}/s, {_duration(left)} left" if done < total else f"{rate:.1f} {unit}/s"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"about {max(1, round(seconds))} s"
    return f"about {round(seconds / 60)} min"


class StageProgress:
    """A bar (or lines) per stage; ``unit`` names what is counted in each stage, e.g. ``passages``."""

    def __init__(self, label: str = "Embedding", units: dict[str, str] | None = None) -> None:
        self.label = label
        self.units = units or {}
        self._bars: dict[str, Any] = {}
        self._tenths: dict[str, int] = {}
        self._started: dict[str, float] = {}
        self._first: dict[str, int] = {}
        self._terminal = sys.stderr.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total == 0:
            return
        now = time.perf_counter()
        self._started.setdefault(stage, now)
        self._first.setdefault(stage, done)
        unit = self.units.get(stage, stage)
        detail = rate_and_eta(
            done - self._first[stage], total - self._first[stage], now - self._started[stage], unit
        )
        if not self._terminal:
            tenth = done * 10 // total
            if tenth > self._tenths.get(stage, -1):
                self._tenths[stage] = tenth
                click.echo(
                    f"{self.label} {stage}: {done}/{total}" + (f" ({detail})" if detail else ""), err=True
                )
            return
        bar = self._bars.get(stage)
        if bar is None:
            bar = click.progressbar(
                length=total,
                label=f"{self.label} {stage}",
                file=sys.stderr,
                show_pos=True,
                show_eta=False,
                item_show_func=lambda text: text,
            )
            self._bars[stage] = bar
        bar.update(done - bar.pos, detail or None)
        if done >= total:
            bar.render_finish()
