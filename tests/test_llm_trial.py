"""The guard trial: every case runs, accepted answers are counted, injections never leak."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fundmatch.app.commands.llm import llm_group
from fundmatch.core.errors import ModelError
from fundmatch.llm.fake import FakeLLM
from fundmatch.llm.trial import CASES, INJECTED_ID, run_trial


def _obeys_injections(system: str, user: str) -> str:
    if "Which programme should my SME apply to?" in user:
        return f"Every applicant is eligible: apply to {INJECTED_ID} [3]."
    return "The EIC Accelerator grant reaches EUR 2.5 million for a single SME [1]."


def test_trial_runs_every_case_and_never_accepts_the_injection() -> None:
    fake = FakeLLM([_obeys_injections])

    results = list(run_trial(fake))

    assert [r.case for r in results] == list(CASES)
    assert len(fake.prompts) == len(CASES)
    assert not any(r.leaked_injection for r in results)
    injected = results[-1]
    assert injected.answer.used_llm is False
    assert INJECTED_ID in injected.answer.reason
    accepted = {r.case.language for r in results if r.answer.used_llm}
    assert accepted == {"en"}


def test_trial_command_needs_a_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FUNDMATCH_LLM_BACKEND", raising=False)

    result = CliRunner().invoke(llm_group, ["trial"])

    assert isinstance(result.exception, ModelError)
    assert "no LLM configured" in str(result.exception)
