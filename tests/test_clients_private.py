"""A client's own call documents: stored with their vectors, searched with the snapshot's index and
cited like it, for that client only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fundmatch.app.wiring import ClientRanking, open_profile_store, open_recommender, profile_fields
from fundmatch.clients.private_docs import PrivateDocuments
from fundmatch.clients.store import SavedProfile
from fundmatch.clients.uploads import read_call_document
from fundmatch.core.errors import ProfileError
from fundmatch.core.models import OWN_DOCUMENTS
from fundmatch.core.settings import Settings, load_settings
from fundmatch.index.overlay import ExtraPassages, OverlayIndex
from fundmatch.retrieval.recommend import Recommender
from tests.chat_fakes import build_fixture_index
from tests.corpus_samples import make_pdf
from tests.index_fixtures import CountingEmbedder

VALLEYS = [
    [
        "Saxon call for hydrogen valleys",
        "Expected Outcome: regional hydrogen valleys connect electrolysers, pipelines and industrial users.",
        "Scope: pilots with at least two municipalities and one SME producing green hydrogen.",
    ]
]
DESCRIPTION = (
    "We are an SME in Saxony producing green hydrogen with electrolysers for a regional hydrogen valley."
)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(env=build_fixture_index(tmp_path_factory.mktemp("private") / "data"))


@pytest.fixture(scope="module")
def recommender(settings: Settings) -> Recommender:
    return open_recommender(settings)


@pytest.fixture
def ranking(settings: Settings, recommender: Recommender, tmp_path: Path) -> ClientRanking:
    store = open_profile_store(settings.replace(data_dir=tmp_path / "clients"))
    store.save(SavedProfile(name="Valley GmbH", description=DESCRIPTION))
    store.save(SavedProfile(name="Other", description=DESCRIPTION))
    return ClientRanking(recommender, store)


def _upload(ranking: ClientRanking, name: str = "Valley GmbH") -> bool:
    recommender = ranking.recommender
    known = {o.id: o for o in recommender.index.opportunities()}
    document = read_call_document("hydrogen-valleys.pdf", make_pdf(VALLEYS), 1_000_000, known)
    return ranking.documents.add(name, document, recommender.embedder)


def test_an_own_call_document_is_ranked_and_cited_for_its_client_only(ranking: ClientRanking) -> None:
    before = ranking.run(DESCRIPTION, None, None, 5, "Valley GmbH").recommendations
    assert all(r.opportunity.programme != OWN_DOCUMENTS for r in before)
    assert _upload(ranking) and not _upload(ranking)  # the same file twice is stored once
    mine = ranking.run(DESCRIPTION, None, None, 5, "Valley GmbH").recommendations
    own = [r for r in mine if r.opportunity.programme == OWN_DOCUMENTS]
    assert len(own) == 1 and own[0] is mine[0]
    assert own[0].opportunity.title == "Saxon call for hydrogen valleys"
    assert own[0].evidence and own[0].evidence[0].source == "hydrogen-valleys.pdf"
    assert own[0].evidence[0].page == 1
    others = ranking.run(DESCRIPTION, None, None, 5, "Other").recommendations
    assert all(r.opportunity.programme != OWN_DOCUMENTS for r in others)
    assert len(mine) == len(before) + 1


def test_the_digest_ranker_sees_the_documents_and_removal_forgets_them(ranking: ClientRanking) -> None:
    _upload(ranking)
    saved = ranking.store.get("Valley GmbH")
    assert profile_fields(saved.profile) == {}
    ranked = ranking.ranker(5)(saved)
    assert ranked[0].opportunity.programme == OWN_DOCUMENTS
    (info,) = ranking.documents.list("Valley GmbH")
    assert (info.name, info.passages, info.opportunity_id) == ("hydrogen-valleys.pdf", 1, ranked[0].id)
    ranking.documents.remove("Valley GmbH", "hydrogen-valleys.pdf")
    assert all(r.opportunity.programme != OWN_DOCUMENTS for r in ranking.ranker(5)(saved))
    with pytest.raises(ProfileError, match="no document named"):
        ranking.documents.remove("Valley GmbH", "hydrogen-valleys.pdf")


def test_deleting_the_client_deletes_its_documents(ranking: ClientRanking) -> None:
    _upload(ranking)
    ranking.store.delete("Valley GmbH")
    ranking.store.save(SavedProfile(name="Valley GmbH", description=DESCRIPTION))
    assert ranking.documents.list("Valley GmbH") == []


def test_documents_embedded_with_another_model_are_embedded_again(ranking: ClientRanking) -> None:
    _upload(ranking)
    counting = CountingEmbedder(ranking.recommender.embedder)
    counting.name = "another-model"
    documents = PrivateDocuments(ranking.store)
    extra = documents.collection("Valley GmbH", counting)
    assert len(counting.embedded) == 1 and extra.vectors.shape == (1, counting.dimension)
    documents.collection("Valley GmbH", counting)
    assert len(counting.embedded) == 1  # stored under the new model: not embedded a second time


def test_overlay_merges_dense_hits_by_score_and_bm25_over_both(ranking: ClientRanking) -> None:
    base = ranking.recommender.index
    embedder = ranking.recommender.embedder
    known = {o.id: o for o in base.opportunities()}
    document = read_call_document("hydrogen-valleys.pdf", make_pdf(VALLEYS), 1_000_000, known)
    vector = embedder.embed_passages([document.passages[0].text])
    vector = vector / np.linalg.norm(vector, axis=1, keepdims=True)
    overlay = OverlayIndex(base, ExtraPassages(document.passages, vector, (document.opportunity,)))
    query = embedder.embed_query("regional hydrogen valleys with electrolysers")
    dense = overlay.dense_search(query, 3)
    assert dense[0].id == document.passages[0].id
    assert [h.score for h in dense] == sorted((h.score for h in dense), reverse=True)
    assert overlay.keyword_search("hydrogen valleys municipalities", 2)[0].id == document.passages[0].id
    assert overlay.opportunity(document.opportunity.id).programme == OWN_DOCUMENTS
    assert len(overlay.passages()) == len(base.passages()) + 1
    assert overlay.dense_search(query, 3, where={"programme": "InvestEU"})[0].id != document.passages[0].id
