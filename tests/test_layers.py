"""The package layout is the pipeline: lower layers never import higher ones, no circles."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "site_builder"

# Bottom to top. A module may import its own layer and the layers below it.
LAYERS = [
    {"errors", "models", "paths", "urls", "slugs", "parallel", "words"},
    {"sources"},
    {"annotate"},
    {"site"},
    {"render"},
    {"ingest"},
    {"engine"},
    {"serve"},
    {"commands"},
    {"cli", "__main__"},
]


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else module
    for number, names in enumerate(LAYERS):
        if top in names:
            return number
    raise AssertionError(f"{module} belongs to no layer: add its package to LAYERS")


def _imports() -> dict[str, set[str]]:
    """Every module's imports of other site_builder modules, lazy ones included."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        package = name if is_package else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.startswith("site_builder"):
                    found.add(target)
                    found.update(f"{target}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("site_builder"))
        modules[name] = found
    return {
        name: {t for t in targets if t in modules and t != name}
        for name, targets in modules.items()
    }


def test_lower_layers_never_import_higher_ones() -> None:
    upward = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if module != "site_builder" and target != "site_builder" and _layer(target) > _layer(module)
    ]
    assert upward == []


def test_no_import_circles() -> None:
    graph = _imports()
    circles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if target == "site_builder" or target.startswith(module + "."):
                continue  # a package's __init__ importing its own modules
            if state.get(target) == 1:
                circles.append(
                    [*trail[trail.index(target) :], target] if target in trail else [module, target]
                )
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []
