"""Issue 9 point 4: the checks on an actuals file are a list, like the plan's PLAN_CHECKS.

read/actuals.py reads the structure without the plan and reports only what it cannot read;
compute/actuals.py resolves it against the plan and records what it found; each check of
compute/actuals_checks.py turns part of that record into findings. Positions below are counted
by hand from the files (1-based, as every finding prints them).
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xnkc.common.findings import FindingsError
from xnkc.compute import actuals_checks
from xnkc.compute.actuals import load_actuals, read_actuals, resolve_submission
from xnkc.read.actuals import Progress, read_submission
from xnkc.read.yamlload import load_text


def test_the_checks_are_a_list_of_named_functions_in_order() -> None:
    names = [c.__name__ for c in actuals_checks.ACTUALS_CHECKS]
    assert names == [
        "check_values",
        "check_something_reported",
        "check_projects",
        "check_period",
        "check_plausible",
        "check_unit",
    ]
    assert [c.__name__ for c in actuals_checks.STEP_CHECKS] == [
        "check_year",
        "check_region_known",
        "check_given_once",
        "check_key_known",
        "check_number",
        "check_likely",
    ]
    for check in actuals_checks.ACTUALS_CHECKS:
        assert list(inspect.signature(check).parameters) == ["plan", "actuals"]


def test_the_reader_does_not_import_the_plan_or_compute() -> None:
    code = "import xnkc.read.actuals, sys, json; print(json.dumps(sorted(sys.modules)))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    loaded = set(json.loads(proc.stdout))
    assert "xnkc.read.actuals" in loaded
    assert not {m for m in loaded if m.startswith(("xnkc.plan", "xnkc.compute", "xnkc.render"))}


# -- the reader: what it cannot read, and nothing else --------------------------------------------------


def test_the_reader_keeps_keys_and_values_as_written() -> None:
    text = "period: 2025-Q5\nunit: 市科技据\nvalues:\n  2025:\n    no_such_key: many\nprojects:\n  99: {invested: 1}\n"
    sub = read_submission(load_text(text, "a.yaml"))  # nothing here is unreadable: no finding yet
    assert sub.values == {2025: {"no_such_key": "many"}}
    assert sub.projects == {99: Progress(1, None)}
    assert (sub.period, sub.unit, sub.regions) == ("2025-Q5", "市科技据", {})
    assert sub.doc.marks[("values", 2025, "no_such_key")] == (5, 18)  # "    no_such_key: " is 17 characters


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("kind: region_targets\nregions: {}\n", "XK331", 1),  # a 分解目标 file given as a submission
        ("period: 2025\n", "XK202", 1),  # neither values nor regions
        ("values: [1, 2]\n", "XK203", 1),  # not the shape of a submission
    ],
)
def test_the_reader_reports_what_it_cannot_read(text: str, code: str, line: int) -> None:
    with pytest.raises(FindingsError) as exc:
        read_submission(load_text(text, "a.yaml"))
    assert [(f.code, f.line) for f in exc.value.findings] == [(code, line)]


def test_the_slow_shape_path_reads_the_same_as_the_fast_one() -> None:
    # a ``note`` that is not text sends the file through pydantic, which reports it
    with pytest.raises(FindingsError) as exc:
        read_submission(load_text("note: 5\nvalues:\n  2025: {gdp: 1}\n", "a.yaml"))
    assert [f.line for f in exc.value.findings] == [1]
    fast = read_submission(load_text("values:\n  2025: {gdp: 1}\nprojects:\n  1: {invested: 2}\n", "a.yaml"))
    assert (fast.values, fast.projects) == ({2025: {"gdp": 1}}, {1: Progress(2, None)})


# -- the checks, in the order of the file -----------------------------------------------------------------

MIXED = """\
period: 2025-Q5
unit: 市科技据
values:
  2025:
    hitech_enterprise: 705
    tech_smes: many
    hitech_zone_rank: 0.5
    高新技术企业数: 700
    hitech_enterprises: 705
  2031: {}
projects:
  99: {invested: 1}
