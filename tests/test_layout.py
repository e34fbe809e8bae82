"""The package's shape holds: data flows one way (capture -> store -> derive -> explain -> present),
no module imports against it or in a cycle (lazy imports inside functions included), none is over
400 lines, and few modules sit at the top of the package."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"
# Each area may import its own modules and those of lower rank, never higher.
RANK = {
    "errors": 0,
    "values": 0,
    "vocabulary": 0,
    "capture": 1,
    "store": 2,
    "derive": 3,
    "explain": 4,
    "present": 5,
    "api": 6,
    "indexing": 6,
    "watch": 7,
    "importer": 7,
    "cli": 8,
    "__main__": 9,
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every tracker module `name` imports, at the top or inside a function."""
    out = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("tracker")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if not base.startswith("tracker"):
                continue
            for alias in node.names:  # "from tracker.present import json" imports a module
                out.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {m for m in out if m in known and m != name}


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_no_module_imports_against_the_flow():
    against = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        for target in targets
        if _area(name) in RANK and _area(target) in RANK and RANK[_area(target)] > RANK[_area(name)]
    ]
    assert against == []


def test_no_import_cycle_lazy_imports_included():
    graph = _graph()
    # a package's __init__ is imported by its own modules implicitly; edges to it do not make cycles
    # unless it imports them back, which is what this walk finds
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_modules_are_small_and_few_sit_at_the_top():
    long = [
        f"{p.relative_to(PACKAGE)}: {n}"
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 400
    ]
    assert long == []
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top


def test_every_public_function_of_the_library_says_what_it_is_for():
    missing = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [n for n in tree.body if isinstance(n, ast.ClassDef) and not n.name.startswith("_")]
        public = [*tree.body, *(m for c in classes for m in c.body)]  # module level and class members
        for node in public:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                if ast.get_docstring(node) is None and not _is_trivial(node):
                    missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert missing == []


def _is_trivial(node: ast.AST) -> bool:
    """Click commands carry their docstring as help; enum and dataclass bodies of a line or two, and
    properties named for what they return, speak for themselves."""
    if isinstance(node, ast.ClassDef):
        return False
    decorators = {ast.unparse(d).split("(")[0] for d in node.decorator_list}
    return "property" in decorators and len(node.body) <= 2
