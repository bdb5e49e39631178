"""Issue 9 point 3: what a kind means lives in one table (plan/kinds.py).

Every ``Kind`` literal of the data files has an entry; the entries say what SPEC §4, §4.1 and §5
say of each kind; and no module but kinds.py compares a kind with a kind name (an AST scan), so
a new kind is one new row of the table.
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

from xnkc.compute import calc
from xnkc.plan.kinds import AT_TARGET, FROM_BASE, KINDS, PACINGS, SCALED, TOTAL_PACING, Kind, kind_of
from xnkc.read import models

PKG = Path(__file__).resolve().parent.parent / "src" / "xnkc"
KIND_NAMES = frozenset(typing.get_args(models.Kind))


def test_every_kind_of_the_data_files_has_an_entry_and_no_other() -> None:
    assert KIND_NAMES == {"level", "cumulative", "annual", "ratio", "growth", "rank"}
    assert set(KINDS) == KIND_NAMES
    for name, rules in KINDS.items():
        assert isinstance(rules, Kind) and rules.name == name and rules.pacing in PACINGS
        assert kind_of(name) is rules


def test_the_entries_say_what_the_spec_says() -> None:
    # §4.1: counts and amounts add up over regions; shares, rates and ranks do not
    assert {k for k, r in KINDS.items() if r.additive} == {"level", "cumulative", "annual"}
    # §4: negative counts are errors; a growth rate can fall
    assert {k for k, r in KINDS.items() if r.signed} == {"growth"}
    # §5: percentages and ranks grow linearly (points), quantities compound (fractions)
    assert {k for k, r in KINDS.items() if r.linear} == {"ratio", "growth", "rank"}
    # §5 expected E: annual T × f; level/cumulative B + (T − B) × f; ratio/growth/rank T
    assert {k: r.pacing for k, r in KINDS.items()} == {
        "annual": SCALED,
        "level": FROM_BASE,
        "cumulative": FROM_BASE,
        "ratio": AT_TARGET,
        "growth": AT_TARGET,
        "rank": AT_TARGET,
    }
    assert TOTAL_PACING == SCALED  # a plan total is paced like the annual flow it sums
    # §5: only an annual flow is summed over the plan and is "at the final year's level"
    assert {k for k, r in KINDS.items() if r.flow} == {"annual"}
    # §4 plausibility: quantities are compared with their expected value, not ratio/growth/rank
    assert {k for k, r in KINDS.items() if r.magnitude} == {"level", "cumulative", "annual"}
    assert {k: r.floor for k, r in KINDS.items() if r.floor is not None} == {"rank": 1.0}
    assert {k for k, r in KINDS.items() if r.percent_share} == {"ratio"}
    # §8 milestones: level and cumulative geometric, ratio/growth/rank linear, an annual flow never
    assert {k: r.interpolation for k, r in KINDS.items()} == {
        "level": "geometric",
        "cumulative": "geometric",
        "annual": None,
        "ratio": "linear",
        "growth": "linear",
        "rank": "linear",
    }
    # §8 inference: lower is better for a rank when neither its cells nor 方向 say
    assert {k for k, r in KINDS.items() if r.lower_is_better} == {"rank"}


def test_an_unknown_kind_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        kind_of("stock")


@pytest.mark.parametrize(
    ("pacing", "expected"),
    [
        (SCALED, 15.0),  # T × f = 20 × 0.75
        (FROM_BASE, 19.5),  # B + (T − B) × f = 18 + 2 × 0.75
        (AT_TARGET, 20.0),  # T
    ],
)
def test_paced_by_each_rule(pacing: str, expected: float) -> None:
    assert calc.paced(pacing, 20, 0.75, 18) == expected


def test_paced_from_base_without_a_base_is_the_target() -> None:
    assert calc.paced(FROM_BASE, 20, 0.75, None) == 20


def test_an_unknown_pacing_is_a_bug_not_a_silent_target() -> None:
    with pytest.raises(AssertionError):
        calc.paced("weekly", 20, 0.75, 18)


# -- nobody else tests kind names ------------------------------------------------------------------


def _names_in(node: ast.AST) -> set[str]:
    """The kind names a comparison operand is or holds (a constant, a tuple/set/list of them,
    ``frozenset({...})``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value} & KIND_NAMES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return set().union(*(_names_in(e) for e in node.elts)) if node.elts else set()
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set"):
        return set().union(*(_names_in(a) for a in node.args)) if node.args else set()
    return set()


def _mentions_kind(node: ast.AST) -> bool:
    return any(
        (isinstance(n, ast.Attribute) and "kind" in n.attr.lower())
        or (isinstance(n, ast.Name) and "kind" in n.id.lower())
        for n in ast.walk(node)
    )


def kind_tests(source: str) -> list[tuple[int, str]]:
    """(line, code) of every comparison of a kind with a kind name, and of every collection made
    only of kind names (a re-typed ``ADDITIVE_KINDS``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_names_in(o) for o in operands) and any(_mentions_kind(o) for o in operands):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Assign) and _mentions_kind(node.targets[0]) and _names_in(node.value):
            found.append((node.lineno, ast.unparse(node)))  # _SIGNED_KINDS = frozenset({"growth"})
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2:
            strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(strings) == len(node.elts) and set(strings) <= KIND_NAMES:
                found.append((node.lineno, ast.unparse(node)))
    return found


def test_the_scan_finds_what_the_code_used_to_do() -> None:
    # the forms that were spread over six modules before kinds.py
    assert kind_tests('if kind == "annual": pass')
    assert kind_tests('x = metric.kind in ("level", "cumulative")')
    assert kind_tests('ADDITIVE = frozenset({"level", "cumulative", "annual"})')
    assert kind_tests('ok = m.kind not in _Q or m.kind != "rank"')
    assert kind_tests('_SIGNED_KINDS = frozenset({"growth"})')
    # a derivation's op shares a word with a kind but is not a kind
    assert not kind_tests('if d.op == "growth": pass')
    assert not kind_tests('cols = ("growth", "target", "actual")')


def test_no_module_but_kinds_tests_kind_names() -> None:
    offenders = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).as_posix()
        if rel == "plan/kinds.py":
            continue
        found = kind_tests(path.read_text(encoding="utf-8"))
        if rel == "read/models.py":  # the Literal that defines the kinds of the data files
            found = [(line, code) for line, code in found if "Literal" not in _line(path, line)]
        if found:
            offenders[rel] = found
    assert offenders == {}


def _line(path: Path, line: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1]