"""


def test_every_finding_in_the_order_of_the_file_then_period_and_unit(plan) -> None:
    with pytest.raises(FindingsError) as exc:
        load_actuals("a.yaml", plan, text=MIXED)
    got = [(f.code, f.line, f.column) for f in exc.value.findings]
    assert got == [
        ("XK301", 5, 5),  # hitech_enterprise: no such key (the key, at column 5)
        (got[1][0], 6, 16),  # "many" is no number: "    tech_smes: " is 15 characters
        ("XK403", 7, 23),  # a rank below 1: "    hitech_zone_rank: " is 22 characters
        ("XK315", 9, 5),  # hitech_enterprises again: line 8 named it by its Chinese name
        ("XK308", 10, 3),  # 2031 is after the plan's final year
        ("XK313", 12, 3),  # no project 99
        ("XK309", 1, 9),  # 2025-Q5 is no period: "period: " is 8 characters
        ("XK501", 2, 7),  # no such unit: "unit: " is 6 characters
    ]
    assert got[1][0].startswith("XK3") and exc.value.findings[1].is_error
    assert exc.value.findings[3].args["first_line"] == 8


def resolved(plan, text: str):
    return resolve_submission(read_submission(load_text(text, "a.yaml")), plan)


def test_each_check_alone(plan) -> None:
    a = resolved(plan, MIXED)
    codes = {c.__name__: [f.code for f in c(plan, a)] for c in actuals_checks.ACTUALS_CHECKS}
    assert codes["check_values"][:1] == ["XK301"] and codes["check_values"][2:] == ["XK403", "XK315", "XK308"]
    assert codes["check_something_reported"] == []  # 700 was read for hitech_enterprises
    assert codes["check_projects"] == ["XK313"]
    assert codes["check_period"] == ["XK309"]
    assert codes["check_plausible"] == []  # 700 against the 2025 target 720: in range
    assert codes["check_unit"] == ["XK501"]


def test_a_file_with_only_blank_fields_reports_nothing(plan) -> None:
    a = resolved(plan, "values:\n  2025:\n    gdp:\n")
    assert [f.code for f in actuals_checks.check_something_reported(plan, a)] == ["XK316"]
    # …but where something else is wrong already, that is what the file hears
    a = resolved(plan, "values:\n  2025:\n    gdp:\n    nothing: 1\n")
    assert actuals_checks.check_something_reported(plan, a) == []
    a = resolved(plan, "values:\n  2025: {}\n")
    assert [f.code for f in actuals_checks.check_something_reported(plan, a)] == ["XK316"]


def test_period_checks(plan) -> None:
    # values in 2024 and 2025, the period in 2024: drop 2025 or move the period on
    a = resolved(plan, "period: 2024-Q3\nvalues:\n  2024: {gdp: 1}\n  2025: {gdp: 2}\n")
    (f,) = actuals_checks.check_period(plan, a)
    assert (f.code, f.line, f.args["other"], f.args["action_en"]) == ("XK310", 1, "2025", "drop")
    a = resolved(plan, "period: 2026-Q1\nvalues:\n  2025: {gdp: 2}\n")
    (f,) = actuals_checks.check_period(plan, a)
    assert (f.code, f.args["other"], f.args["action_en"]) == ("XK310", "2026", "add")
    a = resolved(plan, "period: 2023\nvalues:\n  2024: {gdp: 1}\n  2025: {gdp: 2}\n")
    (f,) = actuals_checks.check_period(plan, a)
    assert f.args["other"] == "2024–2025"
    assert actuals_checks.check_period(plan, resolved(plan, "period: 2025\nvalues:\n  2025: {gdp: 2}\n")) == []
    assert actuals_checks.check_period(plan, resolved(plan, "values:\n  2025: {gdp: 2}\n")) == []


def test_project_checks(plan) -> None:
    text = "values:\n  2025: {gdp: 1}\nprojects:\n  1: {invested: many, status: 在建}\n  2: {status: 半停}\n  '1': {}\n"
    a = resolved(plan, text)
    got = [(f.code, f.line) for f in actuals_checks.check_projects(plan, a)]
    # line 4: invested is no number; line 5: no such status; line 6: project 1 again
    assert [line for _, line in got] == [4, 5, 6]
    assert got[1][0] == "XK314" and got[2][0] == "XK101"
    assert a.projects[1].status == "under_construction"


def test_the_checks_need_a_file_as_read(plan) -> None:
    from xnkc.compute.actuals import Actuals
    from xnkc.read.numeric import Period

    with pytest.raises(AssertionError):
        actuals_checks.check_unit(plan, Actuals("a.yaml", Period(2025, 12, "2025"), {}))


# -- a property: findings about values come in the order of the file -------------------------------------

KEYS = [
    "gdp",
    "hitech_enterprises",
    "高新技术企业数",
    "hitech_zone_rank",
    "hitech_va_share",
    "no_such",
    "3",
    "tech_smes",
]
VALUES = ["705", "-5", "many", "0.5", "0.168", "16.8%", "", "1e400", "2330000"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    blocks=st.lists(
        st.tuples(
            st.sampled_from(["2024", "2025", "'2025'", "2031", "x"]),
            st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES)), max_size=5),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_findings_about_values_follow_the_lines_of_the_file(plan, blocks) -> None:
    lines = ["values:"]
    for year, pairs in blocks:
        lines.append(f"  {year}:" if pairs else f"  {year}: {{}}")
        seen = set()
        for key, value in pairs:
            if key not in seen:  # a key twice in one mapping is the YAML loader's finding, not ours
                seen.add(key)
                lines.append(f"    {key}: {value}")
    text = "\n".join(lines) + "\n"
    doc = load_text(text, "a.yaml")
    try:
        _, findings = read_actuals(doc, plan)
    except FindingsError as exc:
        findings = exc.findings
    assert findings[: len(doc.findings)] == doc.findings  # the YAML's own (a year twice) come first
    # then ours, in the order of the file; the plausibility warnings (XK405/XK406) come after all
    mine = [f for f in findings[len(doc.findings) :] if f.code not in ("XK405", "XK406")]
    assert [f.line for f in mine] == sorted(f.line for f in mine), text
