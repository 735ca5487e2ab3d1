"""Small hand-written snapshots and a shared MiniLM embedder for the index, ingest and update tests."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import numpy as np

from fundmatch.core.models import (
    HORIZON_EUROPE,
    INNOVATION_FUND,
    INVESTEU,
    KIND_CALL_TOPIC,
    KIND_FINANCIAL_PRODUCT,
    FundedProject,
    Opportunity,
    Organisation,
    Passage,
    SkippedFile,
)
from fundmatch.core.settings import Settings, load_settings
from fundmatch.corpus.snapshot import CorpusSnapshot
from fundmatch.embeddings.base import Embedder
from fundmatch.embeddings.registry import get_embedder

TEXTS = {
    "he-hydrogen": "Green hydrogen electrolysers for steel plants: demonstrate large-scale renewable "
    "hydrogen production and its use to decarbonise primary steelmaking.",
    "he-health": "Clinical trials of new antibiotics against resistant bacteria in hospitals, "
    "with patient cohorts across several European countries.",
    "if-batteries": "Manufacturing of battery cells and components for electric vehicles in "
    "Europe; the Innovation Fund supports first-of-a-kind gigafactories.",
    "ie-sme-loans": "Bank loans and guarantees for small and medium-sized enterprises that want "
    "to digitalise; apply through your local commercial bank.",
    "de-solar": "Förderung von Photovoltaik-Anlagen auf Fabrikdächern für kleine und mittlere "
    "Unternehmen in ländlichen Regionen.",
}


def opportunity(opportunity_id: str, programme: str, **fields: object) -> Opportunity:
    """An opportunity with sensible defaults for the fields a test does not care about."""
    values: dict[str, object] = {
        "kind": KIND_CALL_TOPIC,
        "title": f"Title of {opportunity_id}",
        "source": f"fixtures/{opportunity_id}.json",
        "status": "open",
    }
    values.update(fields)
    return Opportunity(id=opportunity_id, programme=programme, **values)  # type: ignore[arg-type]


def small_snapshot() -> CorpusSnapshot:
    """Five passages over four opportunities, two funded projects and one skipped file."""
    opportunities = [
        opportunity(
            "HORIZON-CL5-H2",
            HORIZON_EUROPE,
            type_of_action="IA",
            deadlines=(date(2026, 4, 23),),
        ),
        opportunity(
            "HORIZON-HLTH-AMR",
            HORIZON_EUROPE,
            type_of_action="RIA",
            status="forthcoming",
            deadlines=(date(2026, 9, 1), date(2027, 2, 1)),
        ),
        opportunity("IF25-BATT", INNOVATION_FUND, deadlines=(date(2026, 4, 23),)),
        opportunity("INVESTEU-SME", INVESTEU, kind=KIND_FINANCIAL_PRODUCT, status="unknown"),
    ]
    owner = {
        "he-hydrogen": "HORIZON-CL5-H2",
        "he-health": "HORIZON-HLTH-AMR",
        "if-batteries": "IF25-BATT",
        "ie-sme-loans": "INVESTEU-SME",
        "de-solar": "INVESTEU-SME",
    }
    passages = [
        Passage(id=key, text=text, source=f"fixtures/{key}.md", opportunity_id=owner[key], section="Scope")
        for key, text in TEXTS.items()
    ]
    projects = [
        FundedProject(
            id="101000001",
            acronym="H2STEEL",
            title="Hydrogen direct reduction of iron ore",
            objective="We demonstrate hydrogen-based direct reduction of iron ore in a steel plant. " * 10,
            topic="HORIZON-CL4-2021-TWIN-TRANSITION-01-01",
            call_family="HORIZON-CL4",
            start_date=date(2022, 1, 1),
            organisations=(
                Organisation(name="Acme Steel GmbH", country="DE", role="coordinator", sme=False),
                Organisation(name="Hydro Lab", country="SE", role="participant", sme=True),
            ),
        ),
        FundedProject(
            id="101000002",
            acronym="PHAGE",
            title="Phage therapy against resistant infections",
            objective="Clinical study of bacteriophage therapy for antibiotic resistant infections.",
            topic="HORIZON-HLTH-2022-DISEASE-03",
            call_family="HORIZON-HLTH",
            organisations=(Organisation(name="Uni Clinic", country="FR", role="coordinator"),),
        ),
    ]
    skipped = [SkippedFile(path="fixtures/broken.pdf", reason="not a PDF (no %PDF header)")]
    return CorpusSnapshot(opportunities, passages, projects, skipped, ["fixtures/a.json"])


class CountingEmbedder:
    """Wraps a real embedder, counts the texts it embedded, and can fail after some calls."""

    def __init__(self, inner: Embedder, fail_after_calls: int | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.runtime = inner.runtime
        self.embedded: list[str] = []
        self.calls = 0
        self.fail_after_calls = fail_after_calls

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if self.fail_after_calls is not None and self.calls >= self.fail_after_calls:
            raise RuntimeError("embedder failed mid-build")
        self.calls += 1
        self.embedded.extend(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)


@cache
def minilm() -> Embedder:
    """The real all-MiniLM-L6-v2 embedder, loaded once per test session."""
    return get_embedder(
        load_settings(env={}, overrides={"embedding_model": "all-minilm-l6-v2", "embedding_runtime": "torch"})
    )


def minilm_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings for an index under ``data_dir`` built with MiniLM, project vectors included."""
    return load_settings(
        env={},
        overrides={
            "data_dir": data_dir,
            "embedding_model": "all-minilm-l6-v2",
            "embedding_runtime": "torch",
            "embed_projects": True,
            **overrides,
        },
    )
