"""The fast shape check of an actuals file agrees with the pydantic model it stands in for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xnkc.read.models import ActualsFile, actuals_shape_ok

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=False), st.text(max_size=5))
keys = st.one_of(st.integers(2019, 2027), st.sampled_from(["hitech_enterprises", "gdp", "2025", "x"]))
leaf_maps = st.one_of(st.none(), st.dictionaries(keys, scalars, max_size=3), scalars, st.lists(scalars, max_size=2))
progress = st.one_of(
    st.dictionaries(st.sampled_from(["invested", "status", "note", "bogus"]), scalars, max_size=3), scalars
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "values": st.one_of(st.dictionaries(keys, leaf_maps, max_size=3), scalars),
        "period": scalars,
        "unit": scalars,
        "note": scalars,
        "projects": st.one_of(st.dictionaries(st.integers(0, 12), progress, max_size=2), scalars),
        "regions": st.one_of(
            st.dictionaries(
                st.sampled_from(["咸安区", "x"]),
                st.one_of(st.none(), st.dictionaries(keys, leaf_maps, max_size=2)),
                max_size=2,
            ),
            scalars,
        ),
        "extra": scalars,
    },
)


def _pydantic_accepts(doc: object) -> bool:
    from pydantic import TypeAdapter, ValidationError

    try:
        TypeAdapter(ActualsFile).validate_python(doc)
    except ValidationError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(documents)
def test_fast_shape_check_matches_pydantic(doc):
    assert actuals_shape_ok(doc) == _pydantic_accepts(doc)


def test_examples_take_the_fast_path():
    from conftest import EXAMPLES
    from xnkc.read.yamlload import load_file

    for name in ("2025-annual.yaml", "2025-q3.yaml"):
        assert actuals_shape_ok(load_file(str(EXAMPLES / name)).data)
