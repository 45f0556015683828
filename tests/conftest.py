"""Shared fixtures: the spaCy pipeline (loaded once per session) and a CLI runner."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run cache of the whole session in a folder of its own, never the user's (child
    processes the tests start inherit it)."""
    import os

    folder = tmp_path_factory.mktemp("cramptext-cache")
    os.environ["CRAMPTEXT_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def nlp():
    """The configured pipeline, loaded once for the whole test session.

    ``cached_pipeline(None)`` rather than ``cached_pipeline()``: the CLI calls
    ``cached_pipeline(model)`` with ``model=None``, and ``functools.lru_cache``
    keys ``f()`` and ``f(None)`` apart, so only this spelling shares one
    loaded pipeline between the library tests and the CLI tests.
    """
    from cramptext.nlp.pipeline import cached_pipeline

    return cached_pipeline(None)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in ``tmp_path`` so paths given on the command line (and echoed back) are short."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """``invoke("extract", "a.txt", input=...)``: run the CLI in-process.

    An exception that is not a deliberate exit is re-raised, so a crash shows
    its traceback instead of passing as "exit code 1".
    """
    from cramptext.cli import cli

    def run(*args: str, input: str | bytes | None = None) -> Result:
        result = CliRunner().invoke(cli, list(args), input=input, prog_name="cramptext")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    return run
