"""``xnkc validate`` (SPEC §6, §7): exit codes, output formats, and a finding at the right
line for each kind of broken data file and actuals file.

Broken files are edited COPIES of data/ in tmp_path, passed with --targets/--projects; the
expected line of each finding is worked out from the edit itself.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import run_xnkc

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
EXAMPLES = REPO / "examples"
FINDING_FIELDS = {"file", "line", "column", "code", "message"}


# -- helpers ------------------------------------------------------------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the shipped data files."""
    d = tmp_path / "data"
    d.mkdir()
    for name in ("targets.yaml", "projects.yaml"):
        shutil.copyfile(DATA / name, d / name)
    return d


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based number of the only line of ``path`` that contains ``needle``."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} on lines {hits}"
    return hits[0]


def column_of(path: Path, line: int, needle: str) -> int:
    """1-based character column of ``needle`` on ``line``."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1].index(needle) + 1


def validate(*args: str, data: Path | None = None, fmt: str = "json", lang: str = "en", env=None, cwd=None):
    cmd = ["validate", *args]
    if data is not None:
        cmd += ["--targets", str(data / "targets.yaml"), "--projects", str(data / "projects.yaml")]
    if fmt:
        cmd += ["--format", fmt]
    if lang:
        cmd += ["--lang", lang]
    r = run_xnkc(*cmd, env=env, cwd=cwd)
    assert "Traceback" not in r.err and "Traceback" not in r.out
    assert r.code != 3, r.err
    return r


def report(r):
    d = r.json()
    assert set(d) >= {"errors", "warnings"}
    for f in d["errors"] + d["warnings"]:
        assert FINDING_FIELDS <= set(f), f
    return d["errors"], d["warnings"]


def codes(items) -> list[str]:
    return [f["code"] for f in items]


def only(items, code: str):
    hits = [f for f in items if f["code"] == code]
    assert len(hits) == 1, items
    return hits[0]


C10_NEEDLE = "id: c10_tech_renovation_projects,"
C9_NEEDLE = "id: c9_new_species_enterprises,"


# -- the shipped data ---------------------------------------------------------------------


def test_shipped_data_is_valid_with_one_plan_contradiction():
    r = validate(fmt="", lang="")
    assert r.code == 0, r.out + r.err
    warnings = [ln for ln in r.out.splitlines() if re.search(r":\d+:\d+: warning \[XK502", ln)]
    assert len(warnings) == 1
    assert "二(三)10" in warnings[0] and "附件1-20" in warnings[0]
    assert not re.search(r": error \[", r.out)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_strict_fails_on_the_warning_in_every_format(fmt):
    assert validate(fmt=fmt).code == 0
    assert validate("--strict", fmt=fmt).code == 1


def test_json_shape_on_shipped_data():
    r = validate()
    assert r.code == 0
    errors, warnings = report(r)
    assert errors == []
    w = only(warnings, "XK502")
    assert len(warnings) == 1
    targets = Path(w["file"])
    assert targets.name == "targets.yaml"
    assert w["line"] == line_of(targets, C10_NEEDLE)
    assert isinstance(w["column"], int) and w["column"] >= 1
    assert "二(三)10" in w["message"] and "附件1-20" in w["message"]
    assert "30/30/40" in w["message"]


def test_github_format_annotations(data):
    # run inside the copy's folder: GitHub annotates only files under the working directory
    r = validate(data=data, fmt="github", cwd=data.parent)
    assert r.code == 0
    lines = r.out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::warning file=")
    assert "XK502" in lines[0]
    line = line_of(DATA / "targets.yaml", C10_NEEDLE)
    assert f"line={line}" in lines[0]

    replace_once(data / "targets.yaml", "    lead: [市市场监管局]", "    lead: [市市场监督局]")
    replace_once(data / "targets.yaml", "    responsible: 市市场监管局,", "    responsible: 市市场监督局,")
    bad = validate(data=data, fmt="github", cwd=data.parent)
    assert bad.code == 1
    errors = [ln for ln in bad.out.splitlines() if ln.startswith("::error file=")]
    assert len(errors) == 1
    assert "XK501" in errors[0]
    assert f"line={line_of(data / 'targets.yaml', 'lead: [市市场监督局]')}" in errors[0]
    assert all(ln.startswith(("::error file=", "::warning file=")) for ln in bad.out.splitlines())


@pytest.mark.parametrize(
    "lang,env,words",
    [
        ("en", None, "contradicts"),
        ("", {"XNKC_LANG": "en"}, "contradicts"),
        ("", None, "方案自相矛盾"),
    ],
)
def test_message_language(lang, env, words):
    r = validate(lang=lang, env=env)
    (w,) = report(r)[1]
    assert words in w["message"]
    if words == "contradicts":
        assert "方案自相矛盾" not in w["message"]
        assert "二(三)10" in w["message"]  # data names stay as the plan writes them


# -- missing paths: exit 2 ----------------------------------------------------------------


def test_missing_targets_path_exits_2():
    r = validate("--targets", "/nonexistent.yaml")
    assert r.code == 2
    errors, _ = report(r)
    assert "XK100" in codes(errors)
    assert any(f["file"] == "/nonexistent.yaml" for f in errors)


def test_missing_projects_path_exits_2(tmp_path):
    r = validate("--projects", str(tmp_path / "nope.yaml"), fmt="text")
    assert r.code == 2
    assert "nope.yaml" in r.out and "XK100" in r.out


def test_directory_as_data_path_exits_2(tmp_path):
    assert validate("--targets", str(tmp_path)).code == 2


# -- broken copies of data/targets.yaml and data/projects.yaml ---------------------------------


def test_unknown_unit_in_indicator_lead(data):
    t = data / "targets.yaml"
    old = "    responsible: 市科技局\n    lead: [市科技局]\n    support: []\n    source: 附件1-12\n"
    replace_once(t, old, old.replace("市科技局", "市科技厅"))
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    f = only(errors, "XK501")
    assert codes(errors) == ["XK501"]  # responsible text and lead agree: nothing else is wrong
    line = line_of(t, "lead: [市科技厅]")
    assert (f["file"], f["line"], f["column"]) == (str(t), line, column_of(t, line, "市科技厅"))
    assert "市科技厅" in f["message"]
    text = validate(data=data, fmt="text")
    assert text.code == 1
    assert f"{t}:{line}:" in text.out
    assert "did you mean 市科技局" in text.out


def test_unknown_unit_in_project_lead(data):
    p = data / "projects.yaml"
    old = "    responsible: 赤壁市人民政府\n    lead: [赤壁市人民政府]\n"
    replace_once(p, old, "    responsible: 赤壁人民政府\n    lead: [赤壁人民政府]\n")
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    f = only(errors, "XK501")
    assert f["file"] == str(p)
    assert f["line"] == line_of(p, "lead: [赤壁人民政府]")


def test_two_unknown_units_give_two_findings(data):
    t = data / "targets.yaml"
    old12 = "    responsible: 市科技局\n    lead: [市科技局]\n    support: []\n    source: 附件1-12\n"
    replace_once(t, old12, old12.replace("市科技局", "市科技厅"))
    old20 = "    responsible: 市经信局\n    lead: [市经信局]\n    support: []\n    source: 附件1-20\n"
    replace_once(t, old20, old20.replace("市经信局", "市经信厅"))
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    assert codes(errors) == ["XK501", "XK501"]
    assert sorted(f["line"] for f in errors) == [line_of(t, "lead: [市科技厅]"), line_of(t, "lead: [市经信厅]")]


def test_duplicate_key_names_both_lines(data):
    t = data / "targets.yaml"
    # in the hitech_enterprises block: a second `unit:` right after the first
    old = "    name: 高新技术企业数\n    unit: 家\n"
    replace_once(t, old, old + "    unit: 个\n")
    first = line_of(t, "name: 高新技术企业数") + 1
    second = first + 1
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    f = only(errors, "XK101")
    assert (f["file"], f["line"], f["column"]) == (str(t), second, 5)
    assert str(first) in f["message"]
    assert "unit" in f["message"]


def test_duplicate_key_in_projects(data):
    p = data / "projects.yaml"
    old = "    investment: null   # 附件2 gives no investment for row 11\n"
    replace_once(p, old, old + "    investment: 0\n")
    first = line_of(p, "investment: null")
    r = validate(data=data)
    assert r.code == 1
    f = only(report(r)[0], "XK101")
    assert (f["file"], f["line"]) == (str(p), first + 1)
    assert str(first) in f["message"]


def test_unknown_field_with_did_you_mean(data):
    t = data / "targets.yaml"
    old = "    kind: level\n    better: higher\n    targets: {2024: 1875"
    replace_once(t, old, old.replace("better:", "beter:"))
    line = line_of(t, "beter: higher")
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    f = only(errors, "XK201")
    assert (f["file"], f["line"], f["column"]) == (str(t), line, 5)
    assert "beter" in f["message"]
    text = validate(data=data, fmt="text")
    found = [ln for ln in text.out.splitlines() if "[XK201" in ln]
    assert len(found) == 1
    assert f":{line}:5:" in found[0]
    assert "did you mean better" in found[0]


def test_text_target_is_a_wrong_type(data):
    t = data / "targets.yaml"
    replace_once(t, "targets: {2024: 650, 2025: 720, 2026: 800}", "targets: {2024: 650, 2025: lots, 2026: 800}")
    line = line_of(t, "2025: lots")
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    assert len(errors) == 1
    f = errors[0]
    assert f["code"] in ("XK203", "XK204")
    assert (f["file"], f["line"], f["column"]) == (str(t), line, column_of(t, line, "lots"))


def test_boolean_target_is_rejected(data):
    """SPEC §7: a boolean is not a number for a value field; `true` must not become 1."""
    t = data / "targets.yaml"
    replace_once(t, "targets: {2024: 650, 2025: 720, 2026: 800}", "targets: {2024: 650, 2025: true, 2026: 800}")
    line = line_of(t, "2025: true")
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    assert len(errors) == 1
    assert errors[0]["code"] in ("XK203", "XK204")
    assert errors[0]["line"] == line


def test_boolean_investment_is_rejected(data):
    """The same for a project's investment: `true` is not 1 亿元."""
    p = data / "projects.yaml"
    replace_once(p, "    investment: 0.1\n", "    investment: true\n")
    line = line_of(p, "investment: true")
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    assert len(errors) == 1
    assert errors[0]["code"] in ("XK203", "XK204")
    assert (errors[0]["file"], errors[0]["line"]) == (str(p), line)


