"""The recommender end to end on a small hand-written corpus: ranking, eligibility, filters, translations."""

from __future__ import annotations

from pathlib import Path

from fundmatch.chat.reasons import eligibility_reasons, why_text
from fundmatch.core.models import (
    INVESTEU,
)
from fundmatch.retrieval.recommend import ALL_STATUSES, EVERYTHING, Recommender
from tests.recommend_fixtures import OTHER_PROGRAMME_TOPIC


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
    assert "Ranked lower: MSCA and ERC fund researchers" in why_text(project[msca].why_codes)
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
    query = "Manufacturing lines for high-efficiency solar photovoltaic modules."
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
