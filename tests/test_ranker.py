"""The learned ranker on a small real index (MiniLM): training data, features, deterministic
training, the stored model, and the fallback to fusion when it is missing or stale."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from evaluation.cases import EvalCase
from evaluation.project_queries import project_profile, project_query
from evaluation.ranker_data import (
    FeatureTable,
    build_feature_table,
    case_ids,
    index_families,
    select_queries,
)
from evaluation.ranker_training import TrainingConfig, fit, predict, train_and_save
from evaluation.runner import run_evaluation
from fundmatch.app.wiring import open_recommender
from fundmatch.core.errors import SettingsError
from fundmatch.core.models import FundedProject, Organisation
from fundmatch.core.settings import Settings
from fundmatch.index import build_index
from fundmatch.retrieval.features import FEATURE_NAMES, family_statistics
from fundmatch.retrieval.learned import (
    META_FILE,
    MODEL_FILE,
    LearnedRanker,
    RankerMeta,
    index_identity,
    load_ranker,
    ranker_dir,
)
from fundmatch.retrieval.recommend import ALL_STATUSES, Recommender
from tests.index_fixtures import minilm
from tests.ranker_fixtures import SPLIT, funded_projects, ranker_settings, snapshot

SMALL = TrainingConfig(min_data_in_leaf=3, max_rounds=30, early_stopping=10, num_leaves=7)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("ranker-data")
    build_index(snapshot(), ranker_settings(directory), embedder=minilm(), embed_projects=False)
    return directory


@pytest.fixture(scope="module")
def recommender(data_dir: Path) -> Recommender:
    return open_recommender(ranker_settings(data_dir))


@pytest.fixture(scope="module")
def table(recommender: Recommender, data_dir: Path) -> FeatureTable:
    queries = select_queries(recommender.index.projects(), index_families(recommender), set(), SPLIT, 10)
    identity = index_identity(recommender.index, recommender.settings.embedding_model)
    return build_feature_table(recommender, queries, data_dir / "features.sqlite", identity)


def _project(organisations: tuple[Organisation, ...], objective: str = "We build things.") -> FundedProject:
    return FundedProject(
        id="1",
        acronym="X",
        title="X",
        objective=objective,
        topic=None,
        call_family=None,
        organisations=organisations,
    )


def test_a_project_reads_as_a_dev_case_request() -> None:
    consortium = _project(
        (
            Organisation(name="a", country="EL", role="coordinator", sme=True, activity_type="PRC"),
            Organisation(name="b", country="DE", role="participant", activity_type="HES"),
            Organisation(name="c", country="DE", role="participant", activity_type="REC"),
            Organisation(name="d", country="FR", role="associatedPartner", activity_type="REC"),
        )
    )
    assert project_profile(consortium) == {
        "organisation_type": "SME",
        "country": "EL",
        "partners": 3,
        "countries": 2,
    }
    assert project_query(consortium) == (
        "We are an SME based in Greece, applying with a consortium of 3 partners from 2 countries. We build things."
    )
    alone = _project((Organisation(name="u", country="NL", role="coordinator", activity_type="HES"),))
    assert project_query(alone).startswith(
        "We are a university based in the Netherlands, applying on our own. "
    )


def test_a_long_objective_is_cut_to_whole_sentences_within_the_limit() -> None:
    sentence = "This sentence is forty-nine characters long, ok. "
    organisations = (Organisation(name="r", country="IT", role="coordinator", activity_type="REC"),)
    query = project_query(_project(organisations, sentence * 40))
    objective = query.split("our own. ", 1)[1]
    assert len(objective) <= 1100 and objective.endswith("ok.")
    assert len(objective) > 1100 - len(sentence)
    one_long_sentence = project_query(_project(organisations, "word " * 400))
    assert len(one_long_sentence.split("our own. ", 1)[1]) == 1100


def test_selection_leaves_out_case_projects_caps_families_and_splits_in_time(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "700001", "query": "q", "gold_family": "CL5-D2"}) + "\n")
    projects = funded_projects()
    families = {p.call_family for p in projects if p.call_family}
    queries = select_queries(projects, families, case_ids([cases]), SPLIT, per_family=2)
    ids = [q.request.project_id for q in queries]
    assert "700001" not in ids
    assert len(queries) == 2 * 2 * len(families)
    assert all((q.start < SPLIT) == (q.split == "train") for q in queries)
    assert queries == select_queries(projects, families, {"700001"}, SPLIT, per_family=2)


def test_family_statistics_count_every_project() -> None:
    stats = family_statistics(funded_projects())
    assert stats["EIC-ACCELERATOR"] == {
        "projects": 6,
        "alone": 1.0,
        "sme": 1.0,
        "partners": pytest.approx(np.log1p(1)),
        "university": 0.0,
        "research": 0.0,
    }
    assert stats["CL5-D2"]["alone"] == 0.0 and stats["CL5-D2"]["university"] == 1.0


def test_every_candidate_has_one_row_of_named_features(table: FeatureTable) -> None:
    assert table.features.shape == (int(table.sizes.sum()), len(FEATURE_NAMES))
    assert len(table.query_ids) == 42 and table.labels.sum() >= 30
    fusion = table.features[:, FEATURE_NAMES.index("fusion_score")]
    assert np.isfinite(fusion).all() and (fusion > 0).any()
    # The family statistics are the same whichever project asks: a leave-one-out count (5 for the
    # asking project's family, 6 for the others) would give the answer away.
    counts = table.features[:, FEATURE_NAMES.index("family_projects")]
    assert np.allclose(counts[table.labels == 1], np.log1p(6))


def test_a_second_build_reads_the_cache(
    recommender: Recommender, data_dir: Path, table: FeatureTable
) -> None:
    queries = select_queries(recommender.index.projects(), index_families(recommender), set(), SPLIT, 10)
    lines: list[str] = []
    again = build_feature_table(
        recommender,
        queries,
        data_dir / "features.sqlite",
        index_identity(recommender.index, "all-minilm-l6-v2"),
        lines.append,
    )
    assert again.digest() == table.digest()
    assert lines == [f"features: {len(queries)}/{len(queries)} queries, 0 computed (0.00/s, ~0 min left)"]


def test_training_on_the_fixture_is_deterministic(table: FeatureTable) -> None:
    first, second = fit(table, SMALL, 20), fit(table, SMALL, 20)
    assert first.model_to_string() == second.model_to_string()
    assert np.array_equal(predict(first, table, SMALL), predict(second, table, SMALL))


def test_the_stored_model_ranks_and_reports_beside_fusion(data_dir: Path, table: FeatureTable) -> None:
    settings = ranker_settings(data_dir, ranker="learned")
    fusion = open_recommender(ranker_settings(data_dir))
    meta = train_and_save(table, SMALL, settings, index_identity(fusion.index, settings.embedding_model))
    assert set(meta.validation) >= {"all", "not_researcher", "rounds", "diversity"}
    assert meta.training_data == table.digest() and meta.feature_names == list(FEATURE_NAMES)
    learned = open_recommender(settings)
    assert isinstance(learned.ranker, LearnedRanker)
    run = learned.run("Recycling lithium from used batteries.", filters=ALL_STATUSES)
    assert run.recommendations and run.recommendations[0].score == 1.0
    # The model learned from English requests only: one searched in German keeps the fusion order.
    german = "Wir wollen Lithium aus gebrauchten Batterien zurückgewinnen, mit Recycling in Deutschland."
    in_german = learned.run(german, filters=ALL_STATUSES)
    assert in_german.profile.language == "de" and in_german.recommendations
    assert [(r.opportunity.id, r.score) for r in in_german.recommendations] == [
        (r.opportunity.id, r.score) for r in fusion.run(german, filters=ALL_STATUSES).recommendations
    ]
    cases = [
        EvalCase(id=p.id, query=project_query(p), gold_family=p.call_family) for p in funded_projects()[:12]
    ]
    both = run_evaluation(learned, cases, baselines=False)
    alone = run_evaluation(fusion, cases, baselines=False)
    assert learned.ranker is not None and isinstance(learned.ranker, LearnedRanker)
    assert both.fusion["mrr@10"] == alone.summary["mrr@10"]
    assert both.fusion_per_family == alone.per_family


def test_without_a_model_the_learned_setting_ranks_by_fusion_with_a_notice(
    data_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    empty = ranker_settings(data_dir, ranker="learned").replace(
        data_dir=tmp_path, index_dir=data_dir / "index"
    )
    with caplog.at_level(logging.WARNING, logger="fundmatch"):
        recommender = open_recommender(empty)
    assert recommender.ranker is None and recommender.ranker_notice is not None
    assert recommender.ranker_notice.text("de").startswith("Kein gelerntes Ranking-Modell")
    assert [r.message for r in caplog.records if r.name == "fundmatch"] == [
        f"No learned ranker model in {tmp_path / 'ranker'}: ranking by fusion; run `fundmatch train-ranker`."
    ]


def test_a_stale_model_ranks_by_fusion_with_a_notice(
    data_dir: Path, table: FeatureTable, tmp_path: Path
) -> None:
    settings = ranker_settings(data_dir, ranker="learned").replace(
        data_dir=tmp_path, index_dir=data_dir / "index"
    )
    recommender = open_recommender(ranker_settings(data_dir))
    identity = index_identity(recommender.index, settings.embedding_model)
    train_and_save(table, SMALL, settings, identity)
    directory = ranker_dir(settings)
    assert load_ranker(settings, recommender.index)[1] is None
    meta = RankerMeta.read(directory)
    replace(meta, index_identity="another index").write(directory)
    ranker, notice = load_ranker(settings, recommender.index)
    assert ranker is None and "stale (the index changed since it was trained)" in notice.text("en")
    replace(meta, feature_names=[*meta.feature_names[:-1]]).write(directory)
    assert "stale (its feature list differs" in _notice(settings, recommender)
    (directory / MODEL_FILE).unlink()
    assert "No learned ranker model" in _notice(settings, recommender)
    assert (directory / META_FILE).is_file()


def _notice(settings: Settings, recommender: Recommender) -> str:
    notice = load_ranker(settings, recommender.index)[1]
    return notice.text("en") if notice else ""


def test_an_unknown_ranker_setting_is_an_error(data_dir: Path, recommender: Recommender) -> None:
    with pytest.raises(SettingsError, match="choose one of: fusion, learned"):
        load_ranker(ranker_settings(data_dir, ranker="neural"), recommender.index)
