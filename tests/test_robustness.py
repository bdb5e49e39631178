"""Nothing lost, no traceback: atomic output files, exit 3 for internal errors, --max-errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

ANNUAL = str(EXAMPLES / "2025-annual.yaml")


def test_output_file_is_written_and_not_overwritten(xnkc, tmp_path):
    out = tmp_path / "report.json"
    res = xnkc("check", ANNUAL, "--format", "json", "-o", str(out))
    assert res.code == 0 and res.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2025
    out.write_text("keep me", encoding="utf-8")
    res = xnkc("check", ANNUAL, "--format", "json", "-o", str(out))
    assert res.code == 2 and "XK120" in res.err
    assert out.read_text(encoding="utf-8") == "keep me"
    res = xnkc("check", ANNUAL, "--format", "json", "-o", str(out), "--force")
    assert res.code == 0 and json.loads(out.read_text(encoding="utf-8"))["year"] == 2025
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary files left


def test_failing_run_leaves_no_output(xnkc, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("values:\n  2025:\n    hitech_enterprises: lots\n", encoding="utf-8")
    out = tmp_path / "report.json"
    res = xnkc("check", str(bad), "-o", str(out))
    assert res.code == 2 and not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_shipped_data_is_never_written(xnkc):
    from xnkc.plan.load import data_dir

    target = data_dir() / "targets.yaml"
    before = target.read_bytes()
    res = xnkc("template", "-o", str(target), "--force")
    assert res.code == 2 and "XK122" in res.err
    assert target.read_bytes() == before


def test_template_is_a_valid_fill_in_file(xnkc, tmp_path):
    out = tmp_path / "t.yaml"
    res = xnkc("template", "--unit", "市经信局", "--year", "2025", "-o", str(out))
    assert res.code == 0
    text = out.read_text(encoding="utf-8")
    for key in ("funded_projects", "funded_amount", "new_specialized_smes", "tech_renovation_projects"):
        assert f"    {key}:" in text
    assert "hitech_zone_rank" not in text  # not 市经信局's
    assert "hitech_enterprises:" in text and "牵头(二(三)9)" in text  # co-led through 二(三)9 (issue 8 point 22)
    assert "industrial_investment:" in text  # component of 工业和技改投资增长率
    # filled in, it checks
    filled = text.replace("funded_projects:", "funded_projects: 31")
    out.write_text(filled, encoding="utf-8")
    doc = xnkc("check", str(out), "--format", "json").json()
    assert {r["id"]: r for r in doc["indicators"]}["funded_projects"]["status"] == "met"
    assert xnkc("template", "-o", str(out)).code == 2  # exists


def _run_main(monkeypatch, capsys, *argv: str) -> tuple[int, str]:
    from xnkc import cli

    monkeypatch.setattr(sys, "argv", ["xnkc", *argv])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    return int(exc.value.code or 0), capsys.readouterr().err


def test_internal_error_is_exit_3_in_one_line(monkeypatch, capsys):
    from xnkc.compute import calc

    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(calc, "evaluate", boom)
    monkeypatch.delenv("XNKC_DEBUG", raising=False)
    code, err = _run_main(monkeypatch, capsys, "check", ANNUAL, "--format", "json")
    assert code == 3
    assert "Traceback" not in err
    assert err.count("\n") == 1 and "internal error" in err and "simulated bug" in err and "报告" in err
    assert "[XK900]" in err  # a finding like any other (issue 8 point 13)
    code, err = _run_main(monkeypatch, capsys, "--debug", "check", ANNUAL, "--format", "json")
    assert code == 3 and "Traceback" in err and "RuntimeError: simulated bug" in err


def test_max_errors_limits_the_listing(xnkc, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("values:\n  2025:\n" + "".join(f"    nosuch{i}: 1\n" for i in range(10)), encoding="utf-8")
    res = xnkc("validate", str(bad), "--format", "json")
    assert res.code == 1 and len(res.json()["errors"]) == 10  # all of them, not only the first
    res = xnkc("validate", str(bad), "--format", "json", "--max-errors", "3")
    assert res.code == 1 and len(res.json()["errors"]) == 3


def test_validate_many_files_in_one_call(xnkc, tmp_path):
    paths = []
    for i in range(5):
        p = tmp_path / f"a{i}.yaml"
        p.write_text(f"values:\n  2025:\n    hitech_enterprises: {700 + i}\n", encoding="utf-8")
        paths.append(str(p))
    res = xnkc("validate", *paths, "--format", "json")
    assert res.code == 0 and res.json()["files"] == paths  # the files given, not the plan's
    paths.append(str(tmp_path / "missing.yaml"))
    assert xnkc("validate", *paths).code == 2


def test_readme_quick_start_names_real_files():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "xnkc check examples/2025-annual.yaml" in readme
    assert (EXAMPLES / "2025-annual.yaml").is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q ".[test]"' in readme and "python -m pytest" in readme
    assert '".[test]"' in ci and "python -m pytest" in ci


def test_ignore_a_known_plan_warning(xnkc):
    # the plan's own contradiction (XK502) does not fail --strict runs on submissions (a note,
    # issue 8 point 27); --ignore still sets it aside, and still fails checks of the plan itself
    assert xnkc("validate", "--strict", ANNUAL).code == 0
    res = xnkc("validate", "--strict", "--ignore", "XK502", ANNUAL, "--format", "json")
    assert res.code == 0 and res.json()["warnings"] == [] and res.json()["notes"] == []
    assert xnkc("validate", "--strict").code == 1
    assert xnkc("validate", "--strict", "--ignore", "XK502").code == 0
    assert xnkc("validate", "--ignore", "XK301").code == 2  # errors cannot be ignored


def test_files_from_a_listing(xnkc, tmp_path):
    good = tmp_path / "a.yaml"
    good.write_text("values:\n  2025:\n    tech_smes: 2000\n", encoding="utf-8")
    bad = tmp_path / "b.yaml"
    bad.write_text("values:\n  2025:\n    tech_sme: 2000\n", encoding="utf-8")
    listing = tmp_path / "files.txt"
    listing.write_text(f"{good}\n\n{bad}\n", encoding="utf-8")
    res = xnkc("validate", "--files-from", str(listing), "--format", "json")
    assert res.code == 1 and res.json()["files"] == [str(good), str(bad)]
    assert [e["code"] for e in res.json()["errors"]] == ["XK301"]
    res = xnkc("validate", "--files-from", "-", "--format", "json", input=f"{good}\n")
    assert res.code == 0 and res.json()["files"] == [str(good)]
    assert xnkc("validate", "--files-from", str(tmp_path / "nope.txt")).code == 2


def test_debug_is_accepted_after_the_subcommand(xnkc):
    res = xnkc("check", ANNUAL, "--format", "json", "--debug")
    assert res.code == 0 and json.loads(res.out)["year"] == 2025


def test_plausibility_warnings(xnkc, tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text(
        "values:\n  2025:\n    hitech_va_share: 0.168\n    fiscal_st_share: 130\n    hitech_zone_rank: 0\n",
        encoding="utf-8",
    )
    res = xnkc("check", str(f), "--format", "json")
    assert res.code == 0  # warnings, not errors: the numbers are well-formed
    codes = [(w["code"], w["line"]) for w in res.json()["warnings"]]
    assert codes == [("XK403", 3), ("XK403", 4), ("XK403", 5)]
    assert "16.8" in res.err  # Excel's 0.168 for 16.8%


def test_messages_for_empty_views(xnkc, tmp_path):
    base_only = tmp_path / "b.yaml"
    base_only.write_text("values:\n  2023:\n    gdp: 1900\n", encoding="utf-8")
    res = xnkc("check", str(base_only))
    assert res.code == 2 and "[XK318]" in res.err and "2024–2026" in res.err
    res = xnkc("check", ANNUAL, "--by", "region")
    assert res.code == 0 and "没有 regions" in res.out
    # 市委宣传部 answers for no row (市教育局, once the example here, co-leads 二(五)17: issue 8 point 22)
    res = xnkc("check", ANNUAL, "--unit", "市委宣传部")
    assert res.code == 0 and "xnkc targets --unit 市委宣传部" in res.out and "┏" not in res.out


def test_validate_accepts_copies_of_the_plan_files(xnkc, tmp_path):
    from conftest import ROOT

    res = xnkc("validate", str(ROOT / "data" / "targets.yaml"), str(ROOT / "data" / "projects.yaml"))
    assert res.code == 0, res.out
    broken = tmp_path / "projects.yaml"
    text = (ROOT / "data" / "projects.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("    investment: 0.2\n", "    investment: 两千万\n"), encoding="utf-8")
    line = text.splitlines().index("    investment: 0.2") + 1
    res = xnkc("validate", str(broken), "--format", "json")
    assert res.code == 1
    assert [(e["code"], e["line"]) for e in res.json()["errors"]] == [("XK203", line)]


def test_template_marks_due_dates_and_asks_for_last_years_components(xnkc):
    out = xnkc("template", "--unit", "市经信局", "--year", "2025").out
    assert "  2024:" in out.split("  2025:")[0]  # 工业和技改投资 2024 for its growth rate
    assert "industrial_investment:" in out.split("  2025:")[0]
    assert "2024—2026三年合计 2" in out  # 二(三)9 新增“百强高企”2家 over the plan
    assert "2026年目标 20" in out  # 二(三)11 by 2026
    en = xnkc("template", "--unit", "市经信局", "--year", "2025", "--lang", "en").out
    assert "2026 target 20" in en and "lead" in en


def test_csv_written_to_a_file_has_a_bom_for_excel(xnkc, tmp_path):
    out = tmp_path / "r.csv"
    assert xnkc("check", ANNUAL, "--format", "csv", "-o", str(out)).code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "高新技术企业数" in raw.decode("utf-8-sig")
    assert not xnkc("check", ANNUAL, "--format", "csv").out.startswith("\ufeff")  # not on stdout


def test_no_module_shadows_the_standard_library():
    # `python -m xnkc` run from inside the package directory puts it first on sys.path: a module
    # named like a standard one (numbers.py) would replace it for everything (decimal imports numbers)
    import xnkc

    package = Path(xnkc.__file__).resolve().parent
    names = {p.stem for p in package.rglob("*.py")}
    assert not names & set(sys.stdlib_module_names)
