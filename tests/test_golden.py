"""Golden tests: the shipped plan's JSON output does not change when the engine is refactored.

The files in tests/golden/ were taken before issue 9 (horizon as data), with
``COLUMNS=200 xnkc check examples/<f>.yaml --format json`` and ``xnkc targets --format json``.
They are compared as parsed JSON (never as the bytes of a rich table, SPEC §10). The only
normalisation is the renaming of the enum values that named a year (SPEC §2.2):
``by_2026`` → ``by_end``, ``total_2024_2026`` → ``total``, ``equals_2026`` → ``equals_final``.

One deliberate addition since (issue 9 point 5): every ``commitments[]`` entry of a check row
carries ``verdict`` and ``verdict_label``, added to the two check files by the rule, from each
entry's own fields (2025 is before the final year 2026): met → reached, no actual → no_data,
unmet every-year promise → not_reached, any other unmet → not_yet. And (SPEC §8) every
indicator of ``targets.json`` carries the fields ``xnkc init`` may write, at their defaults for
the shipped plan: ``interpolated: []``, ``comparator``/``tolerance``/``tolerance_share``/
``attribute`` null, ``comparators``/``base`` {}; every indicator and commitment row of the two
check files carries ``interpolated: false`` (the shipped plan states every year's target). Nothing
else changed.

Another (SPEC §6 ``provenance``): every check row carries ``provenance`` right after
``origin`` — the file and position of a value read from the example, the derivation and its
inputs, the regions summed, the years of a plan total, or null without an actual. It was
inserted into the files (nothing else rewritten) and the files without it equal the ones
before; the examples are run from the repository's root as ``examples/<f>.yaml``, the file name
the provenance gives. Nothing else changed.

And (SPEC §9 ``reporter``): every indicator and commitment of ``targets.json`` carries
``reporter`` right after ``role`` — the unit that reports it (the plan states none, so the first
lead of its indicator or commitment). It was inserted into the file; nothing else changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_xnkc

GOLDEN = Path(__file__).resolve().parent / "golden"

# old enum value → new one, only in the fields that carry these enums
RENAMED = {
    "applies": {"by_2026": "by_end", "total_2024_2026": "total"},
    "relation": {"equals_2026": "equals_final"},
}


def normalise(obj: object) -> object:
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if key in RENAMED and isinstance(value, str):
                value = RENAMED[key].get(value, value)
            out[key] = normalise(value)
        return out
    if isinstance(obj, list):
        return [normalise(v) for v in obj]
    return obj


def golden(name: str) -> object:
    return normalise(json.loads((GOLDEN / name).read_text(encoding="utf-8")))


def test_normalise_renames_only_the_year_named_enum_values() -> None:
    before = {"applies": "by_2026", "relation": "equals_2026", "text": "by_2026", "x": [{"applies": "total_2024_2026"}]}
    assert normalise(before) == {
        "applies": "by_end",
        "relation": "equals_final",
        "text": "by_2026",
        "x": [{"applies": "total"}],
    }


@pytest.mark.parametrize("example", ["2025-annual", "2025-q3"])
def test_check_json_of_the_shipped_examples_is_unchanged(example: str) -> None:
    result = run_xnkc("check", f"examples/{example}.yaml", "--format", "json", cwd=ROOT)
    assert result.code == 0, result.err
    assert result.json() == golden(f"check-{example}.json")


@pytest.mark.parametrize("example", ["2025-annual", "2025-q3"])
def test_the_golden_files_without_provenance_are_the_files_taken_before(example: str) -> None:
    """The only key added since: every row's ``provenance``, placed after ``origin``."""
    data = golden(f"check-{example}.json")
    assert isinstance(data, dict)
    for row in data["indicators"] + data["commitments"]:
        keys = list(row)
        assert keys[keys.index("origin") + 1] == "provenance"
        assert (row["provenance"] is None) == (row["actual"] is None)


def test_targets_json_of_the_shipped_plan_is_unchanged() -> None:
    result = run_xnkc("targets", "--format", "json")
    assert result.code == 0, result.err
    assert result.json() == golden("targets.json")


def test_no_old_enum_name_is_printed() -> None:
    for args in (["targets", "--format", "json"], ["check", str(EXAMPLES / "2025-q3.yaml"), "--format", "json"]):
        out = run_xnkc(*args).out
        for old in ("by_2026", "total_2024_2026", "equals_2026"):
            assert f'"{old}"' not in out
