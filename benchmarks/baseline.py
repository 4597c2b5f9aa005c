"""Another revision of bordermap, unpacked beside this one, to time against it.

    tree = baseline_tree("HEAD~1")   # benchmarks/.cache/rev-<sha>/bordermap

``git archive`` of the revision's ``bordermap/`` package (its code and
bundled data) into ``benchmarks/.cache``; a benchmark then runs the same
measurement in a child process with that tree first on ``PYTHONPATH``, so
both versions are timed in one run on one machine, in alternating rounds.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"


def baseline_tree(rev: str) -> Path:
    """Unpack ``bordermap/`` of git revision ``rev``; return the directory above it."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short=12", rev],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tree = CACHE / f"rev-{sha}"
    if not (tree / "bordermap" / "__init__.py").is_file():
        archive = subprocess.run(
            ["git", "archive", "--format=tar", sha, "bordermap", "seeds"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        tree.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
    return tree


def run_child(script: Path, args: list[str], tree: Path | None) -> dict:
    """Run ``script --child ARGS`` with ``tree`` (or this checkout) first on the path.

    The child prints one JSON object on its last line of output.
    """
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(tree), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, str(script), "--child", *args],
        cwd=tree or ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])
