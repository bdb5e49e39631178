"""The package's folders are the pipeline (issue 9 point 7): common → read → plan → compute →
render → the commands (cli, validation). A module imports only from its own layer or one
below — at the top of the file or inside a function alike — so the data flows one way."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "xnkc"
LAYERS = ["common", "read", "plan", "compute", "render"]  # then the top: cli, validation, __main__


def layer(module: str) -> int:
    """0.. for the folders in LAYERS; len(LAYERS) for the modules at the package's top."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 2 and parts[1] in LAYERS else len(LAYERS)


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        out[".".join(rel.parts)] = path
    return out


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``xnkc`` import in the file, ``from xnkc.x import y`` read as x.y
    when x.y is a module (so ``from xnkc.compute import calc`` is compute.calc)."""
    known = modules()
    found: list[tuple[int, str]] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {  # ``if TYPE_CHECKING:`` imports are annotations, not a flow of data
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for n in ast.walk(block)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("xnkc")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("xnkc"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.append((node.lineno, sub if sub in known else node.module))
    return found


def test_the_folders_are_the_pipeline() -> None:
    for folder in LAYERS:
        assert (PKG / folder / "__init__.py").is_file(), folder
    top = {p.stem for p in PKG.glob("*.py")}
    assert top <= {"__init__", "__main__", "cli", "validation"}, sorted(top)


def test_imports_go_one_way_only() -> None:
    wrong = []
    for name, path in modules().items():
        for line, target in imports_of(path):
            if target in ("xnkc",) or target.endswith("__init__"):
                continue
            if layer(target) > layer(name):
                wrong.append(f"{path.relative_to(PKG)}:{line}: {name} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_package_inits_import_nothing() -> None:
    """Importing xnkc.plan.domain must not pull in the loader (the pure layer stays pure); only
    render's registry of formats lives in its ``__init__``."""
    for folder in LAYERS[:-1]:
        tree = ast.parse((PKG / folder / "__init__.py").read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))], folder


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    """The rule itself: a read module importing compute is reported."""
    assert layer("xnkc.read.yamlload") < layer("xnkc.compute.calc")
    assert layer("xnkc.cli") == len(LAYERS)
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from xnkc.compute import calc\n", encoding="utf-8")
    assert imports_of(bad) == [(2, "xnkc.compute.calc")]
