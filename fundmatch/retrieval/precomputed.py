"""The CORDIS side, computed at ingest and stored beside the index instead of in every process.

``cordis_side.pkl`` in a generation folder holds the fitted similar-project model (TF-IDF over the
18,806 funded projects, their cards) and the opportunity texts in its space (what
``succession.VoteCarrier`` compares orphaned projects with). The file starts with a small header
pickle (format version, library versions and a hash of its inputs: the generation's catalogue
digest), read before the payload; a file whose header does not match is stale and is rebuilt, never
used. An ingest that does not change the catalogue copies the previous generation's file.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fundmatch.core.models import FundedProject, Opportunity, Passage
from fundmatch.retrieval.similar import SimilarProjectModel
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


def side_key(catalogue_digest: str) -> str:
    """The hash a stored side must carry to be used: its format, libraries and inputs."""
    versions = "|".join(f"{name} {metadata.version(name)}" for name in ("scikit-learn", "scipy", "numpy"))
    text = f"{SIDE_VERSION}|{versions}|{catalogue_digest}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def compute_side(
    opportunities: list[Opportunity] | tuple[Opportunity, ...],
    passages: list[Passage] | tuple[Passage, ...],
    projects: list[FundedProject] | tuple[FundedProject, ...],
) -> CordisSide:
    """Fit the similar-project model and put every opportunity's title and passages in its space."""
    similar = SimilarProjectModel.fit(projects)
    texts = opportunity_texts(
        {o.id: o.title for o in opportunities},
        [(p.opportunity_id, p.text) for p in passages if p.opportunity_id],
    )
    ids, matrix = opportunity_matrix(similar, texts)
    return CordisSide(similar, ids, matrix)


def write_side(directory: Path, inputs: DeriveInputs) -> None:
    """``derive`` hook of ``build_index``: store the side in the generation being written (copied
    from the previous generation when its inputs are the same)."""
    key = side_key(inputs.catalogue_digest)
    previous = inputs.previous_dir / SIDE_FILE if inputs.previous_dir else None
    if previous is not None and _header(previous) == key:
        shutil.copyfile(previous, directory / SIDE_FILE)
        return
    side = compute_side(list(inputs.opportunities), list(inputs.passages), list(inputs.projects))
    _store(directory / SIDE_FILE, key, side)


def load_side(index: Any) -> CordisSide:
    """The stored side of an opened ``HybridIndex``; rebuilt (and stored again) when missing or stale."""
    path = index.directory / SIDE_FILE
    key = side_key(index.manifest.catalogue_digest)
    if _header(path) == key:
        try:
            with path.open("rb") as handle:
                pickle.load(handle)
                side = pickle.load(handle)
            if isinstance(side, CordisSide):
                return side
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            pass
    logger.warning("the CORDIS side stored at %s is missing or stale: computing it again", path)
    side = compute_side(list(index.opportunities()), list(index.passages()), list(index.projects()))
    with contextlib.suppress(OSError):  # a read-only index still answers; it pays this again next time
        _store(path, key, side)
    return side


def _header(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            header = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return header.get("key") if isinstance(header, dict) else None


def _store(path: Path, key: str, side: CordisSide) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"key": key, "version": SIDE_VERSION}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(side, handle, protocol=pickle.HIGHEST_PROTOCOL)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
