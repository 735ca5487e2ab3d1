"""The Streamlit app driven through AppTest with the deterministic fake engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fundmatch.app.ui.sidebar import programme_options
from fundmatch.core.settings import load_settings
from tests.chat_fakes import FakeEngine

APP = str(Path(__file__).resolve().parent.parent / "app.py")
FIRST = "We are an SME from Germany building industrial heat pumps for process heat in dairies."


def _all_markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["engine"] = FakeEngine()
    at.session_state["settings"] = load_settings(overrides={"as_of": date(2026, 8, 20)})
    at.run()
    assert not at.exception
    return at


def _send(at: AppTest, message: str) -> AppTest:
    at.chat_input[0].set_value(message).run()
    assert not at.exception, at.exception
    return at


def test_first_message_shows_profile_and_cards(app: AppTest) -> None:
    _send(app, FIRST)
    text = _all_markdown(app)
    assert "SME · DE" in text
    assert "Industrial heat pumps for low-temperature process heat" in text
    assert "[HORIZON-CL5-2026-D3-01-05](https://ec.europa.eu/" in text
    assert "15 September 2026 (26 days left)" in text
    assert "EUR 3 million – EUR 5 million" in text
    assert ":blue-badge[Horizon Europe]" in text
    assert app.session_state["profile_country"] == "DE"
    assert app.sidebar.selectbox(key="profile_organisation_type").value == "sme"


def test_follow_up_gets_a_cited_answer(app: AppTest) -> None:
    _send(app, FIRST)
    _send(app, "what is the deadline of the second one?")
    text = _all_markdown(app)
    assert "The deadline of HORIZON-CL4-2026-TWIN-02 is 4 November 2026 (76 days left). [1]" in text
    assert "**Sources**" in text and "[1] [horizon_europe/topics.jsonl, HORIZON-CL4-2026-TWIN-02]" in text


def test_compare_renders_a_table(app: AppTest) -> None:
    _send(app, FIRST)
    _send(app, "compare the first two")
    assert len(app.table) == 1


def test_a_filter_change_changes_the_results(app: AppTest) -> None:
    _send(app, FIRST)
    assert "Digital twins for manufacturing lines" in _all_markdown(app)
    app.sidebar.multiselect(key="filter_statuses").set_value(["open"]).run()
    assert not app.exception
    last = app.chat_message[-1]
    last_text = "\n".join(m.value for m in last.markdown)
    assert "I searched again" in last_text
    assert "Industrial heat pumps" in last_text
    assert "Digital twins" not in last_text


def test_programme_filter_starts_on_the_core_programmes(app: AppTest) -> None:
    box = app.sidebar.multiselect(key="filter_programmes")
    assert box.value == ["Horizon Europe", "InvestEU"]
    assert box.options == ["Horizon Europe", "InvestEU"]


def test_programme_choices_put_the_core_programmes_first() -> None:
    options, default = programme_options(["LIFE", "InvestEU", "Digital Europe Programme", "Horizon Europe"])
    assert options == ["Horizon Europe", "InvestEU", "Digital Europe Programme", "LIFE"]
    assert default == ["Horizon Europe", "InvestEU"]


def test_loans_instead_shows_investeu_route(app: AppTest) -> None:
    _send(app, FIRST)
    _send(app, "what about loans instead?")
    last_text = "\n".join(m.value for m in app.chat_message[-1].markdown)
    assert ":orange-badge[InvestEU]" in last_text
    assert "participating bank or financial intermediary" in last_text
    assert app.sidebar.selectbox(key="profile_finance_form").value == "loan"


def test_exports_offer_csv_markdown_and_ics(app: AppTest) -> None:
    _send(app, FIRST)
    buttons = app.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels == ["Shortlist (CSV)", "Report (Markdown)", "Deadlines (ICS)"]


def test_missing_index_tells_the_user_to_ingest(tmp_path: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["settings"] = load_settings(overrides={"data_dir": tmp_path / "empty"})
    at.run()
    assert not at.exception
    assert any("fundmatch ingest" in i.value for i in at.info)


def test_a_chosen_language_overrides_detection(app: AppTest) -> None:
    app.sidebar.selectbox(key="answer_language").set_value("fr").run()
    _send(app, FIRST)
    _send(app, "what is the deadline of the first one?")
    last_text = "\n".join(m.value for m in app.chat_message[-1].markdown)
    assert (
        "La date limite de HORIZON-CL5-2026-D3-01-05 est le 15 septembre 2026 (dans 26 jours)." in last_text
    )
    assert "**Sources**" in last_text


def test_sidebar_labels_follow_the_language_of_the_description(app: AppTest) -> None:
    assert app.sidebar.header[0].value == "Your profile"
    _send(app, "Wir sind ein KMU aus Deutschland und bauen Wärmepumpen für Molkereien.")
    assert [h.value for h in app.sidebar.header] == ["Ihr Profil", "Filter", "Antworten"]
    assert app.chat_input[0].placeholder == "Beschreiben Sie Ihr Projekt oder fragen Sie nach den Ergebnissen"
    assert app.status[-1].label == "Fertig"
    assert app.sidebar.selectbox(key="filter_window").label == "Frist innerhalb von"
    assert [e.label for e in app.expander if e.label][-2:] == ["Auswahl exportieren", "Hilfe für den Antrag"]
    _send(app, "Wann ist die Frist für die erste Ausschreibung?")
    assert "**Quellen**" in "\n".join(m.value for m in app.chat_message[-1].markdown)
    app.sidebar.selectbox(key="answer_language").set_value("pl").run()
    assert app.sidebar.header[0].value == "Twój profil"


def test_the_sidebar_shows_its_options_in_the_language_and_keeps_them_across_a_switch(app: AppTest) -> None:
    _send(app, "Wir sind ein KMU aus Deutschland und bauen Wärmepumpen für Molkereien.")
    organisation = app.sidebar.selectbox(key="profile_organisation_type")
    assert organisation.value == "sme"
    assert organisation.format_func("sme") == "KMU"
    assert app.sidebar.selectbox(key="filter_window").format_func("any") == "beliebig"
    assert app.sidebar.multiselect(key="filter_statuses").format_func("forthcoming") == "angekündigt"
    assert app.sidebar.multiselect(key="filter_types").placeholder == "Bitte auswählen"
    app.sidebar.selectbox(key="profile_finance_form").set_value("loan").run()
    app.sidebar.selectbox(key="answer_language").set_value("fr").run()
    assert not app.exception
    assert app.sidebar.header[0].value == "Votre profil"
    assert app.sidebar.selectbox(key="profile_organisation_type").value == "sme"
    assert app.sidebar.selectbox(key="profile_finance_form").value == "loan"
    assert app.sidebar.selectbox(key="profile_finance_form").format_func("loan") == "prêt"
    assert app.sidebar.multiselect(key="filter_statuses").value == ["open", "forthcoming"]
