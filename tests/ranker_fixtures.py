"""A small corpus for the learned ranker's tests: seven call families with one or two topics each and
six funded projects per family (three started in 2022-2023, three in 2024-2025), indexed with MiniLM."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fundmatch.core.families import call_family
from fundmatch.core.models import (
    FundedProject,
    Organisation,
)
from fundmatch.core.settings import Settings, load_settings
from fundmatch.corpus.snapshot import CorpusSnapshot
from tests.recommend_fixtures import horizon_topics

AS_OF = date(2026, 6, 1)
SPLIT = date(2024, 1, 1)
OPEN = {"opening_date": date(2026, 1, 15), "deadlines": (date(2026, 9, 30),)}

# topic id, type of action, title, text
TOPICS = [
    (
        "HORIZON-CL5-2026-D2-01-01",
        "RIA",
        "Recycling of next-generation batteries",
        "Recycling processes for lithium-ion and solid-state batteries that recover lithium, cobalt and nickel.",
    ),
    (
        "HORIZON-CL5-2026-D3-01-02",
        "IA",
        "Offshore wind and solar power plants",
        "Demonstration of floating offshore wind turbines and solar photovoltaic parks feeding the grid.",
    ),
    (
        "HORIZON-CL6-2026-FARM2FORK-01-02",
        "IA",
        "Precision fertilisation for sustainable farming",
        "Soil sensors and satellite data help farmers reduce nitrogen fertiliser and nutrient losses.",
    ),
    (
        "HORIZON-CL6-2026-FARM2FORK-01-03",
        "CSA",
        "Food waste in retail",
        "Coordination of retailers and food banks to cut food waste in supermarkets.",
    ),
    (
        "HORIZON-CL2-2026-DEMOCRACY-01-03",
        "CSA",
        "Citizen participation and trust in democracy",
        "Citizen assemblies and participatory budgeting involve young people in local policy decisions.",
    ),
    (
        "HORIZON-HLTH-2026-DISEASE-01-04",
        "RIA",
        "Early diagnosis of infections",
        "Clinical studies of tools that detect sepsis and severe infections early in hospital patients.",
    ),
    (
        "HORIZON-EIC-2026-ACCELERATOR-01",
        "EIC",
        "EIC Accelerator",
        "Single start-ups and SMEs scale up breakthrough deep-tech innovations with a grant and equity.",
    ),
    (
        "HORIZON-CL4-2026-DIGITAL-EMERGING-01",
        "RIA",
        "Trustworthy artificial intelligence and robotics",
        "Research on explainable machine learning and collaborative robots for manufacturing.",
    ),
]

# family topic of the funded projects, and what their objectives are about (one phrase per project)
PROJECT_THEMES = {
    "HORIZON-CL5-2022-D2-01-07": [
        "hydrometallurgical recycling of lithium-ion batteries",
        "direct recycling of cathode materials from used batteries",
        "sorting and dismantling of electric vehicle battery packs",
        "recovering cobalt and nickel from battery black mass",
        "second-life use and recycling of solid-state batteries",
        "low-energy lithium recovery from battery waste",
    ],
    "HORIZON-CL5-2022-D3-03-01": [
        "floating platforms for offshore wind turbines",
        "bifacial solar photovoltaic modules for utility-scale parks",
        "grid integration of offshore wind farms",
        "cheaper blades for large wind turbines",
        "agrivoltaic solar parks on farmland",
        "forecasting the output of solar and wind power plants",
    ],
    "HORIZON-CL6-2022-FARM2FORK-01-05": [
        "soil sensors for precision nitrogen fertilisation",
        "satellite monitoring of crop nutrient needs",
        "reducing food waste in supermarkets with dynamic pricing",
        "decision support for farmers applying fertiliser",
        "organic fertilisers from manure for sustainable farming",
        "food banks and retailers sharing surplus food",
    ],
    "HORIZON-CL2-2023-DEMOCRACY-01-02": [
        "youth citizen assemblies for local democracy",
        "participatory budgeting in European cities",
        "trust in democratic institutions among young voters",
        "online deliberation platforms for citizens",
        "disinformation and democratic participation",
        "citizen panels advising municipal councils",
    ],
    "HORIZON-HLTH-2022-DISEASE-03-01": [
        "early detection of sepsis in intensive care patients",
        "rapid diagnosis of bacterial infections in hospitals",
        "biomarkers for severe infections in children",
        "point-of-care tests for antibiotic resistant infections",
        "clinical study of sepsis treatment protocols",
        "predicting hospital infections from patient records",
    ],
    "HORIZON-EIC-2022-ACCELERATOR-01": [
        "our start-up scales up a breakthrough quantum sensor",
        "our SME brings a deep-tech medical laser to market",
        "our start-up industrialises a novel battery electrode",
        "our SME scales up an innovative water purification membrane",
        "our start-up commercialises a breakthrough chip design",
        "our SME launches a deep-tech drone inspection product",
    ],
    "HORIZON-CL4-2022-DIGITAL-EMERGING-01-01": [
        "explainable machine learning for industrial decisions",
        "collaborative robots working beside factory workers",
        "trustworthy artificial intelligence for public services",
        "robot learning from human demonstration in manufacturing",
        "machine learning models that explain their predictions",
        "safe human-robot collaboration on assembly lines",
    ],
}
_STARTS = (
    date(2022, 3, 1),
    date(2022, 9, 1),
    date(2023, 5, 1),
    date(2024, 2, 1),
    date(2024, 10, 1),
    date(2025, 4, 1),
)
_COUNTRIES = ("DE", "FR", "IT", "ES", "PL", "NL")


def _organisations(topic: str, number: int) -> tuple[Organisation, ...]:
    if "EIC" in topic:
        return (
            Organisation(
                name=f"Startup {number}", country="DE", role="coordinator", sme=True, activity_type="PRC"
            ),
        )
    coordinator = Organisation(
        name=f"University {number}", country=_COUNTRIES[number % 6], role="coordinator", activity_type="HES"
    )
    partners = tuple(
        Organisation(
            name=f"Partner {number}-{i}",
            country=_COUNTRIES[(number + i) % 6],
            role="participant",
            sme=True,
            activity_type="PRC",
        )
        for i in range(1, 4)
    )
    return (coordinator, *partners)


def funded_projects() -> list[FundedProject]:
    """Forty-two projects, numbered 700001 upwards, six per family."""
    projects = []
    number = 700001
    for topic, themes in PROJECT_THEMES.items():
        for position, theme in enumerate(themes):
            projects.append(
                FundedProject(
                    id=str(number),
                    acronym=f"P{number}",
                    title=theme.capitalize(),
                    objective=f"The project works on {theme}. It develops and tests {theme} with end users. "
                    f"Results on {theme} are shared across Europe.",
                    topic=topic,
                    call_family=call_family(topic),
                    start_date=_STARTS[position],
                    organisations=_organisations(topic, number),
                )
            )
            number += 1
    return projects


def snapshot() -> CorpusSnapshot:
    """The topics (one passage each) and the funded projects."""
    opportunities, passages = horizon_topics((*topic, OPEN) for topic in TOPICS)
    return CorpusSnapshot(opportunities=opportunities, passages=passages, projects=funded_projects())


def ranker_settings(data_dir: Path, **overrides: object) -> Settings:
    """MiniLM settings over ``data_dir``, dated so that every fixture topic is open."""
    return load_settings(
        env={},
        overrides={"data_dir": data_dir, "embedding_model": "all-minilm-l6-v2", "as_of": AS_OF, **overrides},
    )
