"""Trained heads that read a request from its embedding: one linear classifier per facet.

A facet is one thing a request says about the money it wants: the finance form, the applicant
type, what the money is for, the stage of the project, whether the need is an organisation's or a
private one, alone or in a consortium, cooperation between clusters or regions, and the
instrument as a whole. Each head is a multinomial logistic regression on the embedder's vectors,
trained on ``data/request_training.tsv`` (short requests in the six languages, labelled by hand).
Each training request is embedded twice, as a query and as a passage, so that the heads read both
the request's query vector and the vectors of its clauses; the vectors are centred per language
(the mean of the training requests of that language), so that the language a request is written
in does not move it towards the values that language happens to be richer in.

The weights are trained per embedding model by ``scripts/train_request_heads.py --write``
(scikit-learn, imported only there) and committed as ``data/request_heads/<model>.npz`` with the
digest of the training file they were trained on; reading a request is then a dot product and a
softmax per facet. A model without weights (the fast tests' MiniLM) reads with the prototypes.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fundmatch.core.errors import CatalogueError
from fundmatch.embeddings.base import Embedder
from fundmatch.lang.i18n import LANGUAGES
from fundmatch.retrieval.instruments import APPLICANT_TYPES, FORMS, PHASES, PURPOSES, Catalogue

TRAINING_PATH = Path(__file__).parent / "data" / "request_training.tsv"
HEADS_DIR = Path(__file__).parent / "data" / "request_heads"
COLUMNS = ("lang", "instrument", "form", "applicant", "collab", "coop", "stage", "need", "purpose", "text")
NO_INSTRUMENT = "none"  # a request no instrument serves (a private or routine need)
UNSTATED = "none"  # the request does not say
FACETS: dict[str, tuple[str, ...]] = {
    "form": (*FORMS, UNSTATED),
    "applicant": (*APPLICANT_TYPES, "person", UNSTATED),
    "purpose": PURPOSES,
    "stage": PHASES,
    "need": ("org", "private", "routine"),
    "collab": ("alone", "consortium", UNSTATED),
    "coop": ("no", "clusters", "regions"),
}
# What a cell "." means on a line that names an instrument (or "none"); on a line that names none,
# "." leaves the facet unlabelled.
_DEFAULTS = {"form": UNSTATED, "applicant": UNSTATED, "collab": UNSTATED, "coop": "no", "need": "org"}
# Inverse regularisation strength of every head, chosen by the cross-validation of
# scripts/train_request_heads.py; the version names the training method in the cache key.
C = 100.0
METHOD = "logreg-centred-c100-v1"


@dataclass(frozen=True)
class TrainingRequest:
    """One labelled request of the training file: its text, language and facet labels."""

    text: str
    language: str
    labels: Mapping[str, str]


def parse_training(text: str, path: Path, catalogue: Catalogue) -> list[TrainingRequest]:
    """The labelled requests of a training file (tab-separated, with a header line of ``COLUMNS``);
    CatalogueError names the line and the field of the first bad cell."""
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise CatalogueError(f"{path.name}: the first line must name the columns {', '.join(COLUMNS)}")
    instruments = (*(i.id for i in catalogue.instruments), NO_INSTRUMENT)
    requests = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        where = f"{path.name}:{number}"
        if len(row) != len(COLUMNS):
            raise CatalogueError(f"{where}: {len(row)} fields, expected {len(COLUMNS)}")
        cells = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))
        if cells["lang"] not in LANGUAGES:
            raise CatalogueError(f"{where}: field 'lang' is '{cells['lang']}'; valid: {', '.join(LANGUAGES)}")
        if not cells["text"]:
            raise CatalogueError(f"{where}: field 'text' is empty")
        labels: dict[str, str] = {}
        named = cells["instrument"] != "."
        if named:
            if cells["instrument"] not in instruments:
                raise CatalogueError(
                    f"{where}: field 'instrument' is '{cells['instrument']}', not in the catalogue"
                )
            labels["instrument"] = cells["instrument"]
        for facet, values in FACETS.items():
            value = cells[facet]
            if value == "." and named:
                value = _DEFAULTS.get(facet, ".")
            if value == ".":
                continue
            if value not in values:
                raise CatalogueError(f"{where}: field '{facet}' is '{value}'; valid: {', '.join(values)}")
            labels[facet] = value
        requests.append(TrainingRequest(cells["text"], cells["lang"], labels))
    if not requests:
        raise CatalogueError(f"{path.name}: no training requests")
    return requests


def load_training(catalogue: Catalogue, path: Path = TRAINING_PATH) -> tuple[list[TrainingRequest], str]:
    """The training requests and a digest of the file (part of the weights' cache key)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    digest = hashlib.blake2b(data, digest_size=10).hexdigest()
    return parse_training(data.decode("utf-8"), path, catalogue), digest


@dataclass(frozen=True)
class Head:
    """One facet's classifier: ``softmax(weights @ (vector - centre) + bias)``."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, dimension)
    bias: np.ndarray  # (classes,)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Rows of class probabilities for rows of centred vectors."""
        logits = vectors @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


class RequestHeads:
    """The trained heads of one embedding model and the language centres they read through."""

    def __init__(
        self,
        heads: Mapping[str, Head],
        centres: Mapping[str, np.ndarray],
        meta: Mapping[str, str] | None = None,
    ) -> None:
        self.heads = dict(heads)
        self.centres = dict(centres)
        self.meta = dict(meta or {})  # model, training-file digest, method

    def centred(self, vectors: np.ndarray, language: str) -> np.ndarray:
        """``vectors`` (rows) minus the centre of ``language`` (of all languages when unknown)."""
        return np.atleast_2d(vectors) - self.centres.get(language, self.centres["all"])

    def read(self, facet: str, vectors: np.ndarray, language: str) -> list[dict[str, float]]:
        """Each row's probability of every value of ``facet``."""
        head = self.heads[facet]
        rows = head.probabilities(self.centred(vectors, language))
        return [dict(zip(head.classes, map(float, row), strict=True)) for row in rows]

    def save(self, path: Path) -> None:
        """Write the weights to ``path`` (numpy ``.npz``), atomically."""
        arrays: dict[str, np.ndarray] = {f"centre:{k}": v.astype(np.float32) for k, v in self.centres.items()}
        for facet, head in self.heads.items():
            arrays[f"weights:{facet}"] = head.weights.astype(np.float32)
            arrays[f"bias:{facet}"] = head.bias.astype(np.float32)
            arrays[f"classes:{facet}"] = np.array(head.classes)
        arrays.update({f"meta:{k}": np.array(v) for k, v in self.meta.items()})
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp.npz")
        np.savez_compressed(temporary, **arrays)
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path) -> RequestHeads:
        """The heads saved at ``path``."""
        with np.load(path) as data:
            meta = {k.split(":", 1)[1]: str(data[k]) for k in data.files if k.startswith("meta:")}
            centres = {k.split(":", 1)[1]: data[k] for k in data.files if k.startswith("centre:")}
            heads = {
                k.split(":", 1)[1]: Head(
                    tuple(str(c) for c in data[f"classes:{k.split(':', 1)[1]}"]),
                    data[k],
                    data[f"bias:{k.split(':', 1)[1]}"],
                )
                for k in data.files
                if k.startswith("weights:")
            }
        return cls(heads, centres, meta)


