"""Reading follow-ups: references to shown results, comparisons, profile changes, questions."""

from __future__ import annotations

import pytest

from fundmatch.chat.followup import aspect_of, parse_followup, profile_changes
from fundmatch.chat.rewrite import standalone_query
from fundmatch.core.models import Profile

NAMES = ["HORIZON-CL5-2026-D3-01-05", "HORIZON-CL4-2026-TWIN-02", "investeu-sme-guarantee"]


@pytest.mark.parametrize(
    ("message", "target"),
    [
        ("tell me more about the second one", 1),
        ("Erzähl mir mehr über die zweite Ausschreibung", 1),
        ("parlez-moi du troisième", 2),
        ("dimmi di più sul primo", 0),
        ("y el tercero?", 2),
        ("więcej o drugim, proszę: drugi", 1),
        ("what about the last one?", 2),
    ],
)
def test_ordinals_point_at_results(message: str, target: int) -> None:
    intent = parse_followup(message, NAMES)
    assert intent.kind == "about"
    assert intent.targets == (target,)


def test_a_call_id_points_at_its_result_and_sets_the_aspect() -> None:
    intent = parse_followup("what is the deadline of HORIZON-CL4-2026-TWIN-02?", NAMES)
    assert (intent.kind, intent.targets, intent.aspect) == ("about", (1,), "deadline")


def test_an_abbreviated_call_id_is_matched_by_prefix() -> None:
    intent = parse_followup("what is the deadline of HORIZON-CL5-...?", NAMES)
    assert intent.targets == (0,)


def test_an_unknown_call_id_is_kept_for_lookup() -> None:
    intent = parse_followup("budget of HORIZON-CL6-2026-FARM2FORK-01-01?", NAMES)
    assert intent.kind == "about"
    assert intent.unknown_ids == ("HORIZON-CL6-2026-FARM2FORK-01-01",)
    assert intent.aspect == "budget"


@pytest.mark.parametrize(
    "message",
    [
        "compare the first two",
        "Vergleiche die ersten beiden",
        "compare les deux premiers",
        "porównaj dwa pierwsze",
    ],
)
def test_comparisons_of_the_first_two(message: str) -> None:
    intent = parse_followup(message, NAMES)
    assert intent.kind == "compare"
    assert intent.targets == (0, 1)


def test_compare_named_items() -> None:
    intent = parse_followup("compare the first and the third", NAMES)
    assert (intent.kind, intent.targets) == ("compare", (0, 2))


@pytest.mark.parametrize(
    ("message", "form"),
    [
        ("what about loans instead?", "loan"),
        ("Und was ist mit Darlehen statt Zuschüssen?", "loan"),
        ("Lieber ein Darlehen", "loan"),
        ("et plutôt une garantie ?", "guarantee"),
        ("e se invece cercassimo capitale di rischio?", "equity"),
        ("¿y un préstamo en lugar de eso?", "loan"),
        ("a co z pożyczką zamiast dotacji?", "loan"),
        ("loans or guarantees, instead?", None),
    ],
)
def test_finance_form_changes_need_one_form_and_a_change_marker(message: str, form: str | None) -> None:
    assert profile_changes(message).get("finance_form") == form


def test_a_budget_question_about_grants_is_not_a_finance_change() -> None:
    intent = parse_followup("how much is each grant of the first one?", NAMES)
    assert intent.kind == "about"
    assert intent.aspect == "budget"


@pytest.mark.parametrize(
    ("message", "partners"),
    [
        ("we are now three partners", 3),
        ("wir sind jetzt 4 Partner", 4),
        ("nous sommes maintenant cinq partenaires", 5),
        ("ahora somos tres socios", 3),
    ],
)
def test_consortium_updates(message: str, partners: int) -> None:
    intent = parse_followup(message, NAMES)
    assert intent.kind == "refine"
    assert intent.changes["partners"] == partners
    assert intent.changes["consortium"] == "consortium"


def test_going_alone_is_a_consortium_update() -> None:
    assert profile_changes("actually we would apply alone")["consortium"] == "alone"


