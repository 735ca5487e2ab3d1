"""One set of words for partners, countries, applying alone and the form of finance, read from data
by both the profile of a description and the changes of a follow-up."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.resources import files

import pytest

from fundmatch.chat.followup import profile_changes
from fundmatch.lang.request_words import (
    country_count,
    finance_forms,
    parse,
    partner_count,
    request_words,
    says_alone,
)
from fundmatch.retrieval.profile import extract_profile


def _data() -> dict:
    return tomllib.loads(files("fundmatch.lang").joinpath("request_words.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("description", "follow_up"),
    [
        ("We build heat pumps and apply without partners.", "we now apply without partners"),
        ("Wir bauen Wärmepumpen und bewerben uns ohne Partner.", "wir bewerben uns jetzt ohne Partner"),
        ("Nous construisons des pompes à chaleur, sans partenaire.", "nous candidatons sans partenaire"),
        ("Costruiamo pompe di calore e partecipiamo senza partner.", "noi partecipiamo senza partner"),
        ("Fabricamos bombas de calor y nos presentamos sin socios.", "nosotros vamos sin socios"),
        (
            "Budujemy pompy ciepła i składamy wniosek bez partnerów.",
            "składamy wniosek bez partnerów, my sami",
        ),
    ],
)
def test_applying_alone_reads_the_same_in_a_description_and_a_follow_up(
    description: str, follow_up: str
) -> None:
    assert extract_profile(description).consortium == "alone"
    assert profile_changes(follow_up)["consortium"] == "alone"


@pytest.mark.parametrize(
    ("text", "partners", "countries"),
    [
        ("a consortium of 5 partners from 4 countries", 5, 4),
        ("ein Verbund mit drei Partnern aus zwei Ländern", 3, 2),
        ("un consortium de 6 autres partenaires de 3 pays différents", 6, 3),
        ("konsorcjum 4 partnerów z trzech krajów", 4, 3),
    ],
)
def test_counts_are_read_in_digits_and_words(text: str, partners: int, countries: int) -> None:
    assert (partner_count(text), country_count(text)) == (partners, countries)
    profile = extract_profile(f"We build heat pumps: {text}.")
    assert (profile.partners, profile.countries) == (partners, countries)


def test_some_finance_words_count_only_in_their_context() -> None:
    assert finance_forms("Wir suchen eine Förderung für unsere Anlage", "description") == ["grant"]
    assert finance_forms("Welche Förderung gibt es jetzt?", "follow-up") == []
    assert finance_forms("what if we took on debt instead", "follow-up") == ["loan"]
    assert finance_forms("we reduce technical debt in factories", "description") == []
    assert finance_forms("a loan, or else a guarantee", "description") == ["loan", "guarantee"]


def test_the_words_are_read_on_first_use_not_on_import() -> None:
    code = (
        "import fundmatch.retrieval.profile, fundmatch.chat.followup\n"
        "from fundmatch.lang.request_words import request_words\n"
        "print(request_words.cache_info().currsize)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"
    assert says_alone("on our own") and request_words() is request_words()


def test_a_file_missing_a_form_of_finance_is_refused() -> None:
    data = _data()
    del data["finance"]["equity"]
    with pytest.raises(ValueError, match=r"\[finance\] must name exactly grant, loan, guarantee, equity"):
        parse(data)


def test_an_empty_list_or_a_broken_fragment_is_refused() -> None:
    data = _data()
    data["applying"]["alone"] = []
    with pytest.raises(ValueError, match=r"applying\.alone must be a non-empty list"):
        parse(data)
    data = _data()
    data["sector"]["energy"]["words"] = ["solar(unclosed"]
    with pytest.raises(ValueError, match="not a valid regular expression"):
        parse(data)
