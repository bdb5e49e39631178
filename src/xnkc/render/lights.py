"""The 亮灯 colours as each medium draws them; which status gets which light is
``compute.calc.STATUS_LIGHT`` (SPEC §5), the one table every format reads."""

from __future__ import annotations

from xnkc.compute.calc import STATUS_LIGHT, STATUSES

# fill colours for HTML/SVG, xlsx cells and docx shading (RRGGBB), and a paler tint for cards
HEX = {"green": "2E7D32", "yellow": "F9A825", "red": "C62828", "grey": "9E9E9E"}
TINT = {"green": "E8F5E9", "yellow": "FFF8E1", "red": "FFEBEE", "grey": "F5F5F5"}
RICH = {"green": "green", "yellow": "yellow", "red": "red", "grey": "dim"}
LIGHT_LABEL = {
    "green": ("绿灯", "green"),
    "yellow": ("黄灯", "yellow"),
    "red": ("红灯", "red"),
    "grey": ("灰灯", "grey"),
}


def hex_of(status: str) -> str:
    return HEX[STATUS_LIGHT[status]]


def tint_of(status: str) -> str:
    return TINT[STATUS_LIGHT[status]]


def rich_style(status: str) -> str:
    """A final miss is the same red as far behind, in bold (the year is over)."""
    style = RICH[STATUS_LIGHT[status]]
    return f"bold {style}" if status == "missed" else style


STATUS_STYLE = {s: rich_style(s) for s in STATUSES}
