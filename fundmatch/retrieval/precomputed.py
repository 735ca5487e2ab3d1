"""The CORDIS side, computed at ingest and stored beside the index instead of in every process.

``cordis_side.pkl`` in a generation folder holds the fitted similar-project model (TF-IDF over the
18,806 funded projects, their cards) and the opportunity texts in its space (what
``succession.VoteCarrier`` compares orphaned projects with). The file starts with a small header
pickle (format version, library versions and a hash of its inputs: the generation's catalogue
digest), read before the payload; a file whose header does not match is stale and is rebuilt, never
used. An ingest that does not change the catalogue copies the previous generation's file.

The header also names the fitted model's own inputs (``similar.fit_digest`` of the projects). The
fit is the costly part (about 10 CPU-seconds for the 18,806 projects; putting the opportunities in
its space takes 0.5 s), so an ingest that changed opportunities but not projects takes the fitted
model from the previous generation's file; and ``SideWriter.start`` fits it in a thread as soon as
the load has read the projects, while the PDFs are still being read, so that a first ingest does
not wait for the fit after the load.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fundmatch.core.models import FundedProject, Opportunity, Passage
from fundmatch.retrieval.similar import SimilarProjectModel, fit_digest
from fundmatch.retrieval.succession import VoteCarrier, opportunity_matrix, opportunity_texts

if TYPE_CHECKING:
    from fundmatch.index.builder import DeriveInputs

logger = logging.getLogger(__name__)

SIDE_FILE = "cordis_side.pkl"
SIDE_VERSION = 2  # 2: the TF-IDF space without scikit-learn objects


@dataclass(frozen=True)
class CordisSide:
    """The fitted similar-project model and the opportunities in its TF-IDF space."""

    similar: SimilarProjectModel
    opportunity_ids: list[str]
    opportunity_matrix: Any  # scipy CSR, one row per id; None without projects

    def carrier(self, share: float) -> VoteCarrier:
        """The vote carrier over these opportunity vectors with ``carry_over_votes`` = ``share``."""
        return VoteCarrier(
            self.similar, {}, share, precomputed=(self.opportunity_ids, self.opportunity_matrix)
        )


def _keyed(inputs: str) -> str:
    versions = "|".join(f"{name} {metadata.version(name)}" for name in ("scikit-learn", "scipy", "numpy"))
    text = f"{SIDE_VERSION}|{versions}|{inputs}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def side_key(catalogue_digest: str) -> str:
    """The hash a stored side must carry to be used: its format, libraries and inputs."""
    return _keyed(catalogue_digest)


def model_key(projects: Sequence[FundedProject]) -> str:
    """The hash of the fitted model's inputs: its format, libraries and what it reads of the projects."""
    return _keyed(f"model|{fit_digest(projects)}")


def side_for(
    similar: SimilarProjectModel,
    opportunities: Sequence[Opportunity],
    passages: Sequence[Passage],
) -> CordisSide:
    """The side of a fitted model: every opportunity's title and passages put in its space."""
    texts = opportunity_texts(
        {o.id: o.title for o in opportunities},
        [(p.opportunity_id, p.text) for p in passages if p.opportunity_id],
    )
    ids, matrix = opportunity_matrix(similar, texts)
    return CordisSide(similar, ids, matrix)


def compute_side(
    opportunities: Sequence[Opportunity],
    passages: Sequence[Passage],
    projects: Sequence[FundedProject],
) -> CordisSide:
    """Fit the similar-project model and put every opportunity's title and passages in its space."""
    return side_for(SimilarProjectModel.fit(projects), opportunities, passages)


