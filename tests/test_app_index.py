"""The app against a small real index built with MiniLM from hand-written fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.chat_fakes import build_fixture_index

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def indexed_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    for key, value in build_fixture_index(tmp_path / "data").items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def test_conversation_on_a_real_index(indexed_app: AppTest) -> None:
    at = indexed_app
    at.chat_input[0].set_value(
        "We are an SME from Germany developing industrial heat pumps for process heat."
    ).run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "Industrial heat pumps for low-temperature process heat" in text
    assert "[HORIZON-CL5-2026-D3-01-05](https://ec.europa.eu/" in text
    at.chat_input[0].set_value("What is the deadline of HORIZON-CL5-2026-D3-01-05?").run()
    assert not at.exception
    last = "\n".join(m.value for m in at.chat_message[-1].markdown)
    assert "15 September 2026 (26 days left)" in last
    assert "**Sources**" in last
