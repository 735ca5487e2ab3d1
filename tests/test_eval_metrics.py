"""Metrics and case loading on hand-made cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.cases import load_cases
from evaluation.metrics import (
    family_metrics,
    first_rank,
    latency_percentiles,
    matches_acceptable,
    overlap_at,
    reciprocal_rank,
)
from fundmatch.core.errors import QueryError
from fundmatch.core.families import call_family
from fundmatch.corpus.portal import read_portal_file


def test_ranks_and_family_metrics() -> None:
    ranked = ["CL5-D3", "CL4-DIGITAL", "CL5-D3", "CL6-BIODIV"]
    assert first_rank(ranked, "CL5-D3", 10) == 1
    assert first_rank(ranked, "CL6-BIODIV", 10) == 4
    assert first_rank(ranked, "CL6-BIODIV", 3) is None
    assert reciprocal_rank(4) == 0.25
    assert reciprocal_rank(None) == 0.0
    metrics = family_metrics([1, 4, None, 7])
    assert metrics == {
        "hit@1": 0.25,
        "hit@5": 0.5,
        "hit@10": 0.75,
        "mrr@10": pytest.approx((1 + 0.25 + 1 / 7) / 4),
    }


def test_acceptable_matches_id_family_or_source() -> None:
    assert matches_acceptable("HORIZON-EIC-2026-ACCELERATOR-01", "EIC-ACCELERATOR", "", ["EIC-ACCELERATOR"])
    assert matches_acceptable("investeu_sme_window_guarantees", None, "x.md", ["investeu_sme_window"])
    assert matches_acceptable("INNOVFUND-2025-NZT-GENERAL-SSP", "INNOVFUND-NZT", "", ["innovfund"])
    assert not matches_acceptable("HORIZON-CL5-2026-D3-01-01", "CL5-D3", "feed", ["CL4-DIGITAL"])


def test_overlap_and_latency() -> None:
    assert overlap_at(["a", "b", "c", "d", "e", "f"], ["e", "d", "x", "b", "a"]) == 4
    figures = latency_percentiles([0.1] * 19 + [1.0])
    assert figures["latency_p50_ms"] == 100.0
    assert 100.0 < figures["latency_p95_ms"] <= 1000.0


def test_load_both_case_forms(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    rows = [
        {"id": "1", "query": "q1", "profile": {"country": "FR"}, "gold_family": "CL2-DEMOCRACY"},
        {"id": "2", "query": "q2", "gold_programme": "none", "acceptable": []},
        {
            "id": "3",
            "query": "q3",
            "gold_programme": "InvestEU",
            "acceptable": ["investeu_sme"],
            "group": "g",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    cases = load_cases(path)
    assert [c.gold_family for c in cases] == ["CL2-DEMOCRACY", None, None]
    assert [c.expects_nothing for c in cases] == [False, True, False]
    assert cases[2].acceptable == ("investeu_sme",) and cases[2].group == "g"
    assert len(load_cases(path, limit=2)) == 2


def test_bad_case_file_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "1", "query": "q"}\n', encoding="utf-8")
    with pytest.raises(QueryError, match="neither"):
        load_cases(path)
    with pytest.raises(QueryError, match="cannot read"):
        load_cases(tmp_path / "missing.jsonl")


def test_shipped_case_files_are_valid() -> None:
    folder = Path(__file__).resolve().parent.parent / "evaluation" / "cases"
    routing = load_cases(folder / "routing.jsonl")
    assert {c.gold_programme for c in routing} == {"InvestEU", "Innovation Fund", "Horizon Europe", "none"}
    assert {c.language for c in routing} == {"en", "de", "fr", "it", "es", "pl"}
    multilingual = load_cases(folder / "multilingual.jsonl") + load_cases(
        folder / "multilingual_heldout.jsonl"
    )
    groups: dict[str, set[str]] = {}
    for case in multilingual:
        groups.setdefault(case.group or "", set()).add(case.language or "")
    assert all(languages == {"en", "de", "fr", "it", "es", "pl"} for languages in groups.values())
    # one English reference and one English rewording per group; ids unique
    for group in groups:
        english = [c for c in multilingual if c.group == group and c.language == "en"]
        assert sorted(c.paraphrase for c in english) == [False, True], group
    assert len({c.id for c in multilingual}) == len(multilingual)


def test_acceptable_entries_name_families_or_files_of_the_shared_corpus() -> None:
    """A family spelled wrong in a case file would silently never match (it happened: CL1-* for HLTH-*)."""
    repo = Path(__file__).resolve().parent.parent
    corpus = repo.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not available")
    topic_ids = [
        topic_id
        for path in (corpus / "horizon_europe").glob("ft_portal_topics_*.jsonl.gz")
        for topic_id in read_portal_file(path).topics
    ]
    families = {call_family(topic_id) for topic_id in topic_ids}
    # the same rule as matches_acceptable: a family, or part of a topic id or of a source file name
    names = [name.lower() for name in topic_ids] + [path.name.lower() for path in corpus.rglob("*.md")]
    for name in ("routing.jsonl", "multilingual.jsonl", "multilingual_heldout.jsonl"):
        for case in load_cases(repo / "evaluation" / "cases" / name):
            for entry in case.acceptable:
                known = entry in families or any(entry.lower() in name for name in names)
                assert known, f"{name}: {case.id} accepts {entry!r}, which names nothing in the corpus"