class SideWriter:
    """The ``derive`` hook of ``build_index`` that stores the side in the generation being written.

    The previous generation's file is copied when the catalogue is the same; its fitted model is
    reused when the projects are; otherwise the model is fitted, early in a thread when ``start``
    was told the projects during the load, else when the hook runs.
    """

    def __init__(self, previous_dir: Path | None = None) -> None:
        self._previous_dir = previous_dir
        self._early: tuple[str, _Fit] | None = None
        self._keyed: tuple[list[FundedProject], str] | None = None

    def _model_key(self, projects: Sequence[FundedProject]) -> str:
        """``model_key``, computed once for the same project records (the load's and the build's)."""
        if self._keyed is not None:
            known, key = self._keyed
            if len(known) == len(projects) and all(a is b for a, b in zip(known, projects, strict=True)):
                return key
        key = model_key(projects)
        self._keyed = (list(projects), key)
        return key

    def start(self, projects: Sequence[FundedProject]) -> None:
        """Fit the model for ``projects`` in a thread now, unless the previous side has it."""
        key = self._model_key(projects)
        previous = self._previous_dir / SIDE_FILE if self._previous_dir else None
        if previous is not None and _read_header(previous).get("model") == key:
            return
        self._early = (key, _Fit(list(projects)))

    def __call__(self, directory: Path, inputs: DeriveInputs) -> None:
        key = side_key(inputs.catalogue_digest)
        previous = inputs.previous_dir / SIDE_FILE if inputs.previous_dir else None
        header = _read_header(previous) if previous is not None else {}
        if header.get("key") == key:
            shutil.copyfile(previous, directory / SIDE_FILE)  # type: ignore[arg-type]
            return
        fitted_key = self._model_key(inputs.projects)
        similar = None
        if previous is not None and header.get("model") == fitted_key:
            stored = _read_side(previous)
            similar = stored.similar if stored is not None else None
        if similar is None and self._early is not None and self._early[0] == fitted_key:
            similar = self._early[1].result()
        if similar is None:
            similar = SimilarProjectModel.fit(inputs.projects)
        side = side_for(similar, inputs.opportunities, inputs.passages)
        _store(directory / SIDE_FILE, key, side, fitted_key)


class _Fit:
    """``SimilarProjectModel.fit`` in a daemon thread (an interrupted ingest does not wait for it)."""

    def __init__(self, projects: list[FundedProject]) -> None:
        self._projects = projects
        self._model: SimilarProjectModel | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="cordis-fit", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._model = SimilarProjectModel.fit(self._projects)
        except BaseException as error:  # raised again in the caller's thread by ``result``
            self._error = error

    def result(self) -> SimilarProjectModel:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._model is not None
        return self._model


def write_side(directory: Path, inputs: DeriveInputs) -> None:
    """``derive`` hook of ``build_index`` for callers without an early fit (``SideWriter``)."""
    SideWriter()(directory, inputs)


def load_side(index: Any) -> CordisSide:
    """The stored side of an opened ``HybridIndex``; rebuilt (and stored again) when missing or stale."""
    path = index.directory / SIDE_FILE
    key = side_key(index.manifest.catalogue_digest)
    if _header(path) == key:
        side = _read_side(path)
        if side is not None:
            return side
    logger.warning("the CORDIS side stored at %s is missing or stale: computing it again", path)
    projects = list(index.projects())
    side = compute_side(list(index.opportunities()), list(index.passages()), projects)
    with contextlib.suppress(OSError):  # a read-only index still answers; it pays this again next time
        _store(path, key, side, model_key(projects))
    return side


_READ_ERRORS = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError)


def _read_header(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            header = pickle.load(handle)
    except _READ_ERRORS:
        return {}
    return header if isinstance(header, dict) else {}


def _header(path: Path) -> str | None:
    return _read_header(path).get("key")


def _read_side(path: Path) -> CordisSide | None:
    try:
        with path.open("rb") as handle:
            pickle.load(handle)
            side = pickle.load(handle)
    except _READ_ERRORS:
        return None
    return side if isinstance(side, CordisSide) else None


def _store(path: Path, key: str, side: CordisSide, fitted_key: str = "") -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        header = {"key": key, "version": SIDE_VERSION, "model": fitted_key}
        pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(side, handle, protocol=pickle.HIGHEST_PROTOCOL)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
