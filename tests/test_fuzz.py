"""Property/fuzz tests of the strict loader and the actuals reader (SPEC §4, §7).

Whatever bytes or YAML a user submits, reading it either succeeds or raises
``xnkc.common.findings.FindingsError`` with well-formed findings — never any other exception (which the
CLI would turn into exit 3). Most properties call the loader in-process for speed; a handful of
examples go through the real CLI.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from conftest import run_xnkc
from xnkc.common.catalog import CATALOG
from xnkc.common.findings import Finding, FindingsError
from xnkc.compute.actuals import load_actuals
from xnkc.plan.load import load_plan, normalise_name
from xnkc.read.numeric import parse_number
from xnkc.read.yamlload import decode

PLAN = load_plan()
INDICATOR_IDS = sorted(PLAN.metrics)
STAT_IDS = sorted(s.id for s in PLAN.targets.statistics)
ALL_IDS = INDICATOR_IDS + STAT_IDS
NAMES = sorted(
    {normalise_name(m.name) for m in PLAN.metrics.values()} | {normalise_name(s.name) for s in PLAN.targets.statistics}
)
REGIONS = sorted(PLAN.region_names)
UNITS = sorted({m.unit for m in PLAN.metrics.values()})

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CLI = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that can come out of a decoded file: no lone surrogates
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
KEY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


def _check_findings(exc: FindingsError) -> None:
    """A FindingsError must carry renderable findings with known codes and sane positions."""
    assert exc.findings, "FindingsError without findings"
    for f in exc.findings:
        assert isinstance(f, Finding)
        assert f.code in CATALOG, f.code
        assert f.line is None or f.line >= 1, f
        assert f.column is None or f.column >= 1, f
        for lang in ("zh", "en"):
            text = f.render(lang)
            assert f"[{f.code}]" in text
            f.to_dict(lang)


def _read(text: str):
    """Load ``text`` as an actuals file; return the Actuals or the FindingsError."""
    try:
        actuals, warnings = load_actuals("<fuzz>.yaml", PLAN, text=text)
    except FindingsError as exc:
        _check_findings(exc)
        return exc
    for w in warnings:
        assert not w.is_error
    for year, block in actuals.values.items():
        assert 2020 <= year <= 2026
        for ident, value in block.items():
            assert isinstance(value, float) and math.isfinite(value), (ident, value)
    return actuals


# -- (a) random bytes ------------------------------------------------------------------------------

FRAGMENTS = [
    b"values:",
    b"period: ",
    b"projects:",
    b"regions:",
    b"\n",
    b"\r\n",
    b"  ",
    b"    ",
    b"\t",
    b"2025:",
    b"2024:",
    b"- ",
    b"&a ",
    b"*a",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"'",
    b"#",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"hitech_enterprises: ",
    b"705",
    b"0700",
    b"7:05",
    b"16%",
    b"1,234",
    b"!!python/object ",
    b"!!str ",
    b"---",
    b"...",
    b"? ",
    b": ",
    b",",
    b"yes",
    b".nan",
    b"-1",
    "高新技术企业数: ".encode(),
    "家".encode("gb18030"),
    b"\xb8\xdf",
    b"\x80",
    b"\xc3",
    b"|",
    b">",
    b"%YAML 1.1\n",
]
BYTES = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(b"".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=4)), max_size=40).map(b"".join),
)


@FUZZ
@given(raw=BYTES)
@example(raw=b"a: &a [1,2]\nb: *a\n")
@example(raw=b"\xef\xbb\xbf")
@example(raw=b"\xff\xfe")
@example(raw=b"values:\n  2025:\n    hitech_enterprises: 1" + b"0" * 400 + b"\n")
def test_random_bytes_only_findings(raw: bytes) -> None:
    try:
        text = decode(raw, "<fuzz>.yaml")
    except FindingsError as exc:
        _check_findings(exc)
        assert {f.code for f in exc.findings} <= {"XK106", "XK107"}
        return
    assert isinstance(text, str)
    _read(text)


@settings(max_examples=40, deadline=None)
@given(raw=BYTES)
def test_random_bytes_from_a_file(raw: bytes) -> None:
    """The same through the file reader (stat, size cap, decode, parse)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_bytes(raw)
        try:
            load_actuals(str(path), PLAN)
        except FindingsError as exc:
            _check_findings(exc)
            assert all(f.file == str(path) for f in exc.findings)


