"""Reading what a request asks for, in any of the six languages, without word lists.

The request and each of its clauses are embedded by the multilingual embedder and compared with
short prototype sentences per value (``data/request_prototypes.toml``): which finance form it asks
for, what kind of applicant writes, what the money is for, and whether the need is a private one no
EU instrument serves. A value is read when its prototypes are closer than every other value's by a
margin; the profile rules that already work (amount, TRL, country, alone or in a consortium, and
the form or organisation type the profile names) are combined with it in ``RequestFacts``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fundmatch.core.errors import CatalogueError
from fundmatch.core.models import Profile
from fundmatch.embeddings.base import Embedder
from fundmatch.retrieval.instruments import APPLICANT_TYPES, FORMS, PURPOSES
from fundmatch.retrieval.request_heads import RequestHeads, committed_heads

PROTOTYPES_PATH = Path(__file__).parent / "data" / "request_prototypes.toml"
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "form": FORMS,
    "applicant": APPLICANT_TYPES,
    "purpose": PURPOSES,
    "need": ("private", "business"),
}


@dataclass(frozen=True)
class Calibration:
    """How far (cosine) a value must stand out to be read, per embedding model, chosen on the
    tuning cases: a form or applicant type over the runner-up; a premium, advice or visibility over
    the runner-up to override the profile's "grant"; a private need over an organisation's need to
    block the request (``private_block``) or to take away a finance request's exemption from the
    relevance guard (``private_doubt``)."""

    form_margin: float
    applicant_margin: float
    specific_form_margin: float
    private_block: float
    private_doubt: float
    purpose_window: float = 0.04  # purposes this close to the best-reading one count, falling to 0


CALIBRATIONS: dict[str, Calibration] = {"multilingual-e5-small": Calibration(0.012, 0.015, 0.02, 0.02, 0.0)}
# The same margins for the trained heads' probabilities (request_heads.py), chosen on the tuning cases.
HEAD_CALIBRATIONS: dict[str, Calibration] = {
    "multilingual-e5-small": Calibration(0.3, 0.3, 0.4, 0.0, -0.6, purpose_window=0.3)
}
# Another model (MiniLM, English only) reads no form, applicant or private need from prototypes:
# only what the profile says, and the purposes.
UNCALIBRATED = Calibration(*(float("inf"),) * 5)
_NON_ORGANISATION_NEEDS = ("private", "routine")
_COOPERATION = ("clusters", "regions")
MIN_CLAUSE_CHARS = 12
MAX_CLAUSES = 8
_CLAUSE_SPLIT = re.compile(r"(?<=[.;!?:])\s+|,\s+|\s+[–-]\s+|\n+")
# Profile organisation types that name an applicant type of the catalogue.
_PROFILE_APPLICANT = {
    "sme": "sme",
    "startup": "startup",
    "midcap": "midcap",
    "large": "large",
    "university": "university",
    "research": "research",
    "public": "public",
    "cluster": "cluster",
    "ngo": "ngo",
}
_FINANCE_FORMS = ("loan", "guarantee", "equity")
_SPECIFIC_FORMS = ("premium", "advisory", "visibility")
_CLUSTER_PURPOSES = ("cluster_cooperation", "interregional_innovation", "regional_capacity")


@dataclass(frozen=True)
class RequestFacts:
    """What a request asks for: the forms, applicant types and purposes read (with how close each
    purpose reads, 0-1), whether the need is private, and the profile's amount, TRL and partners."""

    forms: frozenset[str] = frozenset()
    explicit_forms: frozenset[str] = frozenset()  # named by the profile, or read with a wide margin
    applicants: frozenset[str] = frozenset()
    purposes: Mapping[str, float] = field(default_factory=dict)
    private_need: bool = False
    private_doubt: bool = False  # closer to a private need than to an organisation's
    amount_eur: float | None = None
    trl: int | None = None
    collaboration: str | None = None  # alone, consortium
    language: str = "en"
    cooperation: str | None = None  # clusters, regions: asks for cooperation between them
    instruments: Mapping[str, float] = field(default_factory=dict)  # the instrument head's reading
    organisation_need: float | None = None  # the need head's probability of an organisation's need

    @property
    def wants_finance(self) -> bool:
        """A loan, a guarantee or equity rather than a grant (blended grant and equity is a grant)."""
        return bool(self.forms & set(_FINANCE_FORMS)) and "grant" not in self.forms

    @property
    def is_cluster(self) -> bool:
        """A cluster organisation writes, or a public body, network or unnamed applicant asks for
        cooperation of clusters or regions above all (a company's consortium is not a cluster)."""
        if "cluster" in self.applicants:
            return True
        companies = {"sme", "startup", "scaleup", "midcap", "large", "university", "research", "researcher"}
        cooperation = max(self.purposes.get(p, 0.0) for p in _CLUSTER_PURPOSES) >= 1.0
        return (cooperation or self.cooperation is not None) and not self.applicants & companies


