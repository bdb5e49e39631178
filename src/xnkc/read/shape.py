"""The shape of a YAML file checked with pydantic: every error becomes a finding at the line
and column it concerns, with a readable path and a Chinese message."""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

from xnkc.common.findings import Finding, suggest

if TYPE_CHECKING:
    from xnkc.read.yamlload import Document


@functools.cache
def _adapter(model: type) -> Any:
    # pydantic otherwise scans every installed distribution's entry points for plugins
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def validate_as(model: type, doc: Document) -> tuple[Any, list[Finding]]:
    """Validate ``doc.data`` as ``model`` with pydantic; errors become located findings."""
    from pydantic import ValidationError

    try:
        return _adapter(model).validate_python(doc.data), []
    except ValidationError as exc:
        return None, pydantic_findings(exc, doc, model)


def pydantic_findings(exc: Any, doc: Document, model: Any = None) -> list[Finding]:
    """Map each pydantic error to a finding at the YAML line and column it concerns."""
    out: list[Finding] = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        at_key = bool(loc) and loc[-1] == "[key]"
        if at_key:
            loc = loc[:-1]
        typ = err["type"]
        if typ in ("extra_forbidden", "unexpected_keyword_argument"):
            fields = _fields_at(model, loc[:-1])
            out.append(doc.finding("XK201", loc, at_key=True, field=loc[-1], suggest=suggest(str(loc[-1]), fields)))
        elif typ in ("missing", "missing_argument"):
            out.append(doc.finding("XK202", loc[:-1], field=loc[-1]))
        else:
            code = (
                "XK204"
                if typ in ("literal_error", "enum", "greater_than", "greater_than_equal", "value_error")
                else "XK203"
            )
            got = err.get("input")
            out.append(
                doc.finding(
                    code,
                    loc,
                    at_key=at_key,
                    detail=err["msg"],
                    detail_zh=_zh(typ, err),
                    got=got if isinstance(got, (str, int, float, bool)) or got is None else type(got).__name__,
                )
            )
    return out


_ZH_TYPES = {
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表([...] 或 - 开头的行)",
    "dict_type": "应为映射(键: 值)",
    "dataclass_type": "应为映射(键: 值)",
    "model_type": "应为映射(键: 值)",
}


def _zh(typ: str, err: dict[str, Any]) -> str:
    """The Chinese wording of a pydantic error (its English message is kept for --lang en)."""
    if typ == "literal_error":
        return f"应为以下之一:{err.get('ctx', {}).get('expected', '').replace(' or ', '、')}"
    return _ZH_TYPES.get(typ, err["msg"])


def _fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the dataclass at ``loc`` inside ``model`` (for "did you mean")."""
    import dataclasses
    import typing

    cur = model
    for part in loc:
        if isinstance(part, int) or cur is None:
            continue
        if not dataclasses.is_dataclass(cur):
            return []
        hints = typing.get_type_hints(cur)
        ann = hints.get(part)
        cur = None
        stack = [ann]
        while stack:
            cand = stack.pop()
            if isinstance(cand, type) and dataclasses.is_dataclass(cand):
                cur = cand
                break
            stack.extend(typing.get_args(cand))
    if cur is None or not dataclasses.is_dataclass(cur):
        return []
    return [f.name for f in dataclasses.fields(cur)]
