"""The README's Python examples run as written (from a directory holding seeds/)."""

import re

import pytest

from tests.conftest import ROOT

BLOCKS = re.findall(
    r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S
)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(code, tmp_path, monkeypatch):
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert "save_html" not in code or (tmp_path / "map.html").stat().st_size > 10_000
