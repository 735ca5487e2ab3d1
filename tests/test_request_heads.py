"""The trained request heads: the training file, the committed weights and reading with them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fundmatch.core.errors import CatalogueError
from fundmatch.core.models import Profile
from fundmatch.retrieval import request_heads
from fundmatch.retrieval.instrument_fit import instrument_fit
from fundmatch.retrieval.instruments import default_catalogue
from fundmatch.retrieval.request_heads import (
    COLUMNS,
    FACETS,
    METHOD,
    Head,
    RequestHeads,
    committed_heads,
    fit_head,
    load_training,
    parse_training,
    training_digest,
)
from fundmatch.retrieval.request_reader import HEAD_CALIBRATIONS, RequestFacts, facts_from
from fundmatch.retrieval.routing import Routing

HEADER = "\t".join(COLUMNS)
E5 = "multilingual-e5-small"


def _line(*cells: str) -> str:
    return "\t".join(cells)


GOOD = _line(
    "en", "investeu-sme-guarantee", "guarantee", "sme", ".", ".", ".", ".", ".", "We need a bank guarantee."
)


def _parse(*lines: str) -> list[request_heads.TrainingRequest]:
    return parse_training("\n".join([HEADER, *lines]), Path("training.tsv"), default_catalogue())


def test_the_training_file_parses_with_defaults_for_named_instruments() -> None:
    requests, digest = load_training(default_catalogue())
    assert len(requests) > 400 and digest == training_digest()
    assert {r.language for r in requests} == {"en", "de", "fr", "it", "es", "pl"}
    (request,) = _parse(GOOD)
    assert request.labels == {
        "instrument": "investeu-sme-guarantee", "form": "guarantee", "applicant": "sme",
        "collab": "none", "coop": "no", "need": "org",
    }  # fmt: skip
    (unlabelled,) = _parse(
        _line("de", ".", ".", ".", ".", ".", ".", "private", ".", "Ein Kredit für mein Auto.")
    )
    assert unlabelled.labels == {"need": "private"}, "a line naming no instrument labels only what it says"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (_line("en", "x"), "training.tsv:2: 2 fields, expected 10"),
        (GOOD.replace("en", "nl", 1), "training.tsv:2: field 'lang' is 'nl'"),
        (GOOD.replace("investeu-sme-guarantee", "no-such-fund"), "field 'instrument' is 'no-such-fund'"),
        (
            GOOD.replace("guarantee\tsme", "mortgage\tsme"),
            "training.tsv:2: field 'form' is 'mortgage'; valid: grant",
        ),
        (GOOD.replace("We need a bank guarantee.", " "), "field 'text' is empty"),
    ],
)
def test_a_bad_training_line_names_the_line_and_field(line: str, message: str) -> None:
    with pytest.raises(CatalogueError, match=message):
        _parse(line)


def test_a_training_file_without_the_header_is_refused() -> None:
    with pytest.raises(CatalogueError, match="first line must name the columns"):
        parse_training(GOOD, Path("training.tsv"), default_catalogue())


def test_the_committed_weights_match_the_training_file() -> None:
    heads = committed_heads(E5)
    assert heads is not None, "scripts/train_request_heads.py --write"
    assert heads.meta == {"model": E5, "training": training_digest(), "method": METHOD}
    assert set(heads.heads) == {*FACETS, "instrument"}
    for facet, values in FACETS.items():
        assert heads.heads[facet].classes == values
    instruments = heads.heads["instrument"].classes
    assert set(instruments) == {*(i.id for i in default_catalogue().instruments), "none"}
    assert committed_heads("all-minilm-l6-v2") is None, "a model without weights reads with the prototypes"


def test_stale_weights_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    head = Head(("a", "b"), np.eye(2, 3), np.zeros(2))
    RequestHeads({"form": head}, {"all": np.zeros(3)}, {"training": "old", "method": METHOD}).save(
        tmp_path / "m.npz"
    )
    monkeypatch.setattr(request_heads, "HEADS_DIR", tmp_path)
    with pytest.raises(CatalogueError, match=r"m\.npz: trained on another request_training\.tsv"):
        committed_heads("m")


def test_a_head_learns_separable_values_and_round_trips(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vectors = np.vstack([rng.normal(0, 0.05, (20, 4)) + centre for centre in np.eye(4)[:3]])
    labels = ["loan"] * 20 + ["grant"] * 20 + ["equity"] * 20
    head = fit_head(vectors, labels, ("grant", "loan", "equity", "premium"), c=100.0)
    probabilities = head.probabilities(np.eye(4)[:3])
    assert [head.classes[i] for i in probabilities.argmax(axis=1)] == ["loan", "grant", "equity"]
    assert probabilities[:, 3].max() < 1e-6, "a value without training lines is never read"
    two = fit_head(vectors[:40], labels[:40], ("grant", "loan"), c=100.0)
    assert two.probabilities(np.eye(4)[:1])[0].argmax() == 1, "a two-value head reads like the others"
    heads = RequestHeads({"form": head}, {"all": np.zeros(4), "de": np.full(4, 0.1)}, {"method": METHOD})
    heads.save(tmp_path / "h.npz")
    loaded = RequestHeads.load(tmp_path / "h.npz")
    assert loaded.meta == {"method": METHOD}
    read = loaded.read("form", np.eye(4)[1], "de")[0]
    assert max(read, key=read.get) == "grant"
    assert read == pytest.approx(heads.read("form", np.eye(4)[1], "de")[0], abs=1e-5)


def _readings(org: float, coop: str = "no", instrument: str = "investeu-sme-guarantee") -> dict:
    return {
        "form": {"loan": 0.7, "guarantee": 0.25, "grant": 0.05},
        "applicant": {"sme": 0.9, "public": 0.1},
        "purpose_of_request": {"business_investment": 0.8, "research": 0.1, "company_growth": 0.6},
        "need": {"private": 1.0 - org, "business": org},
        "coop": {"no": 0.1, "clusters": 0.1, "regions": 0.1, coop: 0.8},
        "instrument": {instrument: 0.9, "he-ria": 0.1},
    }


def _routing(facts: RequestFacts) -> Routing:
    catalogue = default_catalogue()
    fits = {
        i.id: instrument_fit(i, facts, facts.instruments.get(i.id, 0.0) / 0.9) for i in catalogue.instruments
    }
    topic_led = frozenset(i.id for i in catalogue.instruments if i.members.action_types)
    return Routing(facts, fits, {}, {}, topic_led, catalogue)


def test_head_readings_become_facts() -> None:
    calibration = HEAD_CALIBRATIONS[E5]
    facts = facts_from(_readings(0.97), Profile(language="pl"), calibration)
    assert facts.forms == {"loan"} and facts.applicants == {"sme"}
    assert facts.purposes == {
        "business_investment": 1.0,
        "company_growth": pytest.approx(1 - 0.2 / 0.3, abs=1e-3),
    }
    assert not facts.private_need and facts.organisation_need == 0.97
    assert facts.cooperation is None and not facts.is_cluster
    assert _routing(facts).real_need(), "an organisation's need that an instrument fits"
    private = facts_from(_readings(0.3), Profile(), calibration)
    assert private.private_need and not _routing(private).real_need()
    unsure = facts_from(_readings(0.7), Profile(), calibration)
    assert not unsure.private_need and not _routing(unsure).real_need(), "the relevance guard decides"
    regions = facts_from({**_readings(0.97, "regions"), "applicant": {"public": 0.9}}, Profile(), calibration)
    assert regions.cooperation == "regions" and regions.is_cluster
    company = facts_from(_readings(0.97, "clusters"), Profile(), calibration)
    assert company.cooperation == "clusters" and not company.is_cluster, (
        "a company's consortium is no cluster"
    )


def test_the_instrument_head_leads_the_meaning_part() -> None:
    facts = facts_from(_readings(0.97), Profile(), HEAD_CALIBRATIONS[E5])
    routing = _routing(facts)
    assert routing.fits["investeu-sme-guarantee"].parts["semantic"] == 1.0
    assert max(routing.fits, key=lambda i: routing.fits[i].score) == "investeu-sme-guarantee"