def test_commitment_links_a_missing_indicator(data):
    t = data / "targets.yaml"
    replace_once(t, "indicator: new_species_enterprises,", "indicator: new_specie_enterprises,")
    line = line_of(t, C9_NEEDLE)
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    f = only(errors, "XK503")
    assert codes(errors) == ["XK503"]
    assert (f["file"], f["line"], f["column"]) == (str(t), line, column_of(t, line, "new_specie_enterprises"))
    assert "new_specie_enterprises" in f["message"]
    text = validate(data=data, fmt="text")
    assert "did you mean new_species_enterprises" in text.out


def test_lead_support_disagree_with_responsible_text(data):
    t = data / "targets.yaml"
    old = "    lead: [市科技局, 市经信局]\n    support: [各县市区人民政府, 咸宁高新区管委会]\n    source: 附件1-13\n"
    replace_once(
        t,
        old,
        "    lead: [市科技局]\n    support: [市经信局, 各县市区人民政府, 咸宁高新区管委会]\n    source: 附件1-13\n",
    )
    lead = line_of(t, "support: [市经信局, 各县市区人民政府") - 1
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    f = only(errors, "XK504")
    assert codes(errors) == ["XK504"]
    assert f["file"] == str(t)
    # the 责任单位 text, the lead list or the support list of that one block
    assert f["line"] in (lead - 1, lead, lead + 1)
    assert "funded_projects" in f["message"] or "附件1-13" in f["message"]


