"""Capture docs/screenshots/ of three conversations against a built index.

Run: FUNDMATCH_DATA_DIR=<data_dir> .venv/bin/python -m tests.browser.screenshots [--as-of 2026-08-20]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from tests.browser.leftovers import english_leftovers
from tests.browser.server import chromium, running_app, send_message

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CONVERSATIONS = {
    "sme-german": [
        (
            "Wir sind ein KMU aus Bayern mit 25 Mitarbeitern und entwickeln Hochtemperatur-Wärmepumpen "
            "für die Lebensmittelindustrie (TRL 6). Wir suchen eine Förderung, um die Anlage in einer "
            "Molkerei zu demonstrieren.",
            "Das habe ich über Sie verstanden",
        ),
        ("Wann ist die Frist für die erste Ausschreibung?", "Quellen"),
        ("Erstelle eine Gliederung für den Antrag zur ersten", "Antragsgliederung"),
    ],
    "cluster-manager-english": [
        (
            "I manage a cluster of advanced manufacturing SMEs in Catalonia. We want to build a consortium "
            "of 8 partners from 5 countries for a collaborative research and innovation project on "
            "AI-driven digital twins for circular, low-waste production lines.",
            "Here is what I understood",
        ),
        ("compare the first two", "Comparison of"),
        ("which partners would fit the first call?", "Organisations of funded projects"),
    ],
    "advisor-investeu-loans": [
        (
            "I advise a Polish family-owned SME with 60 staff that needs a EUR 2 million loan to modernise "
            "its production with energy-efficient machinery and rooftop solar panels. Which InvestEU "
            "financing can it get, and through which bank?",
            "Here is what I understood",
        ),
        ("tell me more about the first one", "Sources"),
    ],
    "pme-french": [
        (
            "Nous sommes une PME lyonnaise de 40 salariés qui développe des électrolyseurs pour produire "
            "de l'hydrogène vert (TRL 5). Nous cherchons une subvention avec 4 partenaires de 3 pays.",
            "Voici ce que j'ai compris",
        ),
        ("Quelle est la date limite du premier appel ?", "Sources"),
    ],
    "pmi-italian": [
        (
            "Siamo una PMI di Torino con 12 dipendenti e sviluppiamo sensori per l'agricoltura di "
            "precisione. Cerchiamo una sovvenzione per un progetto con partner di altri paesi.",
            "Ecco cosa ho capito",
        ),
        ("Qual è il budget del primo bando?", "Fonti"),
    ],
    "pyme-spanish": [
        (
            "Somos una pyme de Valencia con 30 empleados que recicla baterías de vehículos eléctricos. "
            "Queremos presentarnos solos a una convocatoria de innovación.",
            "Esto es lo que he entendido",
        ),
        ("¿Cuál es el plazo de la primera?", "Fuentes"),
    ],
    "msp-polish": [
        (
            "Jesteśmy firmą z Gdańska zatrudniającą 22 pracowników i budujemy magazyny energii dla "
            "farm wiatrowych. Szukamy dotacji dla konsorcjum 5 partnerów z 3 krajów.",
            "Oto, co zrozumiałem",
        ),
        ("Jaki jest termin pierwszego naboru?", "Źródła"),
    ],
}
LANGUAGES = {
    "sme-german": "de",
    "cluster-manager-english": "en",
    "advisor-investeu-loans": "en",
    "pme-french": "fr",
    "pmi-italian": "it",
    "pyme-spanish": "es",
    "msp-polish": "pl",
}


def show_latest_question(driver) -> None:
    """Scroll so that the user's latest message and the start of the answer fill the screen."""
    driver.execute_script(
        "const messages = document.querySelectorAll('[data-testid=\"stChatMessage\"]');"
        "if (messages.length > 1) { messages[messages.length - 2].scrollIntoView(); }"
    )
    time.sleep(1)


def capture(env: dict[str, str], out: Path = OUT) -> tuple[list[Path], list[str]]:
    """Play each conversation in a fresh browser session; one PNG after every message. Also the
    English leftovers found on the pages of the other languages ("<shot>: <phrase>")."""
    from selenium.webdriver.common.by import By

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    leftovers: list[str] = []
    with running_app(env) as url:
        for name, turns in CONVERSATIONS.items():
            driver = chromium(1500, 2000)
            try:
                driver.get(url)
                for number, (message, wait_for) in enumerate(turns, start=1):
                    send_message(driver, message, wait_for)
                    show_latest_question(driver)
                    path = out / f"{name}-{number}.png"
                    driver.save_screenshot(str(path))
                    written.append(path)
                    page = driver.find_element(By.TAG_NAME, "body").text
                    leftovers += [
                        f"{path.name}: {phrase}" for phrase in english_leftovers(page, LANGUAGES[name])
                    ]
            finally:
                driver.quit()
    return written, leftovers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--as-of", default=None, help="status date, e.g. the corpus snapshot date")
    args = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if key.startswith("FUNDMATCH_")}
    if args.as_of:
        env["FUNDMATCH_AS_OF"] = args.as_of
    written, leftovers = capture(env)
    for path in written:
        print(path)
    print("English leftovers:", *leftovers or ["none"], sep="\n  ")


if __name__ == "__main__":
    main()
