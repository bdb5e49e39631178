"""Issue 9 point 5: whether a body-text promise restating an 附件1 indicator is reached, not yet
due, not reached (or, for a strict 突破/超过 promise met only at equality, not exceeded) is decided
once, in calc (``LinkCheck.verdict``); JSON (``commitments[].verdict``), CSV, the table and
Markdown only translate it — so the formats agree on every promise.

Expected verdicts are worked out by hand from the plan's promises and the examples' figures."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_xnkc

# the words every human format uses for a verdict (zh); no data is a dash
ZH = {
    "reached": "已达到",
    "not_yet": "尚未达到(2026年前)",
    "not_reached": "未达到",
    "not_exceeded": "未超过",
    "no_data": "—",
}
EN = {"reached": "reached", "not_yet": "not yet (due 2026)", "not_reached": "not reached"}

# -- every format translates the same verdict ----------------------------------------------------


def _json(path: Path) -> dict[str, tuple[str, str | None]]:
    res = run_xnkc("check", str(path), "--format", "json")
    assert res.code == 0, res.err
    return {c["id"]: (c["verdict"], c["verdict_label"]) for r in res.json()["indicators"] for c in r["commitments"]}


def _promises(path: Path) -> dict[tuple[str, str], str]:
    """(clause, text) → id of every promise restating an indicator, from the JSON."""
    res = run_xnkc("check", str(path), "--format", "json")
    return {(c["clause"], c["text"]): c["id"] for r in res.json()["indicators"] for c in r["commitments"]}


def _table(path: Path, *args: str) -> dict[tuple[str, str], str]:
    """(clause, text) → the 状态 cell of the promises table (wide enough that nothing folds)."""
    res = run_xnkc("check", str(path), *args, env={"COLUMNS": "400"})
    assert res.code == 0, res.err
    cells = [[c.strip() for c in line.strip("│ ").split("│")] for line in res.out.splitlines() if "│" in line]
    return {(c[0], c[1]): c[-1] for c in cells if len(c) == 6}


def _markdown(path: Path, *args: str) -> dict[tuple[str, str], str]:
    res = run_xnkc("check", str(path), "--format", "markdown", *args)
    assert res.code == 0, res.err
    section = res.out.split("## 正文承诺与附件1 的核对" if "--lang" not in args else "## body-text promises")[1]
    rows = [line.strip("| ").split(" | ") for line in section.split("\n\n")[1].splitlines()[2:]]
    return {(r[0], r[1]): r[-1] for r in rows}


def _csv(path: Path) -> dict[str, dict[str, str]]:
    """indicator id → its three promise columns (已达到 / 尚未到期 / 未达到的正文承诺)."""
    res = run_xnkc("check", str(path), "--format", "csv")
    assert res.code == 0, res.err
    return {
        r["id"]: {
            "reached": r["已达到的正文承诺"],
            "not_yet": r["尚未到期的正文承诺"],
            "not_met": r["未达到的正文承诺"],
        }
        for r in csv.DictReader(io.StringIO(res.out))
        if r["类别"] == "indicator"
    }


def _csv_verdicts(path: Path) -> dict[str, str]:
    """promise id → the CSV column it is listed in (reached | not_yet | not_met), none: absent."""
    out: dict[str, str] = {}
    for columns in _csv(path).values():
        for column, ids in columns.items():
            for pid in ids.split():
                assert pid not in out, pid  # one column per promise
                out[pid] = column
    return out


# In 2025 (both shipped examples) three promises are due: the two each-year ones that restate a
# yearly figure and the 每年100项 one. 全社会研发经费投入年均增长10%以上: 30.3 / 27.2 − 1 = 11.40 %
# (annual; the Q3 file reports 11.2) ≥ 10 → reached; 稳居全国百强: rank 94 ≤ 100 → reached;
# 每年实施重点技术改造项目100项以上: 36 (annual) / 24 (Q3) < 100 → not reached. Every other promise
# is due by 2026 (equals_final or a plan total) and none is met yet — e.g. 新增"新物种"企业80家:
# 27 + 21 = 48 (annual) / 27 + 15 = 42 (Q3) < 80, 高新技术企业突破800家: 705 / 700, 前90位: 94 > 90
# — so each is not yet due.
REACHED_2025 = {"general_rd_growth", "c3_hitech_zone_top100"}
NOT_REACHED_2025 = {"c10_tech_renovation_projects"}


@pytest.mark.parametrize("example", ["2025-annual", "2025-q3"])
def test_every_format_agrees_on_every_promise(example: str, plan) -> None:
    path = EXAMPLES / f"{example}.yaml"
    linked = {c.id for c in plan.commitments.values() if c.indicator}
    want = {
        cid: "reached" if cid in REACHED_2025 else "not_reached" if cid in NOT_REACHED_2025 else "not_yet"
        for cid in linked
    }
    assert len(want) == 31 and list(want.values()).count("not_yet") == 28
    got = _json(path)
    assert {k: v for k, (v, _) in got.items()} == want
    assert {k: label for k, (_, label) in got.items()} == {k: ZH[v] for k, v in want.items()}
    ids = _promises(path)
    for name, cells in (("table", _table(path)), ("markdown", _markdown(path))):
        assert {ids[k]: v for k, v in cells.items() if k in ids} == {k: ZH[v] for k, v in want.items()}, name
    # CSV: the promises restating a row, by verdict — none not yet due among the "not met" ones
    assert _csv_verdicts(path) == {k: "not_met" if v == "not_reached" else v for k, v in want.items()}
    rows = _csv(path)
    assert rows["tech_renovation_projects"] == {"reached": "", "not_yet": "", "not_met": "c10_tech_renovation_projects"}
    assert rows["new_species_enterprises"]["not_yet"] == "c9_new_species_enterprises"
    assert rows["new_species_enterprises"]["not_met"] == ""


def test_english_labels_translate_the_same_verdicts() -> None:
    path = EXAMPLES / "2025-annual.yaml"
    ids = _promises(path)
    md = {ids[k]: v for k, v in _markdown(path, "--lang", "en").items() if k in ids}
    assert md["c10_tech_renovation_projects"] == EN["not_reached"]
    assert md["c9_new_species_enterprises"] == EN["not_yet"]
    assert md["general_rd_growth"] == EN["reached"]
    res = run_xnkc("check", str(path), "--format", "json", "--lang", "en")
    rows = {c["id"]: c for r in res.json()["indicators"] for c in r["commitments"]}
    assert (rows["c10_tech_renovation_projects"]["verdict"], rows["c10_tech_renovation_projects"]["verdict_label"]) == (
        "not_reached",
        "not reached",
    )


FINAL_YEAR = """\
values:
  2026:
    hitech_enterprises: 800
    tech_smes: 2100
