"""Output formats: one small class per format behind one interface (see ``base.Format``)."""

from __future__ import annotations

import importlib

from xnkc.render.base import Format

FORMATS = {
    "table": ("xnkc.render.table", "TableFormat"),
    "json": ("xnkc.render.jsonfmt", "JsonFormat"),
    "csv": ("xnkc.render.csvfmt", "CsvFormat"),
    "markdown": ("xnkc.render.markdown", "MarkdownFormat"),
    "html": ("xnkc.render.htmlfmt", "HtmlFormat"),
    "xlsx": ("xnkc.render.xlsxfmt", "XlsxFormat"),
    "docx": ("xnkc.render.docxfmt", "DocxFormat"),
}
BINARY = frozenset({"xlsx", "docx"})  # bytes: written with -o only, never to standard output
EXTRA_MODULE = {"xlsx": "openpyxl", "docx": "docx"}  # what each needs beyond the base install


def get_format(name: str, lang: str) -> Format:
    """The formatter for ``name``; its module (rich for tables) is imported only when used."""
    module, cls = FORMATS[name]
    return getattr(importlib.import_module(module), cls)(lang)