def test_project_lead_support_disagree_with_responsible_text(data):
    p = data / "projects.yaml"
    old = "    lead: [市科技局]\n    support: [咸宁高新区管委会, 市高投集团]\n"
    replace_once(p, old, "    lead: [市科技局]\n    support: [市高投集团, 咸宁高新区管委会]\n")
    support = line_of(p, "support: [市高投集团, 咸宁高新区管委会]")
    r = validate(data=data)
    assert r.code == 1
    f = only(report(r)[0], "XK504")
    assert f["file"] == str(p)
    assert f["line"] in (support - 2, support - 1, support)


def test_seq_gap(data):
    t = data / "targets.yaml"
    replace_once(t, "    seq: 29\n", "    seq: 30\n")
    line = line_of(t, "seq: 30")
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    f = only(errors, "XK506")
    assert f["file"] == str(t)
    assert f["line"] == line  # the row whose seq breaks 1..29, not the first row


def test_seq_duplicate(data):
    t = data / "targets.yaml"
    replace_once(t, "    seq: 15\n", "    seq: 16\n")
    line = line_of(t, "id: new_provincial_institutes") + 1
    r = validate(data=data)
    assert r.code == 1
    f = only(report(r)[0], "XK506")
    assert f["line"] == line


def test_changed_annex_target_contradicts_a_sums_to_commitment(data):
    t = data / "targets.yaml"
    # 附件1-18: 25 + 25 + 35 = 85, but 二(三)9 promises 新增“新物种”企业80家
    replace_once(t, "targets: {2024: 25, 2025: 25, 2026: 30}", "targets: {2024: 25, 2025: 25, 2026: 35}")
    r = validate(data=data)
    assert r.code == 0  # a contradiction is a warning
    errors, warnings = report(r)
    assert errors == []
    assert codes(warnings) == ["XK502", "XK502"]
    new = next(w for w in warnings if "二(三)9" in w["message"])
    assert new["line"] == line_of(t, C9_NEEDLE)
    assert "附件1-18" in new["message"] and "85" in new["message"]
    old = next(w for w in warnings if "二(三)10" in w["message"])
    assert old["line"] == line_of(t, C10_NEEDLE)
    assert validate("--strict", data=data).code == 1


