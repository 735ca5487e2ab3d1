"""Integration: a real slice of ../shared/corpus, loaded with the loaders, indexed with MiniLM into tmp."""

from __future__ import annotations

from pathlib import Path

import pytest

from fundmatch.core.models import INVESTEU
from fundmatch.core.settings import load_settings
from fundmatch.corpus.load import load_corpus
from fundmatch.embeddings.registry import get_embedder
from fundmatch.index import build_index, open_index
from fundmatch.retrieval.eligibility import scheme_of
from fundmatch.retrieval.recommend import ALL_STATUSES, Recommender
from fundmatch.retrieval.similar import SimilarProjectModel

pytestmark = pytest.mark.slow

# The portal topic files, the fact sheets and CORDIS; the work programme PDFs are left out for speed.
_PARTS = ("eic", "innovation_fund", "investeu", "cordis")
_TOPIC_FILES = ("ft_portal_topics_open_forthcoming", "ft_portal_topics_union")


def _slice(shared_corpus: Path, target: Path) -> Path:
    for part in (*_PARTS, "horizon_europe"):
        (target / part).mkdir(parents=True)
        for path in (shared_corpus / part).iterdir():
            if part != "horizon_europe" or path.name.startswith(_TOPIC_FILES):
                (target / part / path.name).symlink_to(path)
    return target


@pytest.fixture(scope="module")
def recommender(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    shared = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    if not shared.is_dir():
        pytest.skip("../shared/corpus is not available")
    root = tmp_path_factory.mktemp("real")
    snapshot = load_corpus(_slice(shared, root / "corpus"), limit=150, pdf_workers=1)
    settings = load_settings(
        env={},
        overrides={
            "data_dir": root / "data",
            "embedding_model": "all-minilm-l6-v2",
            "embedding_runtime": "torch",
        },
    )
    embedder = get_embedder(settings)
    build_index(snapshot, settings, embedder=embedder, embed_projects=False)
    index = open_index(settings)
    return Recommender(index, embedder, SimilarProjectModel.fit(index.projects()), settings)


def test_research_project_gets_horizon_topics_with_evidence(recommender: Recommender) -> None:
    run = recommender.run(
        "We are a university in Spain leading 7 partners from 5 countries. We develop new catalysts "
        "that convert captured CO2 and green hydrogen into sustainable aviation fuels.",
        filters=ALL_STATUSES,
    )
    assert len(run.recommendations) == 10
    top = run.recommendations[0]
    assert top.opportunity.programme == "Horizon Europe"
    assert top.evidence and top.evidence[0].text
    assert run.similar_projects, "CORDIS projects should vote"
    assert all(r.eligibility.verdict != "not eligible" for r in run.recommendations[:3])


def test_sme_loan_goes_to_investeu_with_route(recommender: Recommender) -> None:
    run = recommender.run(
        "Nous sommes une PME de 40 salariés en Bretagne et cherchons un prêt bancaire de 800 000 euros "
        "avec une garantie pour acheter des machines."
    )
    top = run.recommendations[0]
    assert top.opportunity.programme == INVESTEU
    assert "bank" in top.why
    assert top.eligibility.verdict == "eligible"


def test_lone_startup_sees_eic_accelerator_eligible(recommender: Recommender) -> None:
    run = recommender.run(
        "We are a 12-person start-up in Estonia with a breakthrough sodium battery at TRL 6; we apply alone "
        "for a grant and equity to bring it to market.",
        filters=ALL_STATUSES,
        k=20,
    )
    verdicts = {r.opportunity.id: r.eligibility.verdict for r in run.recommendations}
    accelerator = [oid for oid in verdicts if "ACCELERATOR" in oid.upper()]
    assert accelerator, f"no EIC Accelerator in {list(verdicts)}"
    assert verdicts[accelerator[0]] == "eligible"
    collaborative = [
        r for r in run.recommendations if scheme_of(r.opportunity) in {"horizon-ria", "horizon-ia"}
    ]
    assert all(r.eligibility.verdict == "not eligible" for r in collaborative)
