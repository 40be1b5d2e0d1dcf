"""The command line under a seeded fuzzer: every hostile input gets a message, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fuzzing import fuzz


def test_no_fuzzed_invocation_prints_a_traceback(
    tiny_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """400 invocations with a fixed seed (2,000 in `benchmarks/fuzz.py`).

    A query stopped at its --timeout ends the process (``os._exit``); here that ends the
    invocation instead, which the fuzzer counts as an exit, not a traceback.
    """

    def stop(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(os, "_exit", stop)
    report = fuzz(tiny_release, tmp_path, seed=20261130, count=400)
    assert report.tracebacks == []
    assert report.invocations == 400
    assert report.exits.get(1, 0) > 150, report.exits  # the hostile ones are refused...
    assert report.exits.get(0, 0) > 0, report.exits  # ...and the sound ones answered