def test_changed_commitment_unit_conversion_contradiction(data):
    t = data / "targets.yaml"
    # 1 亿元 = 10000 万元 = 3000 + 3000 + 4000; 2 亿元 would not be
    replace_once(t, 'text: "争取省级以上资金1亿元以上", value: 1,', 'text: "争取省级以上资金1亿元以上", value: 2,')
    r = validate(data=data)
    warnings = report(r)[1]
    new = [w for w in warnings if "附件1-14" in w["message"]]
    assert len(new) == 1
    assert new[0]["code"] == "XK502"
    assert new[0]["line"] == line_of(t, "id: c4_funded_amount,")


def test_annex_agreeing_with_the_body_removes_the_warning(data):
    t = data / "targets.yaml"
    replace_once(
        t,
        "targets: {2024: 30, 2025: 30, 2026: 40}\n    responsible: 市经信局\n",
        "targets: {2024: 100, 2025: 100, 2026: 100}\n    responsible: 市经信局\n",
    )
    r = validate("--strict", data=data)
    assert r.code == 0
    assert report(r) == ([], [])


def test_malformed_yaml_is_an_invalid_file(data):
    t = data / "targets.yaml"
    replace_once(t, "targets: {2024: 650, 2025: 720, 2026: 800}", "targets: {2024: 650, 2025: 720, 2026: 800")
    r = validate(data=data)
    assert r.code == 1
    errors, _ = report(r)
    assert "XK102" in codes(errors)
    assert all(f["file"] == str(t) for f in errors)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_invalid_data_exits_1_in_every_format(data, fmt):
    replace_once(data / "targets.yaml", "indicator: new_species_enterprises,", "indicator: nope,")
    r = validate(data=data, fmt=fmt)
    assert r.code == 1
    assert "XK503" in r.out


def test_shipped_data_untouched_by_validating_a_copy(data):
    before = (DATA / "targets.yaml").read_bytes()
    replace_once(data / "targets.yaml", "indicator: new_species_enterprises,", "indicator: nope,")
    validate(data=data)
    assert (DATA / "targets.yaml").read_bytes() == before


# -- actuals files -----------------------------------------------------------------------