def test_a_short_question_without_reference_is_a_question() -> None:
    intent = parse_followup("Which of these accept lump sums?", NAMES)
    assert intent.kind == "question"


def test_a_long_description_starts_a_new_search() -> None:
    message = (
        "We are a university spin-off developing sodium-ion batteries for stationary storage and we look "
        "for EU support to build a pilot line with two industrial partners in Spain and Portugal next year"
    )
    assert parse_followup(message, NAMES).kind == "search"


def test_without_results_every_message_is_a_search() -> None:
    assert parse_followup("tell me more about the second one", []).kind == "search"


def test_aspects_in_several_languages() -> None:
    assert aspect_of("Bis wann läuft die Frist?") == "deadline"
    assert aspect_of("Combien peut-on obtenir ?") == "budget"
    assert aspect_of("Czy jesteśmy kwalifikowalni?") == "eligibility"
    assert aspect_of("Tell me about it") == "general"


def test_standalone_query_for_a_follow_up_names_the_call() -> None:
    intent = parse_followup("what is its deadline? the second one", NAMES)
    query = standalone_query(
        intent, "what is its deadline? the second one", "heat pumps", Profile(), NAMES, None
    )
    assert "HORIZON-CL4-2026-TWIN-02" in query
    assert "deadline" in query


def test_standalone_query_for_a_refinement_keeps_the_description() -> None:
    intent = parse_followup("what about loans instead?", NAMES)
    query = standalone_query(
        intent, "what about loans instead?", "Heat pumps for dairies", Profile(), NAMES, 0
    )
    assert query.startswith("Heat pumps for dairies")
    assert "loan" in query


def test_standalone_query_uses_the_focus_for_pronouns() -> None:
    intent = parse_followup("when is it due?", NAMES)
    query = standalone_query(intent, "when is it due?", "d", Profile(), NAMES, 2)
    assert "investeu-sme-guarantee" in query


def test_a_call_id_points_at_the_first_shown_topic_of_that_call() -> None:
    topics = [
        "HORIZON-CL4-2027-01-MAT-PROD-06",
        "HORIZON-CL4-2027-04-DATA-09",
        "HORIZON-CL4-2027-01-MAT-PROD-02",
    ]
    intent = parse_followup("deadline of HORIZON-CL4-2027-01?", topics)
    assert intent.targets == (0,)
    assert parse_followup("and HORIZON-CL4-2027-01-MAT-PROD-02?", topics).targets == (2,)


@pytest.mark.parametrize(
    ("message", "kind", "targets"),
    [
        ("Which partners would fit the second call?", "partners", (1,)),
        ("Welche Partner kämen für die erste Ausschreibung in Frage?", "partners", (0,)),
        ("Quels partenaires pour le deuxième ?", "partners", (1,)),
        ("Suggest partners", "partners", ()),
        ("Draft a proposal outline for the first one", "outline", (0,)),
        ("Erstelle eine Gliederung für den Antrag zur ersten", "outline", (0,)),
        ("Prepara una bozza di proposta per il secondo", "outline", (1,)),
        ("Przygotuj zarys wniosku dla pierwszego", "outline", (0,)),
    ],
)
def test_requests_for_partners_or_an_outline(message: str, kind: str, targets: tuple[int, ...]) -> None:
    intent = parse_followup(message, NAMES)
    assert (intent.kind, intent.targets) == (kind, targets)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("We are an SME seeking partners for hydrogen storage", "search"),
        ("we now have 5 partners from 3 countries", "refine"),
        ("ok what about loans", "refine"),
        ("ok, and the second?", "about"),
    ],
)
def test_partner_words_and_acknowledgements_in_other_requests_keep_their_meaning(
    message: str, kind: str
) -> None:
    assert parse_followup(message, NAMES).kind == kind


@pytest.mark.parametrize(
    "message",
    [
        "thanks!",
        "Thank you very much for your help.",
        "ok",
        "Perfekt, danke!",
        "merci beaucoup",
        "Dziękuję bardzo",
    ],
)
def test_acknowledgements_ask_for_nothing(message: str) -> None:
    assert parse_followup(message, NAMES).kind == "thanks"
    assert parse_followup(message, []).kind == "thanks", "also before any result"
