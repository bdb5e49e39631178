"""Issue 11 point 1: ``check --format html`` — one self-contained page, read back with
html.parser (geometry against the numbers, 亮灯 colours, every indicator, escaping) and opened in
Debian's chromium (DOM and a screenshot that is not blank; SPEC §10).

Expected figures are worked out by hand from data/targets.yaml and examples/2025-q3.yaml."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT, run_xnkc

Q3 = str(EXAMPLES / "2025-q3.yaml")
ANNUAL = str(EXAMPLES / "2025-annual.yaml")
BAR_X, BAR_W = 240, 380  # htmlfmt.BAR_X, htmlfmt.BAR_W: the scale 0 … 100 % spans 380 units from x = 240
LIGHT_HEX = {"green": "#2E7D32", "yellow": "#F9A825", "red": "#C62828", "grey": "#9E9E9E"}
STATUS_LIGHT = {  # SPEC §5
    "met": "green",
    "on_track": "green",
    "behind": "yellow",
    "far_behind": "red",
    "missed": "red",
    "no_data": "grey",
    "no_target": "grey",
}


class Page(HTMLParser):
    """Elements as (tag, attrs) in order; the text of the page; the text inside each <svg>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in ("meta", "line", "rect", "br"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and (cls is None or cls in a.get("class", "").split())]


def render(tmp_path: Path, *args: str, name: str = "report.html") -> str:
    out = tmp_path / name
    res = run_xnkc("check", *args, "--format", "html", "-o", str(out))
    assert res.code == 0, res.err
    return out.read_text(encoding="utf-8")