# -- (b) documents built from the schema, with mutations ---------------------------------------------

GOOD_YEARS = st.integers(2020, 2026)
YEARS = st.one_of(
    GOOD_YEARS,
    GOOD_YEARS,
    st.integers(-(10**6), 10**6),
    TEXT,
    st.sampled_from(["2025年", "2025.0", "２０２５", "2025 ", "'2025'", "20_25"]),
)
KEYS = st.one_of(
    st.sampled_from(ALL_IDS),
    st.sampled_from(ALL_IDS),
    st.sampled_from(NAMES),
    st.sampled_from([f"{n}({u})" for n in NAMES[:5] for u in UNITS[:3]]),
    KEY_TEXT,
    st.integers(-5, 5),
)
AWKWARD = st.sampled_from(
    [
        "1,234",
        "1,23",
        "16%",
        "16 %",
        "705家",
        "705人",
        "0700",
        "7:05",
        "yes",
        "NO",
        "on",
        ".nan",
        ".inf",
        "-.inf",
        "１２３",
        "１６．４％",
        "-5",
        "1e400",
        "3_120",
        "",
        " ",
        "705.",
        ".5",
        "+3",
        "1.2.3",
        "%",
        "家",
        "暂无",
        "2025-09-30",
        "0x1F",
        "0o17",
        "∞",
        "NaN",
        "-0",
        "1e-400",
        "12,345,678.9",
    ]
)
SCALARS = st.one_of(
    st.integers(),
    st.integers(-(10**4000), 10**4000),
    st.floats(),
    st.floats(allow_nan=False, allow_infinity=False, min_value=0),
    st.booleans(),
    st.none(),
    TEXT,
    AWKWARD,
)
VALUES = st.one_of(SCALARS, SCALARS, SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(TEXT, SCALARS, max_size=2))
BLOCK = st.one_of(st.dictionaries(KEYS, VALUES, max_size=8), st.none(), SCALARS, st.lists(SCALARS, max_size=3))
PERIODS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "2025",
            "2025-Q3",
            "2025-H1",
            "2025-09",
            "2025-Q5",
            "2025-13",
            "Q3",
            "2024-Q4",
            "2025-q3",
            "2025-00",
            "2025—Q3",
        ]
    ),
    GOOD_YEARS,
    st.floats(),
    TEXT,
    st.booleans(),
)
STATUS = st.one_of(st.sampled_from(["planned", "在建", "建成", "停滞", "规划", "done", "Completed"]), SCALARS)
PROJECTS = st.dictionaries(
    st.one_of(st.integers(-2, 15), TEXT),
    st.one_of(
        st.fixed_dictionaries({}, optional={"invested": SCALARS, "status": STATUS, "note": TEXT}),
        SCALARS,
        st.dictionaries(TEXT, SCALARS, max_size=2),
    ),
    max_size=4,
)
REGION_BLOCKS = st.dictionaries(
    st.one_of(st.sampled_from(REGIONS), KEY_TEXT),
    st.one_of(st.dictionaries(YEARS, BLOCK, max_size=2), st.none(), SCALARS),
    max_size=3,
)
DOCS = st.fixed_dictionaries(
    {"values": st.one_of(st.dictionaries(YEARS, BLOCK, min_size=1, max_size=4), SCALARS)},
    optional={
        "period": PERIODS,
        "projects": PROJECTS,
        "regions": REGION_BLOCKS,
        "unit": st.one_of(st.sampled_from(sorted(PLAN.unit_names)), SCALARS),
        "note": SCALARS,
        "extra": SCALARS,
    },
)


def _dump(doc) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False)


@FUZZ
@given(doc=DOCS)
@example(doc={"values": {2025: {"hitech_enterprises": 10**400}}})
@example(doc={"values": {2025: {"tech_smes": "1" + "0" * 400}}, "period": "2025"})
def test_schema_documents_only_findings(doc) -> None:
    _read(_dump(doc))


