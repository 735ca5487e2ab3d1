"""The recommender end to end on a small hand-written corpus, indexed with the real MiniLM model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fundmatch.chat.reasons import eligibility_reasons, why_text
from fundmatch.core.errors import QueryError
from fundmatch.core.models import (
    HORIZON_EUROPE,
    INNOVATION_FUND,
    INVESTEU,
    KIND_CALL_TOPIC,
    KIND_FINANCIAL_PRODUCT,
    KIND_PROGRAMME_INFO,
    FundedProject,
    Opportunity,
    Organisation,
    Passage,
)
from fundmatch.core.settings import Settings, load_settings
from fundmatch.corpus.snapshot import CorpusSnapshot
from fundmatch.embeddings.registry import get_embedder
from fundmatch.index import build_index, open_index
from fundmatch.retrieval.hybrid import HybridRetriever
from fundmatch.retrieval.recommend import ALL_STATUSES, EVERYTHING, Recommender
from fundmatch.retrieval.routing import UNSUPPORTED_MARGINS
from fundmatch.retrieval.similar import SimilarProjectModel

AS_OF = date(2026, 6, 1)
OTHER_PROGRAMME_TOPIC = "LIFE-2026-CIRC-01"
OPEN = {"opening_date": date(2026, 1, 15), "deadlines": (date(2026, 9, 30),)}
IF_CALL = "INNOVFUND-2025-NZT-GENERAL-SSP"
IF_SHEET = "innovation_fund_overview"

_TOPICS = [
    (
        "HORIZON-CL5-2026-D2-01-01",
        "HORIZON Research and Innovation Actions",
        "Recycling of next-generation batteries",
        "Projects develop recycling processes for solid-state and lithium-ion batteries that recover lithium, "
        "cobalt, nickel and other critical raw materials at high yield and low energy use. Projects are "
        "expected to reach TRL 5-6.",
        OPEN,
    ),
    (
        "HORIZON-CL6-2026-FARM2FORK-01-02",
        "HORIZON Innovation Actions",
        "Precision fertilisation for sustainable farming",
        "Farmers use soil sensors, satellite data and decision support tools to reduce nitrogen fertiliser "
        "use and nutrient losses while keeping crop yields.",
        OPEN,
    ),
    (
        "HORIZON-CL2-2026-DEMOCRACY-01-03",
        "HORIZON Coordination and Support Actions",
        "Citizen participation and trust in democracy",
        "Actions scale up democratic innovations such as citizen assemblies and participatory budgeting, "
        "involving young people in local policy decisions.",
        OPEN,
    ),
    (
        "HORIZON-CL1-2026-DISEASE-01-04",
        "HORIZON Research and Innovation Actions",
        "Artificial intelligence for early diagnosis of infections",
        "Research on machine learning tools that detect sepsis and severe infections early in hospital "
        "patients from routine clinical data, validated in clinical studies.",
        OPEN,
    ),
    (
        "HORIZON-EIC-2026-ACCELERATOR-01",
        "HORIZON EIC Grants",
        "EIC Accelerator",
        "Support for single start-ups and SMEs to develop and scale up breakthrough deep-tech innovations, "
        "combining a grant with an equity investment from the EIC Fund.",
        OPEN,
    ),
    (
        "HORIZON-MSCA-2026-PF-01-01",
        "HORIZON Marie Sklodowska-Curie Actions",
        "MSCA Postdoctoral Fellowships 2026",
        "Fellowships for experienced researchers in any field, for example battery materials, recycling of "
        "lithium batteries and critical raw materials, hosted by a university, research organisation or SME.",
        OPEN,
    ),
    (
        "HORIZON-CL5-2024-D3-01-09",
        "HORIZON Innovation Actions",
        "Solar photovoltaic module manufacturing",
        "Demonstration of high-efficiency photovoltaic module production lines in Europe.",
        {"opening_date": date(2024, 1, 10), "deadlines": (date(2024, 4, 18),)},
    ),
]
_PROJECTS = [
    ("900001", "BATREC", "Hydrometallurgical recycling of lithium batteries", "HORIZON-CL5-2022-D2-01-07"),
    (
        "900002",
        "SOLIDLOOP",
        "Closing the loop for solid-state battery materials",
        "HORIZON-CL5-2023-D2-01-03",
    ),
    (
        "900003",
        "AGRISENSE",
        "Soil sensing for precision nitrogen fertilisation",
        "HORIZON-CL6-2022-FARM2FORK-01-05",
    ),
    (
        "900004",
        "DEMOYOUTH",
        "Youth citizen assemblies for local democracy",
        "HORIZON-CL2-2023-DEMOCRACY-01-02",
    ),
    (
        "900005",
        "SEPSIS-AI",
        "Machine learning for early sepsis detection in intensive care",
        "HORIZON-CL1-2022-DISEASE-03-01",
    ),
    # Funded under a family with no opportunity in this corpus (EIE-SCALEUP).
    (
        "900006",
        "DEEPSCALE",
        "Single deep-tech start-ups scale up breakthrough innovations",
        "HORIZON-EIE-2022-SCALEUP-01-02",
    ),
]


def _snapshot() -> CorpusSnapshot:
    opportunities, passages = [], []
    for ident, action, title, text, dates in _TOPICS:
        opportunities.append(
            Opportunity(
                id=ident,
                programme=HORIZON_EUROPE,
                kind=KIND_CALL_TOPIC,
                title=title,
                source="topics.jsonl",
                type_of_action=action,
                **dates,
            )
        )
        passages.append(
            Passage(id=f"{ident}#0", text=f"{title}. {text}", source="topics.jsonl", opportunity_id=ident)
        )
    products = [
        (
            "investeu_sme_window_guarantees",
            "InvestEU SME window guarantees",
            "Banks and guarantee institutions receive an EU guarantee so they can lend more to small and "
            "medium-sized enterprises: loans for machinery, working capital and investment.",
        ),
        (
            "investeu_venture_debt_equity",
            "InvestEU venture debt and equity",
            "Venture capital funds and venture debt for innovative growth companies, through EIF and EIB.",
        ),
    ]
    for ident, title, text in products:
        opportunities.append(
            Opportunity(
                id=ident,
                programme=INVESTEU,
                kind=KIND_FINANCIAL_PRODUCT,
                title=title,
                source=f"{ident}.md",
                status="open",
            )
        )
        passages.append(
            Passage(id=f"{ident}#0", text=f"{title}. {text}", source=f"{ident}.md", opportunity_id=ident)
        )
    opportunities.append(
        Opportunity(
            id=IF_CALL,
            programme=INNOVATION_FUND,
            kind=KIND_CALL_TOPIC,
            title="Small-scale decarbonisation projects",
            source="if.jsonl",
            **OPEN,
        )
    )
    passages.append(
        Passage(
            id="INNOVFUND-2025-NZT-GENERAL-SSP#0",
            source="if.jsonl",
            opportunity_id="INNOVFUND-2025-NZT-GENERAL-SSP",
            text="Innovation Fund small-scale projects: innovative low-carbon plants in energy-intensive "
            "industry, renewable energy and energy storage with capital cost between EUR 2.5 and 20 million.",
        )
    )
    opportunities.append(
        Opportunity(
            id=IF_SHEET,
            programme=INNOVATION_FUND,
            kind=KIND_PROGRAMME_INFO,
            title="Innovation Fund overview",
            source="innovation_fund_overview.md",
            status="open",
        )
    )
    passages.append(
        Passage(
            id=f"{IF_SHEET}#0",
            source="innovation_fund_overview.md",
            opportunity_id=IF_SHEET,
            text="The Innovation Fund is financed from the EU Emissions Trading System and runs yearly calls.",
        )
    )
    opportunities.append(
        Opportunity(
            id=OTHER_PROGRAMME_TOPIC,
            programme="Programme for the Environment and Climate Action",
            kind=KIND_CALL_TOPIC,
            title="Pre-sorting and collection of ceramic tiles",
            source="topics.jsonl",
            **OPEN,
        )
    )
    passages.append(
        Passage(
            id=f"{OTHER_PROGRAMME_TOPIC}#0",
            source="topics.jsonl",
            opportunity_id=OTHER_PROGRAMME_TOPIC,
            text="Collection and pre-sorting of ceramic tiles and bathroom ceramics from demolition sites.",
        )
    )
    projects = [
        FundedProject(
            id=pid,
            acronym=acronym,
            title=title,
            objective=f"{title}. The project works on {title.lower()}.",
            topic=topic,
            call_family=None,
            organisations=(Organisation(name="x", country="DE", role="coordinator"),),
        )
        for pid, acronym, title, topic in _PROJECTS
    ]
    return CorpusSnapshot(opportunities=opportunities, passages=passages, projects=projects)


@pytest.fixture(scope="module")
def recommender(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    data_dir: Path = tmp_path_factory.mktemp("recommend-data")
    settings: Settings = load_settings(
        env={},
        overrides={
            "data_dir": data_dir,
            "embedding_model": "all-minilm-l6-v2",
            "embedding_runtime": "torch",
            "as_of": AS_OF,
        },
    )
    embedder = get_embedder(settings)
    build_index(_snapshot(), settings, embedder=embedder, embed_projects=False)
    index = open_index(settings)
    similar = SimilarProjectModel.fit(index.projects())
    return Recommender(index, embedder, similar, settings)


def test_battery_recycling_consortium_gets_the_battery_topic(recommender: Recommender) -> None:
    run = recommender.run(
        "We are an SME in Saxony leading a consortium of 6 partners from 4 countries on recycling "
        "solid-state lithium batteries to recover critical raw materials, TRL 5."
    )
    top = run.recommendations[0]
    assert top.opportunity.id == "HORIZON-CL5-2026-D2-01-01"
    assert top.status == "open"
    assert top.eligibility.verdict == "eligible"
    assert top.evidence and top.evidence[0].passage_id == "HORIZON-CL5-2026-D2-01-01#0"
    assert {p.acronym for p in top.similar_projects} >= {"BATREC"}
    assert "CL5-D2" in why_text(top.why_codes)
    assert run.profile.country == "DE"


def test_researcher_fellowships_rank_below_project_calls_unless_asked_for(
    recommender: Recommender,
) -> None:
    project = recommender.run(
        "We are an SME leading a consortium of 6 partners from 4 countries recycling lithium batteries "
        "to recover critical raw materials."
    ).recommendations
    ids = [r.opportunity.id for r in project]
    msca = ids.index("HORIZON-MSCA-2026-PF-01-01")
    assert ids.index("HORIZON-CL5-2026-D2-01-01") < msca
    assert "mismatch_instrument" in [c.key for c in project[msca].why_codes]
    fellowship = recommender.run(
        "I am a postdoctoral researcher looking for a fellowship on recycling lithium batteries."
    ).recommendations
    asked = next(r for r in fellowship if r.opportunity.id == "HORIZON-MSCA-2026-PF-01-01")
    assert "Ranked lower" not in why_text(asked.why_codes)
    assert asked.score > project[msca].score


def test_a_translation_is_searched_while_the_profile_is_read_from_the_text(
    recommender: Recommender,
) -> None:
    german = (
        "Wir sind ein KMU aus Sachsen und leiten ein Konsortium mit 6 Partnern aus 4 Ländern. "
        "Wir entwickeln Bürgerversammlungen für junge Menschen."
    )
    run = recommender.run(german, translation="Citizen assemblies that involve young people in local policy.")
    assert run.translation == "Citizen assemblies that involve young people in local policy."
    assert run.recommendations[0].opportunity.id == "HORIZON-CL2-2026-DEMOCRACY-01-03"
    assert (run.profile.language, run.profile.country, run.profile.organisation_type) == ("de", "DE", "sme")
    misled = recommender.run(german, translation="Recycling of solid-state lithium batteries.")
    assert misled.recommendations[0].opportunity.id == "HORIZON-CL5-2026-D2-01-01"


def test_evaluation_searches_the_translation_it_is_given(recommender: Recommender) -> None:
    from evaluation.cases import EvalCase
    from evaluation.runner import run_evaluation

    case = EvalCase(
        id="ml-democracy-pl",
        query="Konsorcjum uniwersytetów z 7 krajów testuje zgromadzenia obywatelskie dla młodzieży.",
        gold_programme="Horizon Europe",
        acceptable=("CL2-DEMOCRACY",),
    )
    asked: list[str] = []

    def translate(text: str) -> str:
        asked.append(text)
        return "Citizen assemblies that involve young people in local policy decisions."

    report = run_evaluation(recommender, [case], baselines=False, translate=translate)
    assert asked == [case.query]
    assert report.results[0].ranked_ids[0] == "HORIZON-CL2-2026-DEMOCRACY-01-03"
    assert report.summary["acceptable@5"] == 1.0


def test_translations_and_rewordings_are_compared_with_the_english_case_separately(
    recommender: Recommender, tmp_path: Path
) -> None:
    from evaluation.cases import EvalCase
    from evaluation.report import write_report
    from evaluation.runner import run_evaluation

    english = "A university consortium tests citizen assemblies that involve young people in policy."

    def case(suffix: str, language: str, query: str, paraphrase: bool = False) -> EvalCase:
        return EvalCase(
            id=f"ml-democracy-{suffix}",
            query=query,
            gold_programme="Horizon Europe",
            group="ml-democracy",
            language=language,
            paraphrase=paraphrase,
        )

    cases = [
        case("en", "en", english),
        case("en2", "en", english, paraphrase=True),
        case("pl", "pl", "Rolnicy używają czujników glebowych, aby ograniczyć nawozy azotowe."),
    ]
    report = run_evaluation(recommender, cases, baselines=False)
    reference, reworded, polish = (result.ranked_ids[:5] for result in report.results)
    assert reworded == reference  # the same words must give the same list
    assert report.summary["paraphrase_overlap@5"] == len(reference)
    assert report.summary["overlap@5"] == len(set(polish) & set(reference)) < len(reference)
    assert set(report.overlaps) == {"ml-democracy-pl"}
    assert set(report.paraphrase_overlaps) == {"ml-democracy-en2"}
    markdown = write_report(report, tmp_path, "multilingual", "fundmatch eval").read_text(encoding="utf-8")
    assert f"| en, reworded | 1 | {len(reference):.2f} |" in markdown
    assert "| pl | 1 |" in markdown


def test_applying_alone_makes_ria_not_eligible(recommender: Recommender) -> None:
    run = recommender.run(
        "We are a 20-person SME in Saxony building solid-state battery recycling, we apply alone."
    )
    verdicts = {r.opportunity.id: r.eligibility for r in run.recommendations}
    ria = verdicts["HORIZON-CL5-2026-D2-01-01"]
    assert ria.verdict == "not eligible"
    assert "3 independent legal entities" in eligibility_reasons(ria, "en")[0]
    assert verdicts["HORIZON-EIC-2026-ACCELERATOR-01"].verdict == "eligible"


def test_loan_request_is_routed_to_investeu(recommender: Recommender) -> None:
    run = recommender.run(
        "Wir sind ein KMU mit 30 Mitarbeitern aus Bayern und brauchen ein Darlehen über 500.000 Euro."
    )
    top = run.recommendations[0]
    assert top.opportunity.programme == INVESTEU
    assert top.opportunity.id == "investeu_sme_window_guarantees"
    assert "bank" in why_text(top.why_codes)


def test_grant_from_investeu_is_not_eligible(recommender: Recommender) -> None:
    run = recommender.run(
        "We are an SME and want a grant (subsidy) for developing our innovative growth company.",
        filters=ALL_STATUSES,
        k=20,
    )
    investeu = [r for r in run.recommendations if r.opportunity.programme == INVESTEU]
    assert investeu and all(r.eligibility.verdict == "not eligible" for r in investeu)


def test_closed_topics_only_when_asked(recommender: Recommender) -> None:
    query = "A research consortium on manufacturing lines for high-efficiency solar photovoltaic modules."
    default_ids = [r.opportunity.id for r in recommender.run(query, k=20).recommendations]
    all_ids = [r.opportunity.id for r in recommender.run(query, filters=ALL_STATUSES, k=20).recommendations]
    assert "HORIZON-CL5-2024-D3-01-09" not in default_ids
    assert all_ids[0] == "HORIZON-CL5-2024-D3-01-09"


def test_other_programmes_only_when_asked(recommender: Recommender) -> None:
    query = "Collecting and pre-sorting ceramic tiles from demolition sites."
    default_ids = [r.opportunity.id for r in recommender.run(query, filters=ALL_STATUSES).recommendations]
    all_ids = [r.opportunity.id for r in recommender.run(query, filters=EVERYTHING).recommendations]
    assert OTHER_PROGRAMME_TOPIC not in default_ids
    assert all_ids[0] == OTHER_PROGRAMME_TOPIC
    assert "Programme for the Environment and Climate Action" in recommender.programmes()


def test_leave_one_out_excludes_the_project_itself(recommender: Recommender) -> None:
    query = "Machine learning for early sepsis detection in intensive care"
    assert recommender.run(query).similar_projects[0].id == "900005"
    excluded = recommender.run(query, exclude_project_ids=("900005",))
    assert "900005" not in {p.id for p in excluded.similar_projects}


def test_profile_override_and_passages_for_follow_up(recommender: Recommender) -> None:
    run = recommender.run("Citizen assemblies for young people", profile={"country": "PL", "partners": 1})
    assert (run.profile.country, run.profile.consortium) == ("PL", "alone")
    assert run.recommendations[0].opportunity.id == "HORIZON-CL2-2026-DEMOCRACY-01-03"
    assert run.recommendations[0].eligibility.verdict == "eligible"
    passages = recommender.passages_of("HORIZON-CL2-2026-DEMOCRACY-01-03")
    assert passages and "citizen assemblies" in passages[0].text


def test_nothing_fits_returns_empty_list(recommender: Recommender) -> None:
    guarded = Recommender(
        recommender.index,
        recommender._retriever._embedder,
        recommender.similar,
        recommender.settings.replace(min_relevance=0.0),
    )
    run = guarded.run("I run a small bakery and want a grant to buy flour for Christmas.")
    assert run.nothing_fits and run.recommendations == []
    assert guarded.run("Recycling lithium batteries to recover critical raw materials").recommendations


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


# English: the fast tests' MiniLM reads English only (the six languages are measured with e5).
PLANT = "A Polish refinery plans electrolysers for hydrogen made with wind power, costing EUR 12 million."


@pytest.fixture
def routes_by_meaning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let MiniLM route by meaning alone, as e5 is calibrated to (``routing.UNSUPPORTED_MARGINS``)."""
    monkeypatch.setitem(UNSUPPORTED_MARGINS, "all-minilm-l6-v2", 0.1)


def test_a_large_decarbonisation_plant_reaches_the_innovation_fund_even_unfound_by_text(
    recommender: Recommender, routes_by_meaning: None
) -> None:
    narrow = Recommender(
        recommender.index,
        recommender._retriever._embedder,
        recommender.similar,
        recommender.settings.replace(candidate_passages=1),
    )
    run = narrow.run(PLANT)
    assert {IF_CALL, IF_SHEET} <= run.routing.routed_opportunities(), (
        "candidates whether found by text or not"
    )
    first, second = run.recommendations[:2]
    assert {first.opportunity.id, second.opportunity.id} == {IF_CALL, IF_SHEET}
    assert "fits_instrument" in [c.key for c in first.why_codes]
    assert "no_open_call" not in [c.key for c in first.why_codes], "a call is open: no gap"
    assert "EUR 12,000,000" in why_text(first.why_codes)


def test_between_two_innovation_fund_calls_the_cards_say_which_closed_last(
    recommender: Recommender, routes_by_meaning: None
) -> None:
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
