"""A small hand-written corpus for the recommender tests, indexed with the real MiniLM model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

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
from fundmatch.retrieval.recommend import Recommender
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


def horizon_topics(
    topics: Iterable[tuple[str, str, str, str, Mapping[str, Any]]],
) -> tuple[list[Opportunity], list[Passage]]:
    """Horizon Europe call topics from (id, type of action, title, text, dates), one passage each."""
    opportunities, passages = [], []
    for ident, action, title, text, dates in topics:
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
    return opportunities, passages


def snapshot() -> CorpusSnapshot:
    opportunities, passages = horizon_topics(_TOPICS)
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


def build_recommender(data_dir: Path) -> Recommender:
    """The recommender over the small corpus, indexed into ``data_dir``."""
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
    build_index(snapshot(), settings, embedder=embedder, embed_projects=False)
    index = open_index(settings)
    similar = SimilarProjectModel.fit(index.projects())
    return Recommender(index, embedder, similar, settings)
