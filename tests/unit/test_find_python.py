"""scripts/find-python.sh finds Python 3.12 behind pyenv's refusing shim, and skips shims that refuse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "find-python.sh"


def _exe(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _find(bin_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(bin_dir)}
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)


REFUSING_SHIM = ('echo "pyenv: python3.12: command not found" >&2; '
                 'echo "The \\`python3.12\' command exists in these Python versions: 3.12.1" >&2; exit 127')


def test_pyenv_312_is_found_when_its_shim_refuses(tmp_path: Path) -> None:
    # GIVEN pyenv with 3.12 installed but not selected: `pyenv which python3.12` and the shim both refuse
    root = tmp_path / "pyenv-root"
    real = _exe(root / "versions" / "3.12.1" / "bin" / "python3.12", f'exec "{sys.executable}" "$@"')
    bin_dir = tmp_path / "bin"
    _exe(bin_dir / "pyenv", f'case "$1" in root) echo "{root}";; *) {REFUSING_SHIM};; esac')
    _exe(bin_dir / "python3.12", REFUSING_SHIM)
    # WHEN the Makefile looks for its interpreter
    done = _find(bin_dir)
    # THEN it is pyenv's 3.12, not the shim and not the system's default python3
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(real)


def test_refusing_shims_are_skipped_for_the_next_candidate(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    for name in ("python3.12", "python3.13"):
        _exe(bin_dir / name, REFUSING_SHIM)
    good = _exe(bin_dir / "python3.11", f'exec "{sys.executable}" "$@"')
    done = _find(bin_dir)
    assert done.returncode == 0 and done.stdout.strip() == str(good), done.stderr


def test_no_usable_python_says_so(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    for name in ("python3.12", "python3.13", "python3.11", "python3"):
        _exe(bin_dir / name, REFUSING_SHIM)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    done = subprocess.run(["/bin/bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1 and "no Python >= 3.11 found" in done.stderr
