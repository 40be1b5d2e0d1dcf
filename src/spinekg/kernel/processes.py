"""Folders that name the process that made them, and the ones their dead owners left behind.

A build's staging folder and the reasoner's temporary folder are named ``<prefix><pid>-...``;
a process killed with SIGKILL cannot remove its own, so the next run removes every folder
whose process is gone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["alive", "remove_abandoned"]


def alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (possibly another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned(parent: Path, prefix: str) -> None:
    """Remove the folders ``parent/<prefix><pid>-*`` whose process ``pid`` no longer exists."""
    for folder in parent.glob(f"{prefix}*"):
        pid = folder.name.removeprefix(prefix).split("-")[0]
        if folder.is_dir() and pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
