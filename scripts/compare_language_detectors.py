"""fundmatch's language detector against lingua-language-detector on the case queries that carry a
language (docs/benchmarks/language.md).

    python scripts/compare_language_detectors.py [--cases-dir evaluation/cases] [--dev ../shared/eval/dev_cases.jsonl]

Reads every ``evaluation/cases/*.jsonl`` case with a ``language`` and the dev cases as English, plus
short chat messages (without context, and for fundmatch also with the conversation's language as the
default, as the chat calls it), and prints accuracy per language, the misses and the time per text. lingua is restricted to the six languages fundmatch answers
in; it is not a dependency of fundmatch (``pip install lingua-language-detector`` to run this).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from fundmatch.lang.detect import SUPPORTED_LANGUAGES, detect_language

SHORT_MESSAGES = (
    ("We are an SME in Austria looking for funding for our heat pump project.", "en"),
    ("Wir sind ein KMU aus Bayern und suchen eine Förderung für unsere Wärmepumpe.", "de"),
    ("Nous sommes une PME lyonnaise et cherchons un financement pour notre projet.", "fr"),
    ("Siamo una PMI di Torino e cerchiamo un finanziamento per il nostro progetto.", "it"),
    ("Somos una pyme de Valencia y buscamos financiación para nuestro proyecto.", "es"),
    ("Jesteśmy małą firmą z Krakowa i szukamy dofinansowania dla naszego projektu.", "pl"),
    ("Was ist die Frist?", "de"),
    ("¿Cuál es el plazo?", "es"),
    ("Quelle est la date limite ?", "fr"),
    ("what is the deadline of the second one?", "en"),
    ("e la scadenza del secondo?", "it"),
    ("jaki jest termin drugiego?", "pl"),
    ("thanks!", "en"),
    ("danke", "de"),
    ("merci beaucoup", "fr"),
    ("grazie mille", "it"),
    ("muchas gracias", "es"),
    ("dziękuję", "pl"),
    ("compare the first two", "en"),
    ("Vergleiche die ersten beiden", "de"),
    ("compare les deux premiers", "fr"),
    ("confronta i primi due", "it"),
    ("compara los dos primeros", "es"),
    ("porównaj dwa pierwsze", "pl"),
    ("und die zweite?", "de"),
    ("et le troisième ?", "fr"),
    ("y el tercero?", "es"),
    ("a trzeci?", "pl"),
    ("we want a loan instead", "en"),
    ("wir wollen lieber ein Darlehen", "de"),
    ("nous préférons un prêt", "fr"),
    ("preferiamo un prestito", "it"),
    ("preferimos un préstamo", "es"),
    ("wolimy pożyczkę", "pl"),
)


def load_cases(cases_dir: Path, dev: Path | None) -> list[tuple[str, str, str]]:
    """(source, text, language) of every case query with a language; the dev cases are English."""
    cases = []
    for path in sorted(cases_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (case := json.loads(line)).get("language"):
                cases.append((path.stem, case["query"], case["language"]))
    if dev is not None and dev.exists():
        for line in dev.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(("dev", json.loads(line)["query"], "en"))
    return cases


def lingua_detector() -> Callable[[str], str]:
    """lingua restricted to the six languages, models preloaded; English when it cannot tell."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    languages = [IsoCode639_1.from_str(code) for code in SUPPORTED_LANGUAGES]
    detector = (
        LanguageDetectorBuilder.from_iso_codes_639_1(*languages).with_preloaded_language_models().build()
    )

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "en"

    return detect


def score(detect: Callable[[str], str], cases: list[tuple[str, str, str]]) -> dict[str, object]:
    """Accuracy overall and per language, the misses, and the mean time per text."""
    start = time.perf_counter()
    guesses = [detect(text) for _, text, _ in cases]
    elapsed = time.perf_counter() - start
    right = Counter(lang for (_, _, lang), guess in zip(cases, guesses, strict=True) if guess == lang)
    total = Counter(lang for _, _, lang in cases)
    misses = [
        (source, lang, guess, text[:80])
        for (source, text, lang), guess in zip(cases, guesses, strict=True)
        if guess != lang
    ]
    return {
        "correct": sum(right.values()),
        "total": len(cases),
        "by_language": {lang: f"{right[lang]}/{total[lang]}" for lang in SUPPORTED_LANGUAGES if total[lang]},
        "misses": misses,
        "ms_per_text": round(1000 * elapsed / max(len(cases), 1), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases-dir", type=Path, default=Path("evaluation/cases"))
    parser.add_argument("--dev", type=Path, default=Path("../shared/eval/dev_cases.jsonl"))
    args = parser.parse_args()
    cases = load_cases(args.cases_dir, args.dev)
    short = [("chat", text, lang) for text, lang in SHORT_MESSAGES]
    started = time.perf_counter()
    lingua = lingua_detector()
    lingua_load = time.perf_counter() - started
    held_back = [case for case in cases if case[0] != "instruments"]
    groups = (
        ("the 547 case queries of the issue", held_back),
        ("every case query", cases),
        ("short chat messages", short),
    )
    in_conversation = {text: lang for _, text, lang in short}
    ours_in_conversation = (
        "fundmatch, the conversation's language as default",
        lambda t: detect_language(t, in_conversation[t]),
    )
    for name, detect in (("fundmatch", detect_language), ("lingua", lingua), ours_in_conversation):
        for label, chosen in groups if name != ours_in_conversation[0] else groups[2:]:
            result = score(detect, chosen)
            print(f"{name} on {label}: {result['correct']}/{result['total']} {result['by_language']}")
            print(f"  {result['ms_per_text']} ms per text")
            for miss in result["misses"]:
                print(f"  miss {miss}")
    print(f"lingua model load: {lingua_load:.1f} s")


if __name__ == "__main__":
    main()
