"""render/jsonfmt.dumps: JSON has no inf/NaN — a non-finite number anywhere becomes null."""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from xnkc.render.jsonfmt import dumps


def test_finite_numbers_are_written_as_they_are() -> None:
    assert (
        dumps({"a": [1.0, 0.97222], "b": (2, "七百"), "c": None})
        == '{"a": [1.0, 0.97222], "b": [2, "七百"], "c": null}\n'
    )


def test_a_non_finite_number_anywhere_is_null() -> None:
    obj = {"ratio": float("inf"), "rows": [{"gap": float("nan")}, (1.5, -math.inf)], "ok": 3.0}
    assert dumps(obj) == '{"ratio": null, "rows": [{"gap": null}, [1.5, null]], "ok": 3.0}\n'


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


def _expected(obj):
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _expected(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_expected(v) for v in obj]
    return obj


@given(json_values)
def test_dumps_reads_back_with_every_non_finite_number_null(obj) -> None:
    assert json.loads(dumps(obj)) == _expected(obj)  # no NaN is left (it would never compare equal)
