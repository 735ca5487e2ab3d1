"""Small source files written in our own words for the corpus loader tests (no shared data)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

MOJIBAKE_TITLE = "Europeâ€™s greener batteries"  # "Europe’s" read through the wrong code page
REPAIRED_TITLE = "Europe’s greener batteries"


def dump_record(topic_id: str, **changes: object) -> dict:
    """A topic as the open/forthcoming dump writes it (full text, conditions)."""
    record = {
        "topicId": topic_id,
        "title": "Greener batteries for city buses",
        "programme": "Horizon Europe",
        "callIdentifier": "HORIZON-CL5-2027-01",
        "actionType": "IA",
        "deadline": "2027-02-10",
        "callStatus": "forthcoming",
        "budgetMin": 3000000,
        "budgetMax": 5000000,
        "expectedGrants": 2,
        "keywords": "batteries, buses",
        "portalUrl": f"https://ec.europa.eu/topic/{topic_id.lower()}",
        "description": (
            "<p>Expected Outcome:Projects will show buses that run a full day on one charge.</p>"
            "<p>Scope:Proposals build and test a battery pack in two cities.</p>"
            "nullActivities are expected to achieve TRL 6 by the end of the project."
        ),
        "callTitle": "Clean urban transport",
        "deadlineModel": "single-stage",
        "typesOfAction": "HORIZON Innovation Actions",
        "topicConditions": '">General conditions1. Admissibility Conditionsdescribed in Annex A.',
    }
    record.update(changes)
    return record


def feed_record(topic_id: str, snapshot: str = "2026-08-20T05:00:00.000Z", **changes: object) -> dict:
    """A topic as the eu-grants-feed union writes it (metadata, cut abstract, call budget)."""
    record = {
        "identifier": topic_id,
        "title": "Greener batteries for city buses",
        "callIdentifier": "HORIZON-CL5-2027-01",
        "callTitle": "Clean urban transport",
        "destination": "Clean and competitive mobility",
        "abstract": "Expected Outcome: Buses that run a full day on one charge…",
        "actionType": "HORIZON Innovation Actions",
        "status": {"id": "31094501", "label": "Forthcoming"},
        "startDate": "2026-10-01T00:00:00.000Z",
        "deadlineDate": "2027-02-10T00:00:00.000Z",
        "plannedOpeningDate": None,
        "deadlineModel": None,
        "frameworkProgrammes": [{"id": "1", "label": "Horizon Europe (HORIZON)"}],
        "budget": {
            "totalBudgetEur": 20000000,
            "expectedGrants": 4,
            "minContributionEur": None,
            "maxContributionEur": None,
        },
        "url": f"https://ec.europa.eu/topic/{topic_id}",
        "_snapshot": snapshot,
    }
    record.update(changes)
    return record


def write_dump(path: Path, records: list[dict], tail: str = "") -> Path:
    """Concatenated JSON objects, UTF-8 BOM, no newlines between records, gzipped."""
    text = "".join(json.dumps(record, ensure_ascii=False) for record in records) + tail
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(b"\xef\xbb\xbf" + text.encode("utf-8")))
    return path


def write_feed(path: Path, records: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    """One JSON object per line, gzipped."""
    lines = [json.dumps(record, ensure_ascii=False) for record in records] + list(extra_lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path


FACT_SHEET = """---
title: "Green loans for small firms"
programme: InvestEU
instrument: "Guaranteed bank loans"
call_id: "Rolling scheme through partner banks"
status: "Open until 31 December 2027"
deadline: "31 December 2027"
budget: "EUR 1.5 billion (indicative)"
grant_size: "loans up to EUR 2 million per project"
eligible_applicants: "SMEs and small mid-caps in the EU"
typical_trl: "not TRL-based"
sources:
  - https://example.org/blog/green-loans
  - https://investeu.europa.eu/green-loans_en
---

# Green loans for small firms

## What it funds
Energy-saving machines and rooftop solar for small firms.

## Who can apply
Small and medium-sized enterprises ask their own bank.
"""


def write_sheet(path: Path, text: str = FACT_SHEET) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


HTML_PAGE = """<html><head><title>HORIZON-CL5-2027-01-07: Quiet electric ferries</title></head>
<body><nav>Home | Search</nav><main><h1>Quiet electric ferries</h1><p>A short introduction.</p>
<h2>Expected Outcome</h2><p>Ferries that cross a harbour without noise.</p>
<h2>Scope</h2><p>Build one ferry. Related: HORIZON-CL5-2026-01-03.</p></main>
<footer>Legal notice</footer></body></html>
"""


def project_record(project_id: str, topic: str = "HORIZON-CL5-2022-D2-01-11", **changes: object) -> dict:
    """A funded project as the CORDIS file writes it."""
    record = {
        "id": project_id,
        "acronym": "SUNBUS",
        "title": "Solar buses",
        "objective": "We make buses charge from the sun.",
        "keywords": "solar, buses",
        "startDate": "2023-01-01",
        "endDate": "2025-12-31",
        "totalCost": "1000000.5",
        "ecMaxContribution": "900000",
        "fundingScheme": "HORIZON-RIA",
        "topics": [{"code": topic, "title": "Solar transport"}],
        "organizations": [
            {
                "legalName": "Sun GmbH",
                "role": "coordinator",
                "sme": "true",
                "country": "DE",
                "ecContribution": "500000",
            },
            {
                "legalName": "Uni Lyon",
                "role": "participant",
                "sme": "false",
                "country": "FR",
                "ecContribution": None,
            },
        ],
    }
    record.update(changes)
    return record


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A real, minimal PDF (Helvetica text, one line per string) written by hand with a valid xref."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * index for index in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for index, lines in enumerate(pages):
        content_id = page_ids[index] + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        ops = ["BT", "/F1 10 Tf", "14 TL", "50 750 Td"]
        ops += [f"({_pdf_escape(line)}) Tj T*" for line in lines]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def work_programme_pages(topic_id: str) -> list[list[str]]:
    """Four pages shaped like a work programme: running header, a call, one topic over two pages."""
    header = ["Horizon Europe - Work Programme 2027", "Clean Transport"]
    return [
        [
            *header,
            "Part 9 - Page 1 of 4",
            "Destination - Clean and competitive mobility",
            "This destination funds cleaner transport for European cities.",
        ],
        [
            *header,
            "Part 9 - Page 2 of 4",
            "Call - Clean urban transport",
            f"{topic_id}: Greener batteries",
            "for city buses",
            "Call: Clean urban transport",
            "Specific conditions",
            "Activities are expected to achieve TRL 6.",
        ],
        [
            *header,
            "Part 9 - Page 3 of 4",
            "Expected Outcome: Buses run a full day on one charge.",
            "Operators save energy and money.",
        ],
        [
            *header,
            "Part 9 - Page 4 of 4",
            "Scope: Proposals test a battery pack in two cities.",
            "Results are shared with other cities.",
        ],
    ]