"""


def test_final_year_strict_promise_at_equality_and_no_data(tmp_path: Path) -> None:
    # 2026, the final year: 高新技术企业突破800家 (gt) with exactly 800 → not exceeded; 到2026年,高新
    # 技术企业数量达到800家 (at least) → reached; 科技型中小企业突破2200家 with 2100 → not reached (twice);
    # every other promise has no figure → no data
    path = tmp_path / "2026.yaml"
    path.write_text(FINAL_YEAR, encoding="utf-8")
    got = _json(path)
    assert got["general_hitech_enterprises"] == ("not_exceeded", "未超过")
    assert got["c9_hitech_enterprises"] == ("reached", "已达到")
    assert got["general_tech_smes"] == got["c9_tech_smes"] == ("not_reached", "未达到")
    assert got["c10_tech_renovation_projects"] == ("no_data", None)
    assert got["c9_new_species_enterprises"] == ("no_data", None)  # a plan total without its years
    ids = _promises(path)
    for cells in (_table(path), _markdown(path)):
        labels = {ids[k]: v for k, v in cells.items() if k in ids}
        assert labels == {k: ZH[v] for k, (v, _) in got.items()}
    assert _csv_verdicts(path) == {
        "general_hitech_enterprises": "not_met",
        "c9_hitech_enterprises": "reached",
        "general_tech_smes": "not_met",
        "c9_tech_smes": "not_met",
    }