def parsed(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def check_json(*args: str) -> dict:
    res = run_xnkc("check", *args, "--format", "json")
    assert res.code == 0, res.err
    return json.loads(res.out)


@pytest.fixture(scope="module")
def q3(tmp_path_factory) -> tuple[str, Page]:
    text = render(tmp_path_factory.mktemp("html"), Q3)
    return text, parsed(text)


def test_the_page_is_self_contained_and_printable(q3):
    text, page = q3
    assert text.startswith("<!DOCTYPE html>")
    assert not page.find("script")  # no JavaScript needed
    assert not page.find("link")  # no stylesheet fetched
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in text
    assert "@page" in text and "size: A4" in text  # print CSS
    assert "page-break-before: always" in text  # sections start on a new page when printed
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif' in text


def test_every_indicator_is_in_the_chart_and_the_table(q3):
    _, page = q3
    plan = yaml.safe_load((ROOT / "data" / "targets.yaml").read_text(encoding="utf-8"))
    ids = [x["id"] for x in plan["indicators"]]
    assert len(ids) == 29  # 附件1, all 29 rows
    bars = page.find("rect", "bar")
    completion_bars = [b for b in bars if "region" not in b["class"].split()]
    # every indicator of the Q3 example has an actual and a target: 29 bars, in 附件1 order
    assert [b["data-id"] for b in completion_bars] == ids
    rows = [a for t, a in page.elements if t == "tr" and a.get("data-id") in ids]
    assert {r["data-id"] for r in rows} == set(ids)
    text = "".join(page.text)
    for x in plan["indicators"]:
        assert x["name"] in text


def test_a_bar_is_its_completion_on_the_scale_and_the_mark_its_pace(q3):
    _, page = q3
    svg = page.find("svg", "completion")[0]
    # the largest completion of the Q3 example is 附件1-11 累计建成省级高新区: 3 of 3 = 100 %,
    # so the scale is 0 … 100 %
    assert float(svg["data-scale"]) == 1.0
    bar = next(b for b in page.find("rect", "bar") if b["data-id"] == "hitech_enterprises")
    # 附件1-3: 2025 target 720; actual = the regions' sum 160+95+70+80+45+130+120 = 700;
    # completion 700 / 720 = 0.97222… → 97.2 % of the 380-unit scale = 369.444
    assert float(bar["data-completion"]) == pytest.approx(700 / 720)
    assert float(bar["width"]) == pytest.approx(BAR_W * 700 / 720, abs=1e-3)
    assert float(bar["x"]) == BAR_X
    # its pace: a level indicator, B = 2024's actual 668, f = 0.75 → E = 668 + (720 − 668) × 0.75 = 707;
    # the mark at 707 / 720 of the scale
    mark = next(m for m in page.find("line", "pace") if m["data-id"] == "hitech_enterprises")
    assert float(mark["x1"]) == pytest.approx(BAR_X + BAR_W * 707 / 720, abs=1e-3)
    # 附件1-10 咸宁高新区全国排名, lower is better: target 93, actual 94 → completion 93 / 94
    rank = next(b for b in page.find("rect", "bar") if b["data-id"] == "hitech_zone_rank")
    assert float(rank["width"]) == pytest.approx(BAR_W * 93 / 94, abs=1e-3)
    # 附件1-15 新建省级产业技术研究院: 0 of 1 → a bar of width 0 (still there: one bar per indicator)
    zero = next(b for b in page.find("rect", "bar") if b["data-id"] == "new_provincial_institutes")
    assert float(zero["width"]) == 0


def test_bars_past_100_percent_widen_the_scale(tmp_path):
    # 附件1-3 高新技术企业数: 2025 target 720, reported 1,000 → 138.9 %; the scale ends at the next
    # 10 %: 140 %, so that bar is 1000/720 / 1.4 of the width and a 97.2 % bar shrinks to match
    path = tmp_path / "big.yaml"
    path.write_text("period: 2025\nvalues:\n  2025:\n    hitech_enterprises: 1000\n    tech_smes: 2000\n", "utf-8")
    page = parsed(render(tmp_path, str(path)))
    svg = page.find("svg", "completion")[0]
    assert float(svg["data-scale"]) == pytest.approx(1.4)
    bars = {b["data-id"]: b for b in page.find("rect", "bar")}
    assert float(bars["hitech_enterprises"]["width"]) == pytest.approx(BAR_W * (1000 / 720) / 1.4, abs=1e-3)
    # 附件1-4: 2000 / 2050 = 0.9756 → 0.9756 / 1.4 of the width
    assert float(bars["tech_smes"]["width"]) == pytest.approx(BAR_W * (2000 / 2050) / 1.4, abs=1e-3)
    # a full year: E = T, no pace mark
    assert not page.find("line", "pace")
    # indicators without a value have no bar; their row says 无数据
    assert set(bars) == {"hitech_enterprises", "tech_smes"}


def test_colours_follow_the_status(q3):
    _, page = q3
    statuses = {x["id"]: x["status"] for x in check_json(Q3)["indicators"]}
    # by hand: 附件1-11 3 of 3 → met (green); 附件1-3 700 vs pace 707, 700/707 = 0.990 → behind
    # (yellow); 附件1-9 引进项目数 1 vs pace 3 × 0.75 = 2.25, 0.44 → far_behind (red); 附件1-8 引进人才
    # 16 vs 20 × 0.75 = 15 → on_track (green)
    assert statuses["provincial_hitech_zones"] == "met"
    assert statuses["hitech_enterprises"] == "behind"
    assert statuses["center_projects"] == "far_behind"
    assert statuses["center_talent"] == "on_track"
    for b in page.find("rect", "bar"):
        if "region" in b["class"].split():
            continue
        light = STATUS_LIGHT[statuses[b["data-id"]]]
        assert b["fill"] == LIGHT_HEX[light], b
        assert f"light-{light}" in b["class"].split()
    for tr in (a for t, a in page.elements if t == "tr" and "data-status" in a):
        assert tr["data-light"] == STATUS_LIGHT[tr["data-status"]]


def test_summary_cards_count_what_json_counts(q3):
    _, page = q3
    data = check_json(Q3)
    cards = page.find("div", "card")
    ind = {c["data-status"]: int(c["data-count"]) for c in cards if c["data-group"] == "indicators"}
    com = {c["data-status"]: int(c["data-count"]) for c in cards if c["data-group"] == "commitments"}
    assert ind == {k: v for k, v in data["summary"].items() if k != "no_target" or v}
    assert com == {k: v for k, v in data["commitments_summary"].items() if k != "no_target" or v}
    assert sum(ind.values()) == 29
    for c in cards:
        light = STATUS_LIGHT[c["data-status"]]
        assert f"border-left-color:{LIGHT_HEX[light]}" in c["style"]


def test_numbers_equal_json(q3):
    _, page = q3
    data = {x["id"]: x for x in check_json(Q3)["indicators"]}
    for tr in (a for t, a in page.elements if t == "tr" and a.get("data-id") in data):
        row = data[tr["data-id"]]
        for key in ("completion", "actual", "target", "expected"):
            shown = tr[f"data-{key}"]
            assert (float(shown) if shown else None) == row[key], (tr["data-id"], key)


def test_units_and_regions_have_their_sections(q3):
    _, page = q3
    data = check_json(Q3)
    units = [s["data-unit"] for s in page.find("section", "unit")]
    assert units == [u["unit"] for u in data["units"]]
    # the regions of the Q3 file: seven values of 附件1-3; one bar each, as long as value / 160
    # (咸安区's 160 is the largest)
    bars = {b["data-region"]: b for b in page.find("rect", "region")}
    values = {"咸安区": 160, "嘉鱼县": 95, "通城县": 70, "崇阳县": 80, "通山县": 45, "赤壁市": 130, "咸宁高新区": 120}
    assert {k: float(v["data-value"]) for k, v in bars.items()} == values
    for name, value in values.items():
        assert float(bars[name]["width"]) == pytest.approx(BAR_W * value / 160, abs=1e-3)


def test_text_from_the_data_is_escaped(tmp_path):
    targets = (ROOT / "data" / "targets.yaml").read_text(encoding="utf-8")
    evil = '高新技术企业数<script>alert("x")</script>&amp'
    data = tmp_path / "data"
    data.mkdir()
    (data / "targets.yaml").write_text(targets.replace("name: 高新技术企业数\n", f"name: '{evil}'\n", 1), "utf-8")
    shutil.copy(ROOT / "data" / "projects.yaml", data / "projects.yaml")
    out = tmp_path / "r.html"
    res = run_xnkc("check", Q3, "--format", "html", "-o", str(out), env={"XNKC_DATA_DIR": str(data)})
    assert res.code == 0, res.err
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp" in text
    assert evil in "".join(parsed(text).text)  # read back, the name is as the plan writes it


def test_html_goes_to_stdout_without_o_and_english_labels():
    res = run_xnkc("check", ANNUAL, "--format", "html", "--lang", "en")
    assert res.code == 0, res.err
    assert res.out.startswith("<!DOCTYPE html>") and '<html lang="en">' in res.out
    assert "completion against the expected pace" in res.out


def test_by_unit_writes_one_page_per_unit(tmp_path):
    res = run_xnkc("check", Q3, "--by", "unit", "--format", "html", "-o", str(tmp_path / "units"))
    assert res.code == 0, res.err
    names = sorted(p.name for p in (tmp_path / "units").iterdir())
    assert "市科技局.html" in names and all(n.endswith(".html") for n in names)
    page = parsed((tmp_path / "units" / "市人社局.html").read_text(encoding="utf-8"))
    assert "市人社局" in "".join(page.text)


# -- in a real browser (SPEC §10) -------------------------------------------------------------------


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true needs Debian's chromium (.ci/run installs it)")
    pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk); browser test skipped")


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of raw pixel bytes) of an 8-bit RGB/RGBA PNG, unfiltered (PNG spec §9)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r) for r in rows]


