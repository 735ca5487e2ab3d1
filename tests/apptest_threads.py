"""Streamlit AppTest sessions in threads at once, as one Streamlit server would run them.

AppTest is written for one session at a time: each run puts a mock runtime into the process-wide
``Runtime._instance`` and sets it back to None at the end (pulling it from under the other threads:
"Runtime hasn't been created!"), and each compiles app.py in its own script cache, at the same time
as the others, which CPython 3.11's parser does not survive ("AST constructor recursion depth
mismatch"). Inside ``shared_streamlit_runtime()`` every AppTest and its script runner share the
first run's runtime and one script cache (which compiles under a lock), as the sessions of one
server share its runtime.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.runtime import Runtime


class _OneRuntime(type):
    def __setattr__(cls, name: str, value: object) -> None:
        if name == "_instance" and (value is None or Runtime._instance is not None):
            return
        setattr(Runtime, name, value)

    def __getattr__(cls, name: str) -> object:
        return getattr(Runtime, name)

    def __dir__(cls) -> list[str]:
        return dir(Runtime)


class _SharedRuntime(metaclass=_OneRuntime):
    """What AppTest sees as ``Runtime``: the first mock it installs stays for every run."""


@contextmanager
def shared_streamlit_runtime() -> Iterator[None]:
    """Let AppTest sessions run in threads at once (see the module docstring)."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared_cache = ScriptCache()
    saved = app_test.Runtime, app_test.ScriptCache, local_script_runner.ScriptCache
    app_test.Runtime, app_test.ScriptCache = _SharedRuntime, lambda: shared_cache
    # The script runner makes a cache of its own too: the one that compiles app.py.
    local_script_runner.ScriptCache = lambda: shared_cache
    try:
        yield
    finally:
        app_test.Runtime, app_test.ScriptCache, local_script_runner.ScriptCache = saved
        Runtime._instance = None
