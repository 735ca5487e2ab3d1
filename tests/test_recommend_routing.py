"""The recommender end to end on a small hand-written corpus: the CLI, routing to InvestEU and the
Innovation Fund, keyword search of other languages, refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fundmatch.chat.reasons import why_text
from fundmatch.core.errors import QueryError
from fundmatch.core.models import (
    INNOVATION_FUND,
    Profile,
)
from fundmatch.embeddings.registry import get_embedder
from fundmatch.retrieval.hybrid import HybridRetriever
from fundmatch.retrieval.recommend import Recommender
from tests.recommend_fixtures import AS_OF, IF_CALL, IF_SHEET, OTHER_PROGRAMME_TOPIC


def test_cli_recommend_and_eval(
    recommender: Recommender, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from click.testing import CliRunner

    from fundmatch.app.cli import cli
    from fundmatch.app.commands import register_all

    register_all(cli)
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(recommender.settings.data_dir))
    monkeypatch.setenv("FUNDMATCH_EMBEDDING_MODEL", "all-minilm-l6-v2")
    monkeypatch.setenv("FUNDMATCH_AS_OF", AS_OF.isoformat())
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "recommend",
            "Soil sensors to cut nitrogen fertiliser on farms",
            "--json",
            "--profile",
            '{"country": "IT"}',
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["profile"]["country"] == "IT"
    assert payload["recommendations"][0]["opportunity"]["id"] == "HORIZON-CL6-2026-FARM2FORK-01-02"

    tiles = "Collecting and pre-sorting ceramic tiles from demolition sites"
    result = runner.invoke(cli, ["recommend", tiles, "--json", "--programme", "innovation fund"])
    assert result.exit_code == 0, result.output
    programmes = {r["opportunity"]["programme"] for r in json.loads(result.stdout)["recommendations"]}
    assert programmes == {"Innovation Fund"}
    result = runner.invoke(cli, ["recommend", tiles, "--json", "--all-programmes"])
    assert json.loads(result.stdout)["recommendations"][0]["opportunity"]["id"] == OTHER_PROGRAMME_TOPIC
    result = runner.invoke(cli, ["recommend", tiles, "--programme", "Erasmus+"])
    assert isinstance(result.exception, QueryError)
    assert "Unknown programme 'Erasmus+'; the index has: Horizon Europe; Innovation Fund" in str(
        result.exception
    )

    cases = tmp_path / "cases.jsonl"
    rows = [
        {
            "id": "900003",
            "query": "Soil sensing for precision nitrogen fertilisation",
            "gold_family": "CL6-FARM2FORK",
        },
        {
            "id": "r1",
            "query": "SME loan of EUR 400,000 for machinery",
            "gold_programme": "InvestEU",
            "acceptable": ["investeu_sme_window"],
        },
    ]
    cases.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = runner.invoke(
        cli, ["eval", "--cases", str(cases), "--json", "--report", str(tmp_path / "report")]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["hit@1"] == 1.0 and summary["programme@1"] == 1.0
    assert set(summary["baselines"]) == {"tfidf", "bm25"}
    assert (tmp_path / "report" / "metrics.png").is_file()
    report = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "All statuses ranked, programmes: Horizon Europe, Euratom" in report


def test_non_english_keyword_search_adds_english_terms_but_not_dense_passages(
    recommender: Recommender,
) -> None:
    retriever = HybridRetriever(recommender.index, recommender._retriever._embedder, recommender.settings)
    query = "Recycling von Festkörper-Lithiumbatterien"
    german = retriever.run(query, language="de")
    assert german.keyword_text == f"{query}\nbattery; recycling; lithium"
    english = retriever.run("Recycling solid-state lithium batteries", language="en")
    assert english.keyword_text == "Recycling solid-state lithium batteries"


def test_projects_of_a_family_with_no_current_call_vote_for_the_most_alike_current_one(
    recommender: Recommender,
) -> None:
    run = recommender.run("We are a deep-tech start-up and want to scale up our breakthrough innovation.")
    eic = next(r for r in run.recommendations if r.opportunity.id == "HORIZON-EIC-2026-ACCELERATOR-01")
    assert [p.acronym for p in eic.similar_projects] == ["DEEPSCALE"]
    assert [c.key for c in eic.why_codes][:2] == ["text_match", "similar_funded_earlier"]
    assert "funded under EIE-SCALEUP, which has no call open now" in why_text(eic.why_codes)
    settings = recommender.settings.replace(carry_over_votes=0.0)
    off = Recommender(recommender.index, get_embedder(settings), recommender.similar, settings)
    plain = next(
        r
        for r in off.run(
            "We are a deep-tech start-up and want to scale up our breakthrough innovation."
        ).recommendations
        if r.opportunity.id == "HORIZON-EIC-2026-ACCELERATOR-01"
    )
    assert plain.similar_projects == () and eic.score > plain.score


class _KeywordSearchLog:
    """The real index, noting the texts its BM25 search is asked for."""

    def __init__(self, index: object) -> None:
        self._index = index
        self.keyword_texts: list[str] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self._index, name)

    def keyword_search(self, query: str, k: int) -> list:
        self.keyword_texts.append(query)
        return self._index.keyword_search(query, k)


def test_a_non_english_query_naming_one_domain_term_is_not_searched_by_bm25(recommender: Recommender) -> None:
    index = _KeywordSearchLog(recommender.index)
    retriever = HybridRetriever(index, get_embedder(recommender.settings), recommender.settings)  # type: ignore[arg-type]
    one_term = retriever.run("Wir entwickeln neue Batterien für Busse", language="de")
    assert one_term.keyword_text.endswith("\nbattery") and index.keyword_texts == []
    assert one_term.matches, "the dense search still ranks opportunities"
    retriever.run("Recycling von Festkörper-Lithiumbatterien", language="de")
    assert index.keyword_texts == ["Recycling von Festkörper-Lithiumbatterien\nbattery; recycling; lithium"]


PLANT = (
    "Jesteśmy polską firmą budującą instalację do produkcji zielonego wodoru dla rafinerii. "
    "Koszt inwestycji 12 mln euro."
)


def test_a_large_decarbonisation_plant_reaches_the_innovation_fund_even_unfound_by_text(
    recommender: Recommender,
) -> None:
    narrow = Recommender(
        recommender.index,
        recommender._retriever._embedder,
        recommender.similar,
        recommender.settings.replace(candidate_passages=2),
    )
    found = {m.opportunity_id for m in narrow._retriever.run(PLANT, "pl").matches}
    assert not found & {IF_CALL, IF_SHEET}, "the text search alone must miss the Innovation Fund here"
    first, second = narrow.run(PLANT).recommendations[:2]
    assert {first.opportunity.id, second.opportunity.id} == {IF_CALL, IF_SHEET}
    assert [c.key for c in first.why_codes] == ["fits_innovation_fund"], "a call is open: no gap"
    assert "yours is EUR 12,000,000" in why_text(first.why_codes)


def test_between_two_innovation_fund_calls_the_cards_say_which_closed_last(recommender: Recommender) -> None:
    run = recommender.run(PLANT, as_of=date(2026, 11, 24))
    sheet = next(r for r in run.recommendations if r.opportunity.programme == INNOVATION_FUND)
    assert sheet.opportunity.id == IF_SHEET
    gap = next(c for c in sheet.why_codes if c.key == "no_open_call")
    assert dict(gap.params) == {
        "programme": INNOVATION_FUND,
        "call": IF_CALL,
        "closed_date": "2026-09-30",
        "opening_dates": "2026-01-15",
    }
    assert "No Innovation Fund call is open now: the last one, INNOVFUND-2025-NZT-GENERAL-SSP" in why_text(
        sheet.why_codes
    )


def test_nonsense_is_a_one_line_error_while_one_known_word_in_any_language_is_searched(
    recommender: Recommender,
) -> None:
    with pytest.raises(QueryError, match="None of the words of this description occurs"):
        recommender.run("asdfgh qwerty zxcv")
    assert recommender.run("Festkörperbatterien").recommendations, "a German glossary term"
    assert recommender.run("qwertz Bayern").recommendations, "a place is a word the matcher reads"
    assert recommender.run("Wir sind ein KMU und wollen asdfgh").recommendations, (
        "German by its function words"
    )


def test_a_language_the_caller_detected_is_not_detected_again(
    recommender: Recommender, monkeypatch: pytest.MonkeyPatch
) -> None:
    def detect(text: str, default: str = "en") -> str:
        raise AssertionError("detected twice")

    monkeypatch.setattr("fundmatch.retrieval.profile.detect_language", detect)
    text = "We recycle lithium batteries from electric vehicles."
    assert recommender.run(text, language="en").profile.language == "en"
    assert recommender.run(text, profile=Profile(language="en")).recommendations