def test_the_page_in_chromium(tmp_path):
    browser = chromium()
    assert browser
    text = render(tmp_path, Q3)
    url = (tmp_path / "report.html").as_uri()
    dom = run_chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "CONSOLE" not in dom.stderr  # no console message, let alone an error
    page = parsed(dom.stdout)
    data = check_json(Q3)
    bars = [b for b in page.find("rect", "bar") if "region" not in b["class"].split()]
    assert len(bars) == sum(1 for x in data["indicators"] if x["completion"] is not None) == 29
    shown = "".join(page.text)
    for x in data["indicators"]:
        assert x["name"] in shown
    assert len(text) > 0

    shot = tmp_path / "shot.png"
    res = run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", "--hide-scrollbars", url)
    assert res.returncode == 0 and shot.exists(), res.stderr[-2000:]
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    bpp = len(rows[0]) // width
    colours = {row[i : i + 3] for row in rows[::7] for i in range(0, len(row), bpp * 5)}
    assert len(colours) > 20  # text, bars in three lights, cards: far from a blank page
    # the 亮灯 colours are drawn: a green, a yellow and a red bar pixel are on the first screen
    for hexa in ("2E7D32", "F9A825", "C62828"):
        assert bytes.fromhex(hexa) in colours or any(bytes.fromhex(hexa) in row for row in rows), hexa


# -- the trajectory section: drawn when a series is given (issue 11 point 4 feeds it) ---------------


