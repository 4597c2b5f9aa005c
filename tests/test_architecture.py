"""The house's rules, checked on the imports themselves (docs/architecture.md).

geo/ is a row of packages, each importing only those before it; layers/ uses
geo only through the tables; geo/ never imports folium; no cycle.
"""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "bordermap"
#: geo's packages in order: each may import only those before it.
FLOORS = ["records", "places", "extract", "review", "tables", "sources"]


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


MODULES = {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _floor(module: str) -> int | None:
    parts = module.split(".")
    if parts[:2] != ["bordermap", "geo"] or len(parts) < 3:
        return None
    return FLOORS.index(parts[2]) if parts[2] in FLOORS else None


def test_geo_has_few_top_level_modules():
    top = sorted(p.name for p in (PACKAGE / "geo").glob("*.py"))
    assert len(top) <= 6, top
    assert {p.name for p in (PACKAGE / "geo").iterdir() if p.is_dir()} >= {
        "sources", "extract", "places", "tables"
    }  # fmt: skip


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _floor(m) is not None))
def test_no_import_from_a_later_package(module):
    own = _floor(module)
    later = sorted(
        name for name in MODULES[module]
        if name in MODULES and (_floor(name) or -1) > own
    )  # fmt: skip
    assert not later, f"{module} imports {later} (geo's order: {' < '.join(FLOORS)})"


def test_geo_never_imports_folium_and_layers_only_tables():
    for module, names in MODULES.items():
        if module.startswith("bordermap.geo"):
            assert not any(n.split(".")[0] in ("folium", "branca") for n in names), (
                module
            )
        if module.startswith("bordermap.layers"):
            geo = {n for n in names if n.startswith("bordermap.geo") and n in MODULES}
            assert all(n.startswith("bordermap.geo.tables") for n in geo), (module, geo)


def test_a_pass_uses_no_other_pass():
    passes = [m for m in MODULES if ".extract.pass" in m]
    for module in passes:
        own = module.split(".extract.")[1].split(".")[0]
        others = {
            n for n in MODULES[module]
            if ".extract.pass" in n and n.split(".extract.")[1].split(".")[0] != own
        }  # fmt: skip
        assert not others, f"{module} imports another pass: {sorted(others)}"


def test_no_import_cycle():
    graph = {
        m: {n for n in names if n in MODULES and n != m} for m, names in MODULES.items()
    }
    # package __init__ re-exports are edges too; find a cycle by depth-first search
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_nothing_reads_pythons_private_regex_parser():
    for module, names in MODULES.items():
        assert not names & {"re._parser", "re._constants", "sre_parse"}, module