@FUZZ
@given(raw=SCALARS, unit=st.sampled_from([*UNITS, ""]), signed=st.booleans())
@example(raw=10**400, unit="家", signed=False)
@example(raw="1" + "0" * 400, unit="家", signed=False)
def test_parse_number_total(raw, unit: str, signed: bool) -> None:
    value, code, args = parse_number(raw, unit=unit, signed=signed)
    if code is None:
        assert isinstance(value, float) and math.isfinite(value)
        assert signed or value >= 0
    else:
        assert value is None and code in CATALOG and isinstance(args, dict)


@CLI
@given(doc=DOCS)
def test_cli_check_on_generated_documents(doc) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_text(_dump(doc), encoding="utf-8")
        res = run_xnkc("check", str(path))
    assert res.code in (0, 1, 2), res.err
    assert "Traceback" not in res.out + res.err
    assert "internal error" not in res.err
    if res.code == 2:
        assert f"{path}" in res.err


# -- (c) round trip ---------------------------------------------------------------------------------

MAX = 10**12  # larger magnitudes are XK319 (value-out-of-range)
NUMBERS = st.one_of(st.integers(0, MAX), st.floats(min_value=0, max_value=MAX, allow_nan=False, allow_infinity=False))
VALID = st.dictionaries(
    GOOD_YEARS, st.dictionaries(st.sampled_from(ALL_IDS), NUMBERS, min_size=1, max_size=12), min_size=1, max_size=4
)


@FUZZ
@given(values=VALID)
@example(values={2025: {"gdp": 5e-324, "rd_expenditure": 1e12, "hitech_enterprises": 0}})
@example(values={2025: {"tech_smes": 2**39 + 1, "population": 0.1 + 0.2}})
def test_round_trip_exact(values) -> None:
    text = yaml.safe_dump({"values": values}, allow_unicode=True)
    result = _read(text)
    assert not isinstance(result, FindingsError), [f.render("en") for f in result.findings]
    assert set(result.values) == set(values)
    for year, block in values.items():
        assert set(result.values[year]) == set(block)
        for ident, number in block.items():
            assert result.values[year][ident] == float(number), (year, ident, number)


# -- (d) random unicode names ---------------------------------------------------------------------------


@FEW
@given(name=KEY_TEXT)
@example(name="hitech_enterprises\u200b")
@example(name="高新技术企业数（家）x")
@example(name="\ufeffgdp")
@example(name="a.b.c")
@example(name="🚀")
@example(name="\x85")
def test_unknown_statistic_name_is_xk301(name: str) -> None:
    assume(normalise_name(name) not in PLAN.keys)
    text = _dump({"period": 2025, "values": {2025: {"hitech_enterprises": 705, name: 1}}})
    result = _read(text)
    assert isinstance(result, FindingsError), f"{name!r} was accepted"
    codes = [f.code for f in result.findings]
    assert codes == ["XK301"], [f.render("en") for f in result.findings]
    f = result.findings[0]
    assert f.line is not None and f.line >= 4
    # the message names the key as written (as YAML reads it: a NEL in a quoted key folds to a space)
    (written,) = [k for k in yaml.safe_load(text)["values"][2025] if k != "hitech_enterprises"]
    assert repr(written) in f.message("en")


@FEW
@given(name=KEY_TEXT)
@example(name="赤壁县")
@example(name="咸宁市")
def test_unknown_region_name_is_xk312(name: str) -> None:
    assume(normalise_name(name) not in PLAN.region_names)
    text = _dump({"values": {2025: {"hitech_enterprises": 705}}, "regions": {name: {2025: {"tech_smes": 1}}}})
    result = _read(text)
    assert isinstance(result, FindingsError), f"{name!r} was accepted"
    assert [f.code for f in result.findings] == ["XK312"], [f.render("en") for f in result.findings]


@pytest.mark.parametrize("name", ["hitech_enterprises", "高新技术企业数", "高新技术企业数(家)", "gdp", "地区生产总值"])
def test_known_names_are_accepted(name: str) -> None:
    """The counterpart of the XK301 property: ids and exact Chinese names are keys."""
    result = _read(_dump({"values": {2025: {name: 705}}}))
    assert not isinstance(result, FindingsError), [f.render("en") for f in result.findings]
    assert list(result.values[2025].values()) == [705.0]