def training_vectors(embedder: Embedder, requests: Sequence[TrainingRequest]) -> np.ndarray:
    """Each request embedded as a query and as a passage: rows ``[queries..., passages...]``."""
    texts = [r.text for r in requests]
    queries = np.vstack([embedder.embed_query(text) for text in texts])
    passages = np.asarray(embedder.embed_passages(texts))
    return np.vstack([queries, passages]).astype(np.float64)


def language_centres(vectors: np.ndarray, languages: Sequence[str]) -> dict[str, np.ndarray]:
    """The mean vector of each language's rows, and of all rows (``"all"``)."""
    languages = np.asarray(languages)
    centres = {"all": vectors.mean(axis=0)}
    for language in LANGUAGES:
        rows = vectors[languages == language]
        centres[language] = rows.mean(axis=0) if len(rows) else centres["all"]
    return centres


def fit_head(vectors: np.ndarray, labels: Sequence[str], classes: Sequence[str], c: float = C) -> Head:
    """A multinomial logistic regression of ``labels`` on centred ``vectors``, classes balanced.

    scikit-learn's L-BFGS solver is deterministic; it is imported only here, at training time.
    Values of ``classes`` absent from the labels get no weight and a very low bias.
    """
    from sklearn.linear_model import LogisticRegression

    present = sorted(set(labels), key=list(classes).index)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(vectors, list(labels))
    learnt = {str(value): row for row, value in enumerate(model.classes_)}
    dimension = vectors.shape[1]
    weights = np.zeros((len(classes), dimension))
    bias = np.full(len(classes), -30.0)
    coefficients = model.coef_ if len(present) > 2 else np.vstack([-model.coef_[0] / 2, model.coef_[0] / 2])
    intercepts = (
        model.intercept_
        if len(present) > 2
        else np.array([-model.intercept_[0] / 2, model.intercept_[0] / 2])
    )
    for index, value in enumerate(classes):
        if value in learnt:
            weights[index] = coefficients[learnt[value]]
            bias[index] = intercepts[learnt[value]]
    return Head(tuple(classes), weights, bias)


def train_heads(
    vectors: np.ndarray, requests: Sequence[TrainingRequest], catalogue: Catalogue, c: float = C
) -> RequestHeads:
    """Every facet's head (and the instrument head) from ``training_vectors`` of ``requests``."""
    languages = [r.language for r in requests] * 2
    centres = language_centres(vectors, languages)
    centred = vectors - np.vstack([centres[language] for language in languages])
    facets = dict(FACETS)
    facets["instrument"] = (*(i.id for i in catalogue.instruments), NO_INSTRUMENT)
    heads = {}
    for facet, classes in facets.items():
        rows = [i for i, r in enumerate(requests * 2) if facet in r.labels]
        labels = [(requests * 2)[i].labels[facet] for i in rows]
        heads[facet] = fit_head(centred[rows], labels, classes, c)
    return RequestHeads(heads, centres)


def training_digest(path: Path = TRAINING_PATH) -> str:
    """The digest of the training file that a weights file must name (``HEADS_DIR``)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=10).hexdigest()
    except OSError as exc:
        raise CatalogueError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None


def heads_path(model: str) -> Path:
    """Where the committed weights of embedding model ``model`` live."""
    return HEADS_DIR / f"{model}.npz"


def committed_heads(model: str) -> RequestHeads | None:
    """The committed heads of ``model``, None when it has none (the fast tests' MiniLM); a weights
    file trained on another version of the training file is a CatalogueError naming the command
    that retrains it."""
    path = heads_path(model)
    if not path.is_file():
        return None
    heads = RequestHeads.load(path)
    if heads.meta.get("training") != training_digest() or heads.meta.get("method") != METHOD:
        raise CatalogueError(
            f"{path.name}: trained on another request_training.tsv or method; "
            "run scripts/train_request_heads.py --write"
        )
    return heads