def test_trajectory_section_from_a_series():
    from conftest import metric
    from xnkc.compute.calc import Growth, Report, Row
    from xnkc.compute.chart import SeriesPoint
    from xnkc.render.base import CheckView
    from xnkc.render.htmlfmt import HtmlFormat

    m = metric(id="hitech_enterprises")  # 650 / 720 / 800 家
    row = Row(metric=m, status="behind", time_progress=0.75, growth=Growth(), target=720, actual=700, expected=707)
    report = Report("方案", 2025, "2025-Q3", 9, 0.75, [row], [], 2024, 2026)
    view = CheckView(report, [])
    assert "class='page trajectory'" not in HtmlFormat("zh").check(view)  # no series: no section
    view.series = {
        "hitech_enterprises": [SeriesPoint("2024", 668, 650), SeriesPoint("2025-Q3", 700, 720, 707)],
    }
    page = parsed(HtmlFormat("zh").check(view))
    svg = page.find("svg", "trajectory")[0]
    assert svg["data-id"] == "hitech_enterprises"
    # the value axis: 0 … 720 + 10 % = 792; the plot is 150 − 10 − 24 = 116 high from y = 10;
    # two periods share 710 − 60 − 20 = 630 units: slots of 315, centres at 60 + 157.5 and 60 + 472.5
    actual = {c["data-period"]: c for c in page.find("circle", "actual")}
    assert float(actual["2025-Q3"]["cx"]) == pytest.approx(532.5, abs=0.01)
    assert float(actual["2025-Q3"]["cy"]) == pytest.approx(10 + (1 - 700 / 792) * 116, abs=0.01)
    assert float(actual["2024"]["cx"]) == pytest.approx(217.5, abs=0.01)
    assert float(actual["2024"]["cy"]) == pytest.approx(10 + (1 - 668 / 792) * 116, abs=0.01)
    (expected,) = page.find("circle", "expected")  # only the in-year period has a 序时目标
    assert float(expected["cy"]) == pytest.approx(10 + (1 - 707 / 792) * 116, abs=0.01)
    steps = page.find("polyline", "target")[0]["points"].split()
    # 2024's target 650 across its slot 60 … 375, 2025's 720 across 375 … 690
    y650, y720 = 10 + (1 - 650 / 792) * 116, 10 + (1 - 720 / 792) * 116
    flat = [float(v) for p in steps for v in p.split(",")]
    assert flat == pytest.approx([60, y650, 375, y650, 375, y720, 690, y720], abs=0.01)


def test_behind_threshold_moves_yellow_and_red(tmp_path):
    # 附件1-3: progress 700 / 707 = 0.990. With the default 0.9 it is behind (yellow); with
    # --behind-threshold 0.995 it is under the line: far behind (red), in the chart and the table
    page = parsed(render(tmp_path, Q3, "--behind-threshold", "0.995"))
    bar = next(b for b in page.find("rect", "bar") if b["data-id"] == "hitech_enterprises")
    assert bar["data-status"] == "far_behind" and bar["fill"] == LIGHT_HEX["red"]
    tr = next(a for t, a in page.elements if t == "tr" and a.get("data-id") == "hitech_enterprises")
    assert tr["data-light"] == "red"


def test_region_bars_against_region_targets(tmp_path):
    goals = tmp_path / "分解目标.yaml"
    goals.write_text(
        "kind: region_targets\nregions:\n  咸安区:\n    2025: {hitech_enterprises: 150}\n"
        "  嘉鱼县:\n    2025: {hitech_enterprises: 100}\n  通城县:\n    2025: {hitech_enterprises: 80}\n",
        encoding="utf-8",
    )
    page = parsed(render(tmp_path, Q3, "--region-targets", str(goals)))
    bars = {b["data-region"]: b for b in page.find("rect", "region")}
    # against its 分解目标: 咸安区 160 / 150 = 106.7 % → reached (green); 嘉鱼县 95 / 100 = 95 %, within
    # the 0.9 threshold (yellow); 通城县 70 / 80 = 87.5 % (red); 崇阳县 has no target (grey)
    assert bars["咸安区"]["fill"] == LIGHT_HEX["green"]
    assert bars["嘉鱼县"]["fill"] == LIGHT_HEX["yellow"]
    assert bars["通城县"]["fill"] == LIGHT_HEX["red"]
    assert bars["崇阳县"]["fill"] == LIGHT_HEX["grey"]
    text = "".join(page.text)
    assert "160/150 (106.7%)" in text and "70/80 (87.5%)" in text