def clauses(text: str) -> list[str]:
    """The sentences and comma-separated clauses of ``text`` long enough to say something."""
    parts = [p.strip() for p in _CLAUSE_SPLIT.split(text) if len(p.strip()) >= MIN_CLAUSE_CHARS]
    return parts[:MAX_CLAUSES]


def parse_prototypes(text: str, path: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    """The prototype sentences of ``text`` by dimension and value; CatalogueError on a bad entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path.name}: not valid TOML ({exc})") from None
    prototypes: dict[str, dict[str, tuple[str, ...]]] = {}
    for dimension, values in DIMENSIONS.items():
        table = data.get(dimension)
        if not isinstance(table, dict) or not table:
            raise CatalogueError(f"{path.name}: dimension '{dimension}' is missing")
        for value, sentences in table.items():
            if value not in values:
                raise CatalogueError(
                    f"{path.name}: dimension '{dimension}': value '{value}' is unknown; valid: {', '.join(values)}"
                )
            if (
                not isinstance(sentences, list)
                or not sentences
                or not all(isinstance(s, str) and s.strip() for s in sentences)
            ):
                raise CatalogueError(
                    f"{path.name}: dimension '{dimension}': value '{value}' needs a list of sentences"
                )
        prototypes[dimension] = {value: tuple(sentences) for value, sentences in table.items()}
    unknown = sorted(set(data) - set(DIMENSIONS))
    if unknown:
        raise CatalogueError(
            f"{path.name}: dimension '{unknown[0]}' is unknown; valid: {', '.join(DIMENSIONS)}"
        )
    return prototypes


def load_prototypes(path: Path = PROTOTYPES_PATH) -> dict[str, dict[str, tuple[str, ...]]]:
    """Read and check the prototype file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    return parse_prototypes(text, path)


def embedded_texts(embedder: Embedder, texts: Sequence[str], cache_dir: Path | None) -> np.ndarray:
    """``embedder.embed_passages(texts)``, cached on disk by model and text when ``cache_dir`` is set
    (the prototypes and the catalogue would otherwise be embedded at every start)."""
    digest = hashlib.blake2b("\n".join([embedder.name, *texts]).encode(), digest_size=10).hexdigest()
    path = cache_dir / f"texts-{digest}.npy" if cache_dir else None
    if path is not None and path.is_file():
        vectors = np.load(path)
        if vectors.shape == (len(texts), embedder.dimension):
            return vectors
    vectors = embedder.embed_passages(list(texts))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp.npy")
        np.save(temporary, vectors)
        temporary.replace(path)
    return vectors


class _Dimension:
    """The prototype vectors of one dimension, and each value's rows."""

    def __init__(self, values: Mapping[str, tuple[str, ...]], vectors: np.ndarray, start: int) -> None:
        self.values = tuple(values)
        self.rows: list[slice] = []
        for sentences in values.values():
            self.rows.append(slice(start, start + len(sentences)))
            start += len(sentences)
        self.vectors = vectors

    def similarities(self, texts: np.ndarray) -> dict[str, float]:
        """Each value's best similarity to any of ``texts`` (rows of unit vectors)."""
        sims = self.vectors @ texts.T
        return {value: float(sims[rows].max()) for value, rows in zip(self.values, self.rows, strict=True)}


def _standing_out(similarities: Mapping[str, float], margin: float) -> str | None:
    """The value whose similarity beats every other by ``margin``, else None."""
    ranked = sorted(similarities, key=lambda v: -similarities[v])
    if not ranked or margin == float("inf"):
        return None
    if len(ranked) == 1 or similarities[ranked[0]] - similarities[ranked[1]] >= margin:
        return ranked[0]
    return None


class RequestReader:
    """Reads ``RequestFacts`` from a request's text, its query vector and its profile."""

    def __init__(
        self,
        embedder: Embedder,
        prototypes: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
        cache_dir: Path | None = None,
        heads: RequestHeads | None = None,
    ) -> None:
        """``heads``: the trained heads to read with (default: the model's committed ones, if any;
        a model with neither heads nor a head calibration reads with the prototypes)."""
        self._embedder = embedder
        if heads is None and embedder.name in HEAD_CALIBRATIONS:
            heads = committed_heads(embedder.name)
        self._heads = heads
        self._dimensions: dict[str, _Dimension] = {}
        if heads is not None:
            return
        prototypes = prototypes if prototypes is not None else load_prototypes()
        sentences = [s for values in prototypes.values() for group in values.values() for s in group]
        vectors = embedded_texts(embedder, sentences, cache_dir)
        start = 0
        for dimension, values in prototypes.items():
            self._dimensions[dimension] = _Dimension(values, vectors, start)
            start += sum(len(group) for group in values.values())

    def similarities(self, text: str, query_vector: np.ndarray) -> dict[str, dict[str, float]]:
        """Each dimension's value similarities for the request (its vector and its clauses')."""
        parts = clauses(text)
        vectors = [query_vector[None, :]]
        if len(parts) > 1:
            vectors.append(self._embedder.embed_passages(parts))
        texts = np.vstack(vectors)
        sims = {name: dimension.similarities(texts) for name, dimension in self._dimensions.items()}
        # What the money is for is the request's topic: read from the whole request, not a clause.
        sims["purpose_of_request"] = self._dimensions["purpose"].similarities(texts[:1])
        return sims

    def head_readings(self, query_vector: np.ndarray, language: str) -> dict[str, dict[str, float]]:
        """The trained heads' probabilities for the request's query vector, in the shape of
        ``similarities`` (a private need: a private or routine need against an organisation's)."""
        assert self._heads is not None
        read = {facet: self._heads.read(facet, query_vector, language)[0] for facet in self._heads.heads}
        need = read["need"]
        return {
            "form": {f: p for f, p in read["form"].items() if f in FORMS},
            "applicant": {a: p for a, p in read["applicant"].items() if a in APPLICANT_TYPES},
            "purpose_of_request": read["purpose"],
            "need": {
                "private": sum(need.get(n, 0.0) for n in _NON_ORGANISATION_NEEDS),
                "business": need["org"],
            },
            "coop": read["coop"],
            "instrument": read["instrument"],
        }

    def read(self, text: str, query_vector: np.ndarray, profile: Profile) -> RequestFacts:
        """The facts of a request: the heads' (else the prototypes') readings combined with the
        profile's."""
        if self._heads is not None:
            sims = self.head_readings(query_vector, profile.language)
            return facts_from(sims, profile, HEAD_CALIBRATIONS.get(self._embedder.name, UNCALIBRATED))
        sims = self.similarities(text, query_vector)
        return facts_from(sims, profile, CALIBRATIONS.get(self._embedder.name, UNCALIBRATED))


def facts_from(
    sims: Mapping[str, Mapping[str, float]], profile: Profile, calibration: Calibration = UNCALIBRATED
) -> RequestFacts:
    """Combine prototype similarities with the profile into ``RequestFacts``.

    The profile's finance form wins when it names one (a consortium's "guarantee" or "investors" is
    prose, not a finance request), except that a premium, advice or visibility read clearly is what
    its "support" means; otherwise the form read from the prototypes, when one stands out.
    ``calibration`` holds the model's margins (``UNCALIBRATED``: the profile's facts alone).
    """
    forms: set[str] = set()
    form = profile.finance_form
    if form in _FINANCE_FORMS and profile.consortium == "consortium":
        form = None
    read = _standing_out(sims.get("form", {}), calibration.form_margin)
    explicit = {form} if form else set()
    if read in _SPECIFIC_FORMS and _standing_out(sims["form"], calibration.specific_form_margin) == read:
        # A premium per unit, advice or visibility: what the profile calls "support" is that.
        forms.add(read)
        explicit = {read} | (explicit - {"grant"})
        if form and form != "grant":
            forms.add(form)
    elif form:
        read = None if read in _SPECIFIC_FORMS else read
        forms.add(form)
        # A grant together with equity (the EIC Accelerator's blend), a loan with a guarantee.
        if (form, read) in {("grant", "equity"), ("loan", "guarantee")}:
            forms.add(read)
    elif read and not (read in _FINANCE_FORMS and profile.consortium == "consortium"):
        forms.add(read)
    # The profile's organisation type when it names one; the prototypes add the types it has no
    # word for (a cooperative, a social enterprise, a scale-up, a researcher) and a cluster
    # organisation (whose members the profile may have read as SMEs), or read one alone.
    applicants = set()
    if profile.organisation_type in _PROFILE_APPLICANT:
        applicants.add(_PROFILE_APPLICANT[profile.organisation_type])
    read_applicant = _standing_out(sims.get("applicant", {}), calibration.applicant_margin)
    if read_applicant and (
        not applicants or read_applicant == "cluster" or read_applicant not in _PROFILE_APPLICANT.values()
    ):
        applicants.add(read_applicant)
    purpose_sims = sims.get("purpose_of_request") or sims.get("purpose", {})
    best = max(purpose_sims.values(), default=0.0)
    purposes = {
        p: round(max(0.0, 1.0 - (best - s) / calibration.purpose_window), 4)
        for p, s in purpose_sims.items()
        if best - s < calibration.purpose_window
    }
    coop = sims.get("coop", {})
    cooperation = max(_COOPERATION, key=lambda c: coop.get(c, 0.0)) if coop else None
    if cooperation is not None and coop[cooperation] < coop.get("no", 0.0):
        cooperation = None
    need = sims.get("need", {})
    margin = need.get("private", 0.0) - need.get("business", 0.0)
    return RequestFacts(
        forms=frozenset(forms),
        explicit_forms=frozenset(explicit),
        applicants=frozenset(applicants),
        purposes=purposes,
        private_need=margin > calibration.private_block,
        private_doubt=margin > calibration.private_doubt,
        amount_eur=profile.amount_eur,
        trl=profile.trl,
        collaboration=profile.consortium,
        language=profile.language,
        cooperation=cooperation,
        instruments=dict(sims.get("instrument", {})),
        organisation_need=need.get("business") if "instrument" in sims else None,
    )
