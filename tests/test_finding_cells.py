"""A finding about a workbook cell (SPEC §6, §9): FILE:SHEET!CELL in text, ``sheet`` and ``cell``
beside ``line``/``column`` (the cell's row and column numbers) in JSON, no source excerpt, and a
GitHub annotation that names the cell in its message (a binary file has no lines)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xnkc.common.findings import Finding, column_letters
from xnkc.render import findings as ff


def test_column_letters_by_hand() -> None:
    assert [column_letters(n) for n in (1, 4, 26, 27, 52, 53, 702, 703)] == [
        "A",
        "D",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


@given(st.integers(min_value=1, max_value=20000))
def test_column_letters_read_back(n: int) -> None:
    letters = column_letters(n)
    back = 0
    for ch in letters:
        back = back * 26 + ord(ch) - 64
    assert back == n and letters.isalpha() and letters.isupper()


def test_a_cell_finding_is_located_by_sheet_and_cell() -> None:
    f = Finding("XK301", "jx-2025q3.xlsx", 9, 4, "values.2025.x", {"key": "x"}, sheet="填报")
    assert f.cell == "D9"
    assert f.location() == "jx-2025q3.xlsx:填报!D9"
    assert f.render().startswith("jx-2025q3.xlsx:填报!D9: error [XK301]")
    d = f.to_dict()
    assert (d["file"], d["sheet"], d["cell"], d["line"], d["column"]) == ("jx-2025q3.xlsx", "填报", "D9", 9, 4)
    assert ff.excerpt(f, {}) == ""


def test_a_finding_about_a_whole_sheet_names_the_sheet() -> None:
    f = Finding("XK301", "a.xlsx", sheet="填报")
    assert f.location() == "a.xlsx:填报" and f.cell is None


def test_a_text_file_finding_has_no_sheet_keys() -> None:
    d = Finding("XK301", "a.yaml", 3, 5).to_dict()
    assert "sheet" not in d and "cell" not in d


def test_github_annotation_of_a_cell_names_it_in_the_message(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.xlsx").write_bytes(b"PK")
    out = ff.github([Finding("XK301", "a.xlsx", 9, 4, sheet="填报")], "zh")
    assert out.startswith("::error file=a.xlsx,title=XK301 ")
    assert "line=" not in out and "::填报!D9: " in out


def test_a_document_read_from_a_sheet_locates_its_findings_by_cell() -> None:
    from xnkc.read.yamlload import Document

    doc = Document("form.xlsx", {"values": {2025: {"x": 1}}}, marks={("values", 2025, "x"): (9, 4)}, sheet="填报")
    f = doc.finding("XK301", ("values", 2025, "x"), key="x")
    assert f.location() == "form.xlsx:填报!D9" and f.path == "values.2025.x"