VALID_ACTUALS = """\
period: 2025-Q3
values:
  2023:
    rd_expenditure: 24.5
    gdp: 1902.0
  2024:
    hitech_enterprises: 668
    hitech_va_share: "16.4%"
  2025:
    hitech_enterprises: 702
    tech_smes: 1998
    funded_amount: "2,100"
projects:
  1: {invested: 1.2, status: under_construction}
  5: {invested: 2.2, status: 在建}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_actuals(tmp_path):
    good = write(tmp_path, "good.yaml", VALID_ACTUALS)
    r = validate(str(good))
    assert r.code == 0, r.out
    errors, warnings = report(r)
    assert errors == []
    assert warnings == []  # nothing about the actuals; the plan's own XK502 is a note (issue 8 point 27)
    assert codes(r.json()["notes"]) == ["XK502"]


@pytest.mark.parametrize("name", ["2025-annual.yaml", "2025-q3.yaml"])
def test_example_actuals_are_valid(name):
    r = validate(str(EXAMPLES / name))
    assert r.code == 0, r.out
    assert report(r)[0] == []


def test_chinese_name_key_is_accepted(tmp_path):
    good = write(tmp_path, "zh.yaml", "values:\n  2025:\n    高新技术企业数: 702\n    万人发明专利拥有量: 5.2\n")
    r = validate(str(good))
    assert r.code == 0, r.out


def test_unknown_statistic_key(tmp_path):
    bad = write(tmp_path, "bad.yaml", VALID_ACTUALS.replace("    tech_smes: 1998\n", "    tech_sme: 1998\n"))
    line = line_of(bad, "tech_sme: 1998")
    r = validate(str(bad))
    assert r.code == 1
    errors, _ = report(r)
    f = only(errors, "XK301")
    assert codes(errors) == ["XK301"]
    assert (f["file"], f["line"], f["column"]) == (str(bad), line, 5)
    assert "tech_sme" in f["message"]
    text = validate(str(bad), fmt="text")
    found = [ln for ln in text.out.splitlines() if "[XK301" in ln]
    assert len(found) == 1
    assert found[0].startswith(f"{bad}:{line}:5:")
    assert "did you mean tech_smes" in found[0]
    zh = validate(str(bad), fmt="text", lang="zh")
    assert "tech_smes" in zh.out and "未知" in zh.out


def test_all_findings_of_an_actuals_file_are_reported(tmp_path):
    text = VALID_ACTUALS.replace("    hitech_enterprises: 702\n", "    hitech_enterprise: 702\n").replace(
        "    tech_smes: 1998\n", "    tech_smes: -5\n"
    )
    bad = write(tmp_path, "two.yaml", text)
    r = validate(str(bad))
    assert r.code == 1
    errors, _ = report(r)
    assert len(errors) == 2
    assert sorted((f["code"], f["line"]) for f in errors) == [
        ("XK301", line_of(bad, "hitech_enterprise: 702")),
        ("XK305", line_of(bad, "tech_smes: -5")),
    ]
    assert all(f["file"] == str(bad) for f in errors)


def test_missing_actuals_file_exits_2(tmp_path):
    missing = tmp_path / "missing.yaml"
    r = validate(str(missing))
    assert r.code == 2
    errors, _ = report(r)
    f = only(errors, "XK100")
    assert f["file"] == str(missing)


def test_several_actuals_files_one_bad(tmp_path):
    good = write(tmp_path, "good.yaml", VALID_ACTUALS)
    bad = write(tmp_path, "bad.yaml", "values:\n  2025:\n    hitech_enterprises: lots\n")
    r = validate(str(good), str(bad))
    assert r.code == 1
    errors, _ = report(r)
    assert [f["file"] for f in errors] == [str(bad)]
    assert errors[0]["line"] == 3


def test_actuals_with_duplicate_year_key(tmp_path):
    bad = write(tmp_path, "dup.yaml", "values:\n  2025:\n    hitech_enterprises: 700\n  2025:\n    tech_smes: 1900\n")
    r = validate(str(bad))
    assert r.code == 1
    f = only(report(r)[0], "XK101")
    assert (f["file"], f["line"]) == (str(bad), 4)
    assert "line 2" in f["message"]
