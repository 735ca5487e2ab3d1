"""Reading a chat message as a follow-up: which results it points at, what it asks, what it changes.

Partner and country counts, applying alone and the form of finance are read with the words the
profile uses (``fundmatch.lang.request_words``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from fundmatch.lang.request_words import (
    count_value,
    country_count,
    finance_forms,
    partner_count,
    request_words,
    says_alone,
)

IntentKind = Literal["search", "about", "compare", "refine", "question", "partners", "outline", "thanks"]

_ORDINALS: dict[int, tuple[str, ...]] = {
    0: (
        "first",
        "1st",
        "erste",
        "ersten",
        "erstes",
        "erster",
        "premier",
        "première",
        "primo",
        "prima",
        "primero",
        "primera",
        "pierwszy",
        "pierwsza",
        "pierwsze",
        "pierwszego",
        "pierwszej",
        "top one",
    ),
    1: (
        "second",
        "2nd",
        "zweite",
        "zweiten",
        "zweites",
        "zweiter",
        "deuxième",
        "second",
        "seconde",
        "secondo",
        "seconda",
        "segundo",
        "segunda",
        "drugi",
        "druga",
        "drugie",
        "drugiego",
        "drugiej",
    ),
    2: (
        "third",
        "3rd",
        "dritte",
        "dritten",
        "drittes",
        "dritter",
        "troisième",
        "terzo",
        "terza",
        "tercero",
        "tercera",
        "tercer",
        "trzeci",
        "trzecia",
        "trzecie",
        "trzeciego",
        "trzeciej",
    ),
    3: (
        "fourth",
        "4th",
        "vierte",
        "vierten",
        "viertes",
        "quatrième",
        "quarto",
        "quarta",
        "cuarto",
        "cuarta",
        "czwarty",
        "czwarta",
        "czwarte",
    ),
    4: ("fifth", "5th", "fünfte", "fünften", "cinquième", "quinto", "quinta", "piąty", "piąta", "piąte"),
}
_LAST = (
    "last one",
    "letzte",
    "letzten",
    "dernier",
    "dernière",
    "ultimo",
    "ultima",
    "último",
    "última",
    "ostatni",
    "ostatnia",
    "ostatnie",
)
_FIRST_PERSON = re.compile(
    r"\b(?:we|we're|our|us|wir|unser\w*|uns|nous|notre|nos|noi|siamo|nostr\w|somos|nosotros|nuestr\w*|"
    r"jesteśmy|nas|nasz\w*|my)\b",
    re.I,
)
_COMPARE = re.compile(
    r"\b(?:compar\w*|versus|vs\.?|vergleich\w*|porówn\w*|differen\w*|unterschied\w*)\b", re.I
)
_CALL_ID = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+-?(?:\.{3}|…)|\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+){2,}")
_REFERENCE = re.compile(
    r"\b(?:it|this one|that one|this call|that call|es|dieser|diese|diesen|ce|cet|cette|celui|questo|questa|"
    r"este|esta|ese|esa|ten|ta|tego|tej)\b",
    re.I,
)
_CHANGE_MARKERS = re.compile(
    r"\b(?:instead|rather|what about|how about|statt|stattdessen|lieber|und wenn|was ist mit|plutôt|au lieu|"
    r"et si|invece|piuttosto|e se|en lugar|en vez|y si|qué tal|zamiast|a co z|raczej|now|jetzt|maintenant|"
    r"ora|ahora|teraz)\b",
    re.I,
)
_REPLACED = re.compile(
    r"\b(?:instead of|rather than|statt|anstatt|anstelle|au lieu d\w*|invece d\w*|en lugar de|en vez de|zamiast)\b",
    re.I,
)
# A request for partner ideas or for a proposal outline, in the six languages.
_PARTNER_REQUEST = re.compile(
    r"\b(?:partners?|partnern?|partenaires?|socios?|partnerów|partnerzy|partnera|partnerami|"
    r"consortium|konsortium|consorzio|consorcio|konsorcj\w*)\b",
    re.I,
)
_OUTLINE_REQUEST = re.compile(
    r"\b(?:outline|draft|skeleton|gliederung|entwurf|ébauche|plan de la proposition|scaletta|bozza|"
    r"schema|esquema|borrador|konspekt|zarys|szkic)\b",
    re.I,
)
# An imperative asking for something ("suggest partners", "erstelle eine Gliederung").
_REQUEST_VERB = re.compile(
    r"\b(?:suggest|find|show|list|give|draft|write|create|make|prepare|nenne\w*|zeig\w*|finde\w*|"
    r"schlag\w*|erstell\w*|schreib\w*|such\w*|propose\w*|suggère\w*|trouve\w*|montre\w*|rédige\w*|"
    r"prépare\w*|suggerisc\w*|propon\w*|trova\w*|mostra\w*|scriv\w*|prepara\w*|sugier\w*|busca\w*|"
    r"encuentra\w*|muestra\w*|redacta\w*|zaproponuj|znajdź|pokaż|napisz|przygotuj|wymień)\b",
    re.I,
)
# A short acknowledgement that asks for nothing: thanks (with a few more words), or "ok"/"great" alone.
_THANKS_WORDS = r"(?:thanks?|thank you|thx|danke|vielen dank|merci|grazie|gracias|muchas gracias|dzięki|dziękuję|dziekuje)"
_THANKS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|perfect|cool|super|prima|perfekt|parfait|génial|perfetto|ottimo|perfecto|"
    r"vale|genial|świetnie)\b[\s,!.]*)?(?:" + _THANKS_WORDS + r"\b[^?]*)?$",
    re.I,
)
_THANKS_MAX_WORDS = 8

_ASPECTS: dict[str, re.Pattern[str]] = {
    "deadline": re.compile(
        r"\b(?:deadlines?|due|when|closing|frist\w*|bis wann|wann|einreichungsfrist|"
        r"date limite|quand|échéance|scadenz\w|quando|plazos?|cuándo|fecha límite|"
        r"termin\w*|kiedy)\b",
        re.I,
    ),
    "budget": re.compile(
        r"\b(?:budget\w*|how much|money|amount|funding rate|wie viel|wieviel|fördersumme|"
        r"combien|montant|quanto|importo|cuánto|presupuesto|ile|budżet\w*|kwot\w*)\b",
        re.I,
    ),
    "eligibility": re.compile(
        r"\b(?:eligib\w*|can we apply|förderfähig\w*|antragsberechtigt|berechtigt|"
        r"éligib\w*|ammissibil\w*|elegib\w*|kwalifik\w*)\b",
        re.I,
    ),
    "route": re.compile(
        r"\b(?:how (?:do|can) we apply|how to apply|intermediar\w*|bank\w*|banque\w*|banca|"
        r"apply|beantrag\w*|antrag|candidat\w*|postuler|domanda|solicit\w*|wniosek|aplik\w*)\b",
        re.I,
    ),
    "type": re.compile(
        r"\b(?:type of action|action type|ria|csa|maßnahmentyp|type d'action|tipo di azione|"
        r"tipo de acción|rodzaj działania)\b",
        re.I,
    ),
}
_QUESTION_START = re.compile(
    r"^\s*(?:what|which|how|when|where|who|can|is|are|does|do|was|welche\w*|wie|wann|wo|wer|kann|gibt|"
    r"quel\w*|comment|quand|où|qui|est-ce|quale|quali|come|quando|dove|chi|posso|qué|cuál\w*|cómo|cuándo|"
    r"dónde|quién|puedo|co|jaki\w*|jak|kiedy|gdzie|kto|czy)\b",
    re.I,
)
_SHORT_MESSAGE_WORDS = 25


@dataclass(frozen=True)
class Intent:
    """What a message asks of the conversation."""

    kind: IntentKind
    targets: tuple[int, ...] = ()
    unknown_ids: tuple[str, ...] = ()
    aspect: str = "general"
    changes: dict[str, object] = field(default_factory=dict)
    refers_back: bool = False


@cache
def _first_n() -> re.Pattern[str]:
    """ "the first two", "die ersten drei", "3 first": the first N results."""
    number = request_words().number
    return re.compile(
        r"\b(?:first|top|ersten|premiers|premières|primi|prime|primeros|primeras|pierwsze)\s+"
        + number
        + r"\b"
        r"|\b" + number + r"\s+(?:first|premiers|premières|primi|prime|primeros|primeras|pierwsze)\b",
        re.I,
    )


def _first_number(match: re.Match[str]) -> int:
    return count_value(next(g for g in match.groups() if g))


def profile_changes(message: str) -> dict[str, object]:
    """Profile fields a message changes: finance form, partners, countries, going alone."""
    changes: dict[str, object] = {}
    about_us = bool(_FIRST_PERSON.search(message))
    if about_us and (count := partner_count(message)) is not None:
        changes["partners"] = count
        changes["consortium"] = "consortium" if count > 1 else "alone"
    elif about_us and says_alone(message):
        changes["consortium"] = "alone"
        changes["partners"] = 1
    if about_us and (countries := country_count(message)) is not None:
        changes["countries"] = countries
    wanted = _REPLACED.split(message, maxsplit=1)[0]
    forms = finance_forms(wanted, "follow-up")
    if len(forms) == 1 and _CHANGE_MARKERS.search(message):
        changes["finance_form"] = forms[0]
    return changes


def _ordinal_targets(message: str, count: int) -> list[int]:
    lowered = message.lower()
    found: list[tuple[int, int]] = []
    for index, words in _ORDINALS.items():
        for word in words:
            for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
                found.append((match.start(), index))
    for word in _LAST:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
            found.append((match.start(), count - 1))
    if first_n := _first_n().search(message):
        found = [(first_n.start() + i, i) for i in range(_first_number(first_n))]
    seen: list[int] = []
    for _, index in sorted(found):
        if index < count and index not in seen:
            seen.append(index)
    return seen


def _id_targets(message: str, call_ids: Sequence[str]) -> tuple[list[int], list[str]]:
    targets: list[int] = []
    unknown: list[str] = []
    for raw in _CALL_ID.findall(message):
        stem = raw.rstrip(".…-")
        matches = [
            i
            for i, cid in enumerate(call_ids)
            if cid and (cid == stem or cid.startswith(stem + "-") or (raw != stem and cid.startswith(stem)))
        ]
        if matches:
            targets.extend(i for i in matches[:1] if i not in targets)
        else:
            unknown.append(stem)
    return targets, unknown


def aspect_of(message: str) -> str:
    """The facet a question is about: deadline, budget, eligibility, route, type, or general."""
    for aspect, pattern in _ASPECTS.items():
        if pattern.search(message):
            return aspect
    return "general"


def parse_followup(message: str, call_ids: Sequence[str]) -> Intent:
    """Classify ``message`` given the call ids (or titles) of the results shown, in order."""
    if len(message.split()) <= _THANKS_MAX_WORDS and _THANKS.fullmatch(message.strip()):
        return Intent(kind="thanks")
    id_targets, unknown = _id_targets(message, call_ids)
    if not call_ids:
        if unknown and len(message.split()) <= _SHORT_MESSAGE_WORDS:
            return Intent(kind="about", unknown_ids=tuple(unknown), aspect=aspect_of(message))
        return Intent(kind="search", changes=profile_changes(message))
    targets = tuple(dict.fromkeys(id_targets + _ordinal_targets(message, len(call_ids))))
    aspect = aspect_of(message)
    changes = profile_changes(message)
    words = len(message.split())
    if words > _SHORT_MESSAGE_WORDS and not targets:
        return Intent(kind="search", changes=changes)
    if changes and not targets:
        return Intent(kind="refine", changes=changes)
    is_question = message.rstrip().endswith("?") or bool(_QUESTION_START.search(message))
    if targets or is_question or _REQUEST_VERB.search(message):
        if _OUTLINE_REQUEST.search(message):
            return Intent(kind="outline", targets=targets[:1])
        if _PARTNER_REQUEST.search(message):
            return Intent(kind="partners", targets=targets[:1])
    if _COMPARE.search(message) or (len(targets) > 1 and _first_n().search(message)):
        return Intent(kind="compare", targets=targets or (0, 1), aspect=aspect)
    if targets or unknown:
        return Intent(kind="about", targets=targets, unknown_ids=tuple(unknown), aspect=aspect)
    if words <= _SHORT_MESSAGE_WORDS and (is_question or aspect != "general"):
        refers_back = bool(_REFERENCE.search(message))
        return Intent(kind="question", aspect=aspect, refers_back=refers_back)
    return Intent(kind="search", changes=changes)
