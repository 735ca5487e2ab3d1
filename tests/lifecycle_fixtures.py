"""A small on-disk source corpus (our own words) for ingest lifecycle, crash and concurrency tests.

``write_source(root)`` writes a portal dump with ``TOPICS`` (full text, several passages each),
two fact sheets and a CORDIS file, so that ``fundmatch ingest --source root`` runs every loader
for real. ``QUERIES`` are 20 project descriptions to compare rankings with.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.corpus_samples import FACT_SHEET, dump_record, project_record, write_dump, write_sheet

REPO = Path(__file__).resolve().parent.parent
CLI = "from fundmatch.app.cli import main; main()"

# (topic suffix, action, title, scope): each scope is repeated into several passages by the chunker.
TOPICS = [
    ("01", "IA", "Hydrogen valleys in industrial regions", "electrolysers, hydrogen storage and pipelines"),
    ("02", "RIA", "Solid-state battery cells", "solid electrolytes, lithium metal anodes and cell safety"),
    ("03", "RIA", "Antimicrobial resistance in hospitals", "new antibiotics, rapid diagnostics, stewardship"),
    ("04", "IA", "Offshore wind turbine foundations", "floating foundations, moorings and grid links"),
    ("05", "CSA", "Citizen science for biodiversity", "volunteers monitoring pollinators and wetlands"),
    ("06", "RIA", "Quantum sensing for medical imaging", "magnetometers, brain imaging and cold atoms"),
    (
        "07",
        "IA",
        "Circular textiles and fibre recycling",
        "sorting garments, chemical recycling of polyester",
    ),
    ("08", "RIA", "Soil health and carbon farming", "soil organic carbon, cover crops and sensors"),
    ("09", "IA", "Heat pumps for process heat", "industrial heat pumps for dairies and breweries"),
    ("10", "RIA", "Early detection of dementia", "blood biomarkers, cognitive tests and cohorts"),
    (
        "11",
        "IA",
        "Green steel by direct reduction",
        "hydrogen direct reduction of iron ore, electric furnaces",
    ),
    ("12", "CSA", "Cultural heritage digitisation", "3D scanning of monuments and open archives"),
    ("13", "RIA", "Microplastics in rivers and seas", "sampling microplastics, sources and fate in water"),
    ("14", "IA", "Smart grids for local energy communities", "demand response, batteries and peer trading"),
    ("15", "RIA", "Robots for elderly care at home", "assistive robots, fall detection and privacy"),
    ("16", "IA", "Sustainable aviation fuels", "e-fuels from captured CO2 and green hydrogen"),
]
QUERIES = [
    "We build electrolysers for a regional hydrogen network connecting steel and chemical plants.",
    "Our start-up develops solid electrolytes for safer lithium metal battery cells.",
    "A hospital consortium testing rapid diagnostics against resistant bacteria.",
    "Floating offshore wind platforms with new mooring systems.",
    "Volunteers count bees and butterflies to monitor biodiversity.",
    "Optically pumped magnetometers for brain imaging in clinics.",
    "Chemical recycling of polyester from sorted used clothes.",
    "Farmers measure soil carbon with sensors and plant cover crops.",
    "Industrial heat pumps that supply steam to a brewery.",
    "Blood tests that detect Alzheimer's disease years earlier.",
    "Replacing coke with hydrogen to reduce iron ore for steel.",
    "Laser scanning of castles and churches for a digital archive.",
    "Measuring microplastic particles in the Danube and the Black Sea.",
    "A village energy community trading solar power with batteries.",
    "Care robots that help old people living alone and detect falls.",
    "Synthetic kerosene for aircraft made from captured carbon dioxide.",
    "A dairy cooperative replacing gas boilers with heat pumps.",
    "Recycling lithium from spent battery cells.",
    "Wetland restoration monitored by citizen scientists.",
    "Hydrogen storage in salt caverns for industry.",
]


def topic_id(suffix: str) -> str:
    """The portal id of one of ``TOPICS``."""
    return f"HORIZON-CL9-2027-LIFE-01-{suffix}"


def _description(title: str, scope: str, revision: int) -> str:
    sentences = [
        f"<p>Expected Outcome: Projects on {title.lower()} deliver results that industry and public "
        f"bodies across Europe can use; work covers {scope}.</p>",
        f"<p>Scope: Proposals address {scope}. They demonstrate their solutions in at least two "
        "countries, involve end users from the start and publish open data.</p>",
        f"<p>Applicants explain how {scope} will be tested at scale, how risks are managed, and how "
        f"the results on {title.lower()} reach the market after the project ends.</p>",
    ]
    if revision:
        sentences.append(f"<p>Revision {revision}: the work programme adds a pilot on {scope}.</p>")
    return "".join(sentences * 2)


def write_source(root: Path, revision: int = 0, topics: int = len(TOPICS)) -> Path:
    """Write the corpus under ``root``; a higher ``revision`` changes the text of topic 01 only."""
    records = [
        dump_record(
            topic_id(suffix),
            title=title,
            actionType=action,
            callIdentifier="HORIZON-CL9-2027-LIFE-01",
            keywords=scope,
            description=_description(title, scope, revision if suffix == "01" else 0),
        )
        for suffix, action, title, scope in TOPICS[:topics]
    ]
    write_dump(root / "horizon_europe" / "topics_dump.json.gz", records)
    write_sheet(root / "investeu" / "green_loans.md")
    write_sheet(
        root / "innovation_fund" / "small_plants.md",
        FACT_SHEET.replace("Green loans for small firms", "Grants for small clean plants")
        .replace("programme: InvestEU", "programme: Innovation Fund")
        .replace("Energy-saving machines and rooftop solar", "Low-carbon kilns and glass furnaces"),
    )
    projects = [
        project_record(f"10100{number:04d}", topic=topic_id(suffix), acronym=f"P{suffix}", title=title)
        for number, (suffix, _, title, _) in enumerate(TOPICS[:topics])
    ]
    cordis = root / "cordis" / "projects.jsonl.gz"
    cordis.parent.mkdir(parents=True, exist_ok=True)
    cordis.write_bytes(gzip.compress("".join(json.dumps(p) + "\n" for p in projects).encode("utf-8")))
    return root


def cli_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for a ``fundmatch`` subprocess on MiniLM with its own data dir."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("FUNDMATCH_")}
    env.update(
        {
            "FUNDMATCH_DATA_DIR": str(data_dir),
            "FUNDMATCH_EMBEDDING_MODEL": "all-minilm-l6-v2",
            "FUNDMATCH_AS_OF": "2026-08-20",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "PYTHONPATH": str(REPO),
        }
    )
    env.update(extra)
    return env


def fundmatch(
    args: list[str], data_dir: Path, timeout: float = 600, **extra: str
) -> subprocess.CompletedProcess[str]:
    """Run the ``fundmatch`` CLI of this checkout in a subprocess."""
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        env=cli_environment(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )
