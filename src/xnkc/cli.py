"""The command line (typer). It only wires: load → validate → compute → render → exit code."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, NoReturn

import typer

from xnkc import __version__
from xnkc.common.findings import Finding, FindingsError

_APP_SETTINGS = {
    "name": "xnkc",
    "help": "咸宁科创 — 行动方案指标计算器 / indicator calculator for a plan (shipped: the Xianning S&T plan).",
    "no_args_is_help": True,
    "add_completion": True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}
app = typer.Typer(**_APP_SETTINGS)  # type: ignore[arg-type]

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


class TrendFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class FindingsFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class By(str, Enum):
    indicator = "indicator"
    unit = "unit"
    region = "region"


class ProjectsBy(str, Enum):
    region = "region"
    unit = "unit"


class TemplateFormat(str, Enum):
    yaml = "yaml"
    xlsx = "xlsx"
    csv = "csv"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOpt = Annotated[Lang | None, typer.Option("--lang", help="输出语言 zh|en (或 XNKC_LANG=en)")]
TargetsOpt = Annotated[
    str | None, typer.Option("--targets", help="另一份 targets.yaml (默认随包数据或 $XNKC_DATA_DIR)")
]
ProjectsOpt = Annotated[str | None, typer.Option("--projects", help="另一份 projects.yaml")]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "-o", "--output", help="写入文件(原子写入,不覆盖已有文件);check --by unit|region 时为目录,每个单位/区域一个文件"
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="允许覆盖已有的输出文件")]
FormatOpt = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="table | json | csv | markdown | html | xlsx (需 -o) | docx (需 -o)"),
]


def _lang(lang: Lang | None) -> str:
    if lang is not None:
        return lang.value
    from xnkc.common.i18n import default_lang

    return default_lang()


def _die(findings: list[Finding], lang: str, code: int = EXIT_UNUSABLE) -> NoReturn:
    from xnkc.render import findings as ff

    sys.stderr.write(ff.text(findings, lang))
    raise typer.Exit(code)


def _usage(option: str, detail: str, lang: str, suggestion: str = "", why: tuple[str, str] = ("", "")) -> NoReturn:
    """XK123: ``detail`` is the value as the user gave it (clipped); ``why`` (zh, en) the reason."""
    args = {"option": option, "detail": detail, "suggest": suggestion, "why_zh": why[0], "why_en": why[1]}
    _die([Finding("XK123", "", args=args)], lang)


def _out_of_range(option: str, value: float, range_zh: str, range_en: str, lang: str) -> NoReturn:
    """XK136: an option value outside its range, the range said in the output language."""
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    args = {"option": option, "value": shown, "range_zh": range_zh, "range_en": range_en}
    _die([Finding("XK136", "", args={**args, "example": _EXAMPLES.get(option, "")})], lang)


def _check_year(year: int | None, plan, lang: str) -> None:  # plan: xnkc.plan.load.Plan
    """``--year`` must be one of the plan's years (SPEC §5: the year checked; plan.years)."""
    if year is not None and year not in plan.years:
        first, final = plan.first_year, plan.final_year
        _out_of_range(
            "--year",
            year,
            f"应为方案年度 {first}–{final} 之一",
            f"must be one of the plan's years {first}–{final}",
            lang,
        )


def _statuses(words: list[str], lang: str) -> list[str]:
    """``--fail-on`` values as status ids; XK135 (listing every status) for a word that is none."""
    from xnkc.common.i18n import LABELS
    from xnkc.compute import calc

    statuses = []
    for word in words:  # missed,far_behind · "missed far_behind" · 未完成
        status = calc.status_named(word)
        if status is None:
            zh = "、".join(f"{s}({LABELS[s][0]})" for s in calc.STATUSES) + "(写状态代码或中文名称均可)"
            names = "、".join(LABELS[s][0] for s in calc.STATUSES)
            en = f"{', '.join(calc.STATUSES)} (or their Chinese names: {names})"
            _die([Finding("XK135", "", args={"value": word, "choices_zh": zh, "choices_en": en})], lang)
        statuses.append(status)
    return statuses


def _check_output(output: str | None, lang: str, *, directory: bool = False) -> None:
    """``-o ''`` or ``-o ' '`` names no file (a file called " " is no one's intent): XK128 at once,
    before any work is done."""
    if output is not None and not output.strip():
        example = "-o 分单位报告/" if directory else "-o report.csv"
        _die([Finding("XK128", "", args={"option": "-o", "example": example})], lang)


def _looks_like_a_file(word: str) -> bool:
    """An extra positional of ``check`` that names a file rather than a status."""
    return word == "-" or os.path.lexists(word) or any(ch in word for ch in "/\\.")


def _plan(targets: str | None, projects: str | None, lang: str):  # -> Plan
    from xnkc.plan.load import load_plan

    try:
        plan = load_plan(targets, projects)
    except FindingsError as exc:
        _die(exc.findings, lang)
    errors = [f for f in plan.check_findings if f.is_error]
    if errors:  # SPEC §6: a data file that is not valid stops check/projects/template (exit 2)
        _die(errors, lang)
    return plan


def _stdout_is_new_file() -> bool:
    """Standard output redirected to an empty regular file (``> out.csv``): not a pipe or a
    terminal, and not ``>>`` onto a file that has content (a BOM there would land mid-file)."""
    import stat

    try:
        st = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or replaced by a stream without a descriptor
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == 0


def _binary_needs_output(fmt: ReportFormat, output: str | None, lang: str) -> None:
    """A workbook or a Word document is bytes: never written to standard output (XK651), said
    before any work is done."""
    from xnkc.render import BINARY

    if fmt.value in BINARY and output is None:
        _die([Finding("XK651", "", args={"format": fmt.value, "example": f"report.{fmt.value}"})], lang)


def _rendered(make, fmt: ReportFormat, output: str | None, lang: str):  # -> str | bytes
    """``make()`` renders; an optional package a format needs that is not installed is one
    finding naming the extra to install (XK650), exit 2."""
    from xnkc.render import EXTRA_MODULE

    try:
        return make()
    except ImportError as exc:
        package = EXTRA_MODULE.get(fmt.value)
        if package is None or exc.name != package:
            raise
        shown = {"docx": "python-docx"}.get(package, package)
        _die([Finding("XK650", output or "", args={"format": fmt.value, "package": shown})], lang)


def _emit(text: str | bytes, output: str | None, force: bool, lang: str, fmt: ReportFormat | None = None) -> None:
    if fmt is ReportFormat.csv and (output is not None or _stdout_is_new_file()):
        text = "\ufeff" + text  # a CSV file (-o or `> out.csv`) for Excel/WPS on Chinese Windows: UTF-8 BOM
    if output is None:
        sys.stdout.write(text)
        return
    from xnkc.render.output import write_atomic

    try:
        write_atomic(output, text, force=force)
    except FindingsError as exc:
        _die(exc.findings, lang)


_SUFFIX = {
    ReportFormat.table: ".txt",
    ReportFormat.json: ".json",
    ReportFormat.csv: ".csv",
    ReportFormat.markdown: ".md",
    ReportFormat.html: ".html",
    ReportFormat.xlsx: ".xlsx",
    ReportFormat.docx: ".docx",
}


def _emit_each(plan, view, directory: str, force: bool, lang: str, fmt: ReportFormat, source: str = "") -> None:
    """``check --by unit|region -o DIR``: one file per unit (its gap table, as ``--unit U``) or
    per region, named by it, in the chosen format; DIR is created if missing. A file without
    regions gives no region file: a note says so (XK137), nothing is written or created."""
    from dataclasses import replace

    from xnkc.render import get_format
    from xnkc.render.output import prepare_directory

    render = get_format(fmt.value, lang)
    texts: dict[str, str | bytes] = {}
    if view.by == "unit":
        for name, rows in view.unit_rows.items():
            mine = {id(r) for _, r in rows}
            report = replace(
                view.report,
                rows=[r for r in view.report.rows if id(r) in mine],
                commitments=[r for r in view.report.commitments if id(r) in mine],
                unit_filter=name,
            )
            units = [u for u in view.units if u.unit == name]
            one = replace(view, report=report, units=units, unit_rows={name: rows})
            texts[name] = _rendered(lambda one=one: render.check(one), fmt, directory, lang)
    else:
        for name, cells in view.regions.items():
            one = replace(view, regions={name: cells})
            texts[name] = _rendered(lambda one=one: render.check(one), fmt, directory, lang)
        if not texts:
            from xnkc.render import findings as ff

            sys.stderr.write(ff.text([Finding("XK137", source, args={"dir": directory})], lang))
            return
    try:
        paths = prepare_directory(directory, [n + _SUFFIX[fmt] for n in texts], force=force, by=view.by)
    except FindingsError as exc:
        _die(exc.findings, lang)
    for text, path in zip(texts.values(), paths, strict=True):
        _emit(text, path, True, lang, fmt)  # --force: prepare_directory has applied the rule to each


def _load_actuals(path: str, plan):  # -> (Actuals, [Finding])
    """An actuals file, or standard input for ``-`` (SPEC §6), its findings naming ``<stdin>``."""
    from xnkc.common.stdio import STDIN_NAME, is_stdin
    from xnkc.compute.actuals import load_actuals
    from xnkc.read.stdin import read_stdin

    if is_stdin(path):
        return load_actuals(STDIN_NAME, plan, text=read_stdin())
    return load_actuals(path, plan)


def _paths_and_words(args: list[str]) -> tuple[list[str], list[str]]:
    """``check``'s positional arguments: the first and every one that looks like a path are
    files; the other words are statuses following ``--fail-on``."""
    files = [args[0], *(w for w in args[1:] if _looks_like_a_file(w))]
    return files, [w for w in args[1:] if not _looks_like_a_file(w)]


def _gather(paths: list[str], plan, lg: str):  # -> (Actuals, [Finding], [Finding])
    """FILES|DIRS… read and combined (SPEC §9): the combined actuals, the warnings and notes of
    every file and of combining, and the conflicts (errors, the keys left out). One file is read
    as always. A file that cannot be used, or a period rule broken, stops here (exit 2)."""
    data, findings, _ = _gather_all(paths, plan, lg)
    return data, [f for f in findings if not f.is_error], [f for f in findings if f.is_error]


def _gather_all(paths: list[str], plan, lg: str):  # -> (Actuals, [Finding], Combined | None)
    from xnkc.read.collect import collect

    try:
        files = collect(paths)
    except FindingsError as exc:
        _die(exc.findings, lg)
    if len(files) == 1:
        try:
            data, warnings = _load_actuals(files[0], plan)
        except FindingsError as exc:
            _die(exc.findings, lg)
        return data, warnings, None
    from xnkc.compute.combine import combine

    parts, findings = _load_parts(files, plan, lg)
    combined = combine(plan, parts)
    stopping = [f for f in combined.findings if f.is_error and f.code != "XK620"]
    if stopping:  # periods that cannot be combined: nothing to compute
        _die([*findings, *combined.findings], lg)
    return combined.actuals, [*findings, *combined.findings], combined


def _load_parts(files: list[str], plan, lg: str):  # -> ([Actuals], [Finding])
    """Every file read on its own; any that cannot be used: all their findings, exit 2."""
    parts, findings, failed = [], [], False
    for name in files:
        try:
            part, found = _load_actuals(name, plan)
        except FindingsError as exc:
            findings += exc.findings
            failed = True
            continue
        parts.append(part)
        findings += found
    if failed:
        _die(findings, lg)
    return parts, findings


def _trend(paths: list[str], plan, lg: str, threshold: float, unit: str | None):  # -> (Trend, [Finding])
    """FILES|DIRS… as snapshots (issue 11 point 4): each period's files combined as ``check``
    combines them, every indicator's series; the files' warnings. Unreadable input: exit 2."""
    from xnkc.compute.trend import build_trend
    from xnkc.read.collect import collect

    try:
        files = collect(paths)
    except FindingsError as exc:
        _die(exc.findings, lg)
    seen: set[str] = set()
    unique_files = []
    for name in files:  # a file named twice (also as a member of a directory given) is one snapshot
        real = os.path.realpath(name)
        if real not in seen:
            seen.add(real)
            unique_files.append(name)
    parts, warnings = _load_parts(unique_files, plan, lg)
    trend = build_trend(plan, parts, threshold=threshold, unit=unit)
    return trend, [*warnings, *(f for f in trend.findings if not f.is_error)]


def _region_goals(path: str | None, plan, lg: str) -> dict:
    """A 分解目标 file (``--region-targets``): region → year → id → target; {} without one."""
    if path is None:
        return {}
    from xnkc.compute.actuals import load_region_targets

    try:
        return load_region_targets(path, plan)
    except FindingsError as exc:
        _die(exc.findings, lg)


def _unit(plan, unit: str | None, lang: str) -> str | None:
    if unit is None:
        return None
    name = plan.canonical_unit(unit)
    if name is None:
        from xnkc.common.findings import suggest

        why = ("(不是登记的责任单位)", " (not a registered responsible unit)")
        _usage("--unit", unit, lang, suggest(unit, sorted(plan.unit_names)), why)
    return name


def _words(*items: str) -> list[str]:
    """Option values given repeated, comma- or space-separated (``--fail-on "$STATUSES"``)."""
    import re

    return [w for item in items for w in re.split(r"[\s,,、]+", item) if w]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"xnkc {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="内部错误时显示 traceback")] = False,
) -> None:
    """咸宁科创: completion, gaps, in-year pace and growth checks for every indicator of the plan."""
    if debug:
        os.environ["XNKC_DEBUG"] = "1"


@app.command()
def check(
    actuals: Annotated[
        list[str],
        typer.Argument(help="实际数据文件或目录(YAML 或 .xlsx/.csv 填报表;可多个,合并后检查)", show_default=False),
    ],
    year: Annotated[int | None, typer.Option("--year", help="检查的年度(默认:文件中最新的年度)")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只看某个责任单位(牵头或配合)")] = None,
    by: Annotated[By, typer.Option("--by", help="indicator | unit | region")] = By.indicator,
    fmt: FormatOpt = ReportFormat.table,
    fail_on: Annotated[
        list[str] | None, typer.Option("--fail-on", help="出现这些状态时退出码为 1(可多次或逗号分隔)")
    ] = None,
    behind_threshold: Annotated[float, typer.Option("--behind-threshold", help="滞后与明显滞后的分界(进度比)")] = 0.9,
    region_targets: Annotated[
        str | None,
        typer.Option("--region-targets", help="分区域目标(分解目标)文件:regions: {区域: {年份: {指标: 目标}}}"),
    ] = None,
    history: Annotated[
        list[str] | None,
        typer.Option("--history", help="历次报送的文件或目录(可多次):JSON 增加 history,HTML 增加历次数据图"),
    ] = None,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    projects: ProjectsOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """计算完成率、差距、序时进度和增速研判 / the report: completion, gap, pace, growth."""
    from xnkc.compute import calc

    lg = _lang(lang)
    _check_output(output, lg, directory=by is not By.indicator)
    _binary_needs_output(fmt, output, lg)
    # `--fail-on missed far_behind`: click options take one value each, so status names that
    # follow the actuals files are read as more --fail-on values (SPEC §6: --fail-on STATUS…);
    # every argument that looks like a path is a file (SPEC §9: FILES|DIRS…); a word that does
    # not, without --fail-on, is XK138
    paths, words = _paths_and_words(actuals)
    if words and not fail_on:
        _die([Finding("XK138", "", args={"value": " ".join(words)})], lg)
    statuses = _statuses(_words(*(fail_on or []), *words), lg)
    if not 0 < behind_threshold <= 1:
        _out_of_range("--behind-threshold", behind_threshold, "应大于 0 且不大于 1", "must be > 0 and ≤ 1", lg)
    plan = _plan(targets, projects, lg)
    _check_year(year, plan, lg)
    unit_name = _unit(plan, unit, lg)

    from xnkc.compute.derive import resolve
    from xnkc.compute.report import build_report, unit_views

    data, warnings, conflicts = _gather(paths, plan, lg)
    try:
        chosen = data.year_checked(year)
    except FindingsError as exc:
        _die(exc.findings, lg)
    resolved = resolve(plan, data, up_to=chosen)
    warnings = [*warnings, *resolved.warnings]
    all_goals = _region_goals(region_targets, plan, lg)  # 分解目标: region → year → id → target
    report = build_report(
        plan,
        resolved.values,
        resolved.origin,
        chosen,
        data.period.year,
        data.period.months,
        data.period.label,
        threshold=behind_threshold,
        unit=unit_name,
        regions=resolved.regions,
        region_targets=all_goals,
        provenance=resolved.provenance,
    )
    # both readings of each derived growth rate (SPEC §2.3), shown beside the one `actual` follows
    report = calc.with_methods(report, resolved.methods, {n: r.methods for n, r in resolved.regions.items()})
    mine = resolved.regions.get(report.region or "")
    if report.region is not None and (mine is None or not any(mine.values.values())):
        warnings.append(Finding("XK330", data.file, args={"region": report.region, "unit": unit_name}))
    views = unit_views(plan, report)
    from xnkc.render import get_format
    from xnkc.render.base import CheckView

    view = CheckView(
        report, views, by.value, warnings, labels=plan.labels, sources=bool(data.origins or data.conflicts)
    )
    if by is By.unit or unit_name or fmt is ReportFormat.html:  # --unit: every format names the unit and
        # its role per row; the HTML report has a section per unit
        from xnkc.compute.report import unit_tables

        view.unit_rows = unit_tables(plan, report, [unit_name] if unit_name else [u.name for u in plan.targets.units])
    if by is By.region or data.regions or region_targets:
        from xnkc.compute.report import region_table

        goals = {n: by_year.get(chosen, {}) for n, by_year in all_goals.items()}
        regions = {n: r.values.get(chosen, {}) for n, r in resolved.regions.items()}
        view.regions = region_table(report, regions, goals, resolved.values.get(chosen, {}))
    if history:  # issue 11 point 4: earlier snapshots and the files checked, one series per row
        from xnkc.common.stdio import is_stdin
        from xnkc.compute.trend import unique

        view.history, found = _trend(
            [*history, *(p for p in paths if not is_stdin(p))], plan, lg, behind_threshold, unit_name
        )
        view.series = view.history.series()
        warnings = unique([*warnings, *found])
        view.warnings = warnings
        conflicts = unique([*conflicts, *view.history.conflicts])
    render = get_format(fmt.value, lg)
    text = _rendered(lambda: render.check(view), fmt, output, lg)
    from xnkc.common.stdio import step_summary_wanted

    if step_summary_wanted():  # GitHub Actions: a summary on the run's page
        from xnkc.render.ci_summary import append_step_summary

        append_step_summary(report, lg)
    if warnings:
        from xnkc.render import findings as ff

        sys.stderr.write(ff.text(warnings, lg))
    if output is not None and by is not By.indicator:  # SPEC §6: -o names a directory, one file each
        _emit_each(plan, view, output, force, lg, fmt, data.file)
    else:
        _emit(text, output, force, lg, fmt)
    if conflicts:  # SPEC §9: the report is printed, the conflicts listed, and check exits 2
        _die(conflicts, lg)
    if statuses and any(r.status in statuses for r in report.rows + report.commitments):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def validate(
    files: Annotated[list[str] | None, typer.Argument(help="要校验的实际数据文件(可多个)", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="把提示(warning)也当作失败")] = False,
    fmt: Annotated[FindingsFormat, typer.Option("--format", "-f", help="text | json | github")] = FindingsFormat.text,
    max_errors: Annotated[int | None, typer.Option("--max-errors", min=1, help="最多列出多少条问题")] = None,
    files_from: Annotated[
        str | None, typer.Option("--files-from", help="从文件(或 - 即标准输入)逐行读取要校验的文件路径")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="忽略这些代码的提示(warning),如 XK502;可多次或逗号分隔")
    ] = None,
    combined: Annotated[
        bool, typer.Option("--combined", help="把所有文件合并后再检查(冲突、报告期);默认逐个文件检查")
    ] = False,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    projects: ProjectsOpt = None,
) -> None:
    """校验方案数据和实际数据文件 / validate the plan's data files and any actuals files."""
    from xnkc.validation import validate_all

    lg = _lang(lang)
    ignored = {c.upper() for c in _words(*(ignore or []))}
    from xnkc.common.catalog import CATALOG

    for code in sorted(ignored):
        if code not in CATALOG or CATALOG[code].severity != "warning":
            why = ("(只有警告 warning 的代码可以忽略)", " (only the codes of warnings can be ignored)")
            _usage("--ignore", code, lg, why=why)  # only warnings can be ignored; errors always count
    paths = list(files or [])
    if files_from is not None:  # many files: no command-line length limit
        from xnkc.read.yamlload import decode, read_text

        try:  # decoded like a data file: UTF-8 (BOM or not), UTF-16 (PowerShell), GB18030
            listing = decode(sys.stdin.buffer.read(), "<stdin>") if files_from == "-" else read_text(files_from)
        except FindingsError as exc:
            _die(exc.findings, lg)
        paths += [line.strip() for line in listing.splitlines() if line.strip()]
    times = paths.count("-") + (files_from == "-")
    if times > 1:  # standard input can be read only once
        _die([Finding("XK139", "", args={"count": times})], lg)
    result = validate_all(paths, targets, projects, max_errors=max_errors, combined=combined)
    result.findings = [f for f in result.findings if f.code not in ignored]
    from xnkc.common.stdio import step_summary_wanted
    from xnkc.render import findings as ff

    if step_summary_wanted():  # GitHub Actions: a summary on the run's page
        from xnkc.render import ci_summary

        ci_summary.append(ci_summary.validate_summary(result.findings, len(result.files), lg))
    shown = result.findings
    if max_errors is not None:  # keep every warning, and the first N errors
        errors_seen = 0
        shown = []
        for f in result.findings:
            errors_seen += f.is_error
            if not f.is_error or errors_seen <= max_errors:
                shown.append(f)
    if fmt is FindingsFormat.json:
        sys.stdout.write(ff.as_json(shown, lg, result.files))
    elif fmt is FindingsFormat.github:
        sys.stdout.write(ff.github(shown, lg))
    else:
        sys.stdout.write(ff.text(shown, lg, with_excerpt=len(shown) <= 200))
        n_err = sum(1 for f in result.findings if f.is_error)
        n_warn = sum(1 for f in result.findings if f.severity == "warning")
        n_note = len(result.findings) - n_err - n_warn
        more = len(result.findings) - len(shown)
        if lg == "en":
            tail = f" (+{more} not listed)" if more > 0 else ""
            sys.stderr.write(
                f"{len(result.files)} file(s) checked: {n_err} error(s), {n_warn} warning(s), {n_note} note(s){tail}\n"
            )
        else:
            tail = f"(另有 {more} 条未列出)" if more > 0 else ""
            sys.stderr.write(
                f"已校验 {len(result.files)} 个文件:{n_err} 个错误,{n_warn} 个警告,{n_note} 个说明{tail}\n"
            )
    raise typer.Exit(result.exit_code(strict))


@app.command()
def targets(
    year: Annotated[int | None, typer.Option("--year", help="只显示某一年的目标")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只显示某个责任单位的指标")] = None,
    fmt: FormatOpt = ReportFormat.table,
    lang: LangOpt = None,
    targets_path: TargetsOpt = None,
    projects_path: ProjectsOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """列出方案的指标和正文承诺及其目标 / list indicators and commitments with their targets."""
    lg = _lang(lang)
    _check_output(output, lg)
    _binary_needs_output(fmt, output, lg)
    plan = _plan(targets_path, projects_path, lg)
    _check_year(year, plan, lg)
    unit_name = _unit(plan, unit, lg)
    inds = [
        m
        for m in plan.metrics.values()
        if m.is_indicator and (unit_name is None or plan.role(unit_name, m.lead, m.support))
    ]

    def involved(c) -> bool:
        if unit_name is None:
            return True
        lead, support = c.lead, c.support
        if not (lead or support) and c.indicator:
            ind = plan.indicators[c.indicator]
            lead, support = ind.lead, ind.support
        return plan.role(unit_name, lead, support) is not None

    from xnkc.render import get_format
    from xnkc.render.base import TargetsView

    view = TargetsView(plan, inds, [c for c in plan.targets.commitments if involved(c)], year, unit_name)
    render = get_format(fmt.value, lg)
    _emit(_rendered(lambda: render.targets(view), fmt, output, lg), output, force, lg, fmt)


@app.command()
def projects(
    actuals: Annotated[
        list[str] | None,
        typer.Argument(help="可选:含 projects: 进度的实际数据文件或目录(可多个,合并)", show_default=False),
    ] = None,
    by: Annotated[ProjectsBy | None, typer.Option("--by", help="region | unit 合计")] = None,
    fmt: FormatOpt = ReportFormat.table,
    lang: LangOpt = None,
    targets_path: TargetsOpt = None,
    projects_path: ProjectsOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """列出方案的重点项目、按区域/单位合计及投资进度 / list the plan's projects and totals."""
    from xnkc.compute.portfolio import ProjectLine
    from xnkc.render import get_format
    from xnkc.render.base import ProjectsView

    lg = _lang(lang)
    _check_output(output, lg)
    _binary_needs_output(fmt, output, lg)
    plan = _plan(targets_path, projects_path, lg)
    progress = {}
    conflicts: list[Finding] = []
    if actuals:
        data, warnings, conflicts = _gather(actuals, plan, lg)
        progress = data.projects
        if warnings:  # e.g. XK405: invested 5 on a 0.2 亿元 project
            from xnkc.render import findings as ff

            sys.stderr.write(ff.text(warnings, lg))
    lines = [
        ProjectLine(
            p,
            progress[p.seq].invested if p.seq in progress else None,
            progress[p.seq].status if p.seq in progress else None,
        )
        for p in plan.projects
    ]
    view = ProjectsView(plan, lines, by.value if by else None, with_progress=bool(actuals))
    render = get_format(fmt.value, lg)
    _emit(_rendered(lambda: render.projects(view), fmt, output, lg), output, force, lg, fmt)
    if conflicts:  # SPEC §9: shown, listed, exit 2
        _die(conflicts, lg)


@app.command()
def merge(
    files: Annotated[list[str], typer.Argument(help="报送文件或目录(可多个)", show_default=False)],
    output: Annotated[str, typer.Option("-o", "--output", help="合并后的实际数据文件(YAML;不覆盖已有文件)")],
    force: ForceOpt = False,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    projects: ProjectsOpt = None,
) -> None:
    """合并多个报送文件为一个实际数据文件(注明每个数值的来源) / combine submissions into one actuals file."""
    lg = _lang(lang)
    _check_output(output, lg)
    plan = _plan(targets, projects, lg)
    data, warnings, combined = _gather_all(files, plan, lg)
    from xnkc.render import findings as ff

    conflicts = [f for f in warnings if f.is_error]
    if conflicts:  # SPEC §9: exit 2 with the conflicts listed, nothing written
        count = len(data.conflicts) + sum(1 for f in conflicts if f.path.startswith("projects"))
        _die([*conflicts, Finding("XK626", "", args={"count": count, "out": output})], lg)
    if warnings:
        sys.stderr.write(ff.text(warnings, lg))
    from xnkc.compute.combine import combine
    from xnkc.render.merged_yaml import render_merged

    if combined is None:  # one file: its values, each naming its place
        combined = combine(plan, [data])
    _emit(render_merged(plan, combined, lg), output, force, lg)


@app.command()
def trend(
    files: Annotated[list[str], typer.Argument(help="各期报送文件或目录(每个报告期一份或一组)", show_default=False)],
    fmt: Annotated[
        TrendFormat, typer.Option("--format", "-f", help="table | json | csv | markdown")
    ] = TrendFormat.table,
    unit: Annotated[str | None, typer.Option("--unit", help="只看某个责任单位(牵头或配合)")] = None,
    behind_threshold: Annotated[float, typer.Option("--behind-threshold", help="滞后与明显滞后的分界(进度比)")] = 0.9,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    projects: ProjectsOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """各指标历次数据的走势(每个报告期一个快照) / each indicator across periods, against its targets."""
    lg = _lang(lang)
    _check_output(output, lg)
    if not 0 < behind_threshold <= 1:
        _out_of_range("--behind-threshold", behind_threshold, "应大于 0 且不大于 1", "must be > 0 and ≤ 1", lg)
    plan = _plan(targets, projects, lg)
    unit_name = _unit(plan, unit, lg)
    result, warnings = _trend(files, plan, lg, behind_threshold, unit_name)
    from xnkc.render import get_format
    from xnkc.render.base import TrendView

    view = TrendView(result, plan.title, warnings, unit_name)
    text = get_format(fmt.value, lg).trend(view)
    if warnings:
        from xnkc.render import findings as ff

        sys.stderr.write(ff.text(warnings, lg))
    _emit(text, output, force, lg)
    if result.conflicts:  # SPEC §9: the series are printed, the conflicts listed, exit 2
        _die(result.conflicts, lg)


@app.command()
def status(
    files: Annotated[list[str], typer.Argument(help="报送文件或目录(可多个)", show_default=False)],
    period: Annotated[str | None, typer.Option("--period", help="要催报的报告期(如 2025-Q3;默认:文件中最新的)")] = None,
    fail_on_missing: Annotated[bool, typer.Option("--fail-on-missing", help="有单位未报送时退出码为 1")] = False,
    fmt: FormatOpt = ReportFormat.table,
    lang: LangOpt = None,
    targets: TargetsOpt = None,
    projects: ProjectsOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """谁已报送、谁还没报(催报) / who has reported and who has not."""
    from xnkc.compute.combine import combine
    from xnkc.compute.status import build_status
    from xnkc.read.collect import collect
    from xnkc.read.numeric import parse_period

    lg = _lang(lang)
    _check_output(output, lg)
    _binary_needs_output(fmt, output, lg)
    wanted = parse_period(period) if period is not None else None
    if period is not None and wanted is None:
        why = ("(应为 YYYY、YYYY-Qn、YYYY-Hn 或 YYYY-MM)", " (YYYY, YYYY-Qn, YYYY-Hn or YYYY-MM)")
        _usage("--period", period, lg, why=why)
    plan = _plan(targets, projects, lg)
    try:
        paths = collect(files)
    except FindingsError as exc:
        _die(exc.findings, lg)
    parts, warnings = _load_parts(paths, plan, lg)
    if wanted is not None:  # only what was sent for that period counts
        parts = [a for a in parts if (a.period.year, a.period.months) == (wanted.year, wanted.months)]
    if parts:
        combined = combine(plan, parts)
        data, infos, year = combined.actuals, combined.files, combined.actuals.period.year
        label = wanted.label if wanted is not None else data.period.label
        warnings += combined.findings  # conflicts too: sent, but not usable until resolved
    else:
        from xnkc.compute.actuals import Actuals

        year = wanted.year if wanted is not None else plan.final_year
        label = wanted.label if wanted is not None else str(year)
        data, infos = Actuals("", wanted or parse_period(str(year)), {}), []
    if wanted is not None:
        year = wanted.year
    result = build_status(plan, data, infos, year, label)
    from xnkc.render import get_format
    from xnkc.render.base import StatusView

    if warnings:
        from xnkc.render import findings as ff

        sys.stderr.write(ff.text(warnings, lg))
    render = get_format(fmt.value, lg)
    _emit(_rendered(lambda: render.status(StatusView(result)), fmt, output, lg), output, force, lg, fmt)
    if fail_on_missing and result.missing:
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def template(
    year: Annotated[int | None, typer.Option("--year", help="填报年度(默认今年,限方案年度)")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只列出该单位牵头或配合的指标")] = None,
    region_targets: Annotated[
        str | None, typer.Option("--region-targets", help="分解目标文件:区域政府的模板注释中给出本区域目标")
    ] = None,
    fmt: Annotated[
        TemplateFormat, typer.Option("--format", "-f", help="yaml | xlsx (Excel/WPS 填报表,需 -o) | csv")
    ] = TemplateFormat.yaml,
    period: Annotated[
        str | None, typer.Option("--period", help="报告期:2025、2025-Q3、2025-H1 或 2025-09(默认全年)")
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    targets_path: TargetsOpt = None,
    projects_path: ProjectsOpt = None,
) -> None:
    """生成填报模板(YAML,或 Excel/WPS、CSV 填报表) / write a fill-in actuals file or form."""
    import datetime

    lg = _lang(lang)
    _check_output(output, lg)
    if fmt is TemplateFormat.xlsx and output is None:  # a workbook is bytes: never to stdout
        _die([Finding("XK607", "", args={"example": "form.xlsx"})], lg)
    plan = _plan(targets_path, projects_path, lg)
    label = _template_period(period, year, lg)
    y = label.year if label is not None and year is None else year
    if y is None:
        y = min(max(datetime.date.today().year, plan.first_year), plan.final_year)
    _check_year(y, plan, lg)
    unit_name = _unit(plan, unit, lg)
    goals = _region_goals(region_targets, plan, lg)
    shown = label.label if label is not None else None
    try:
        if fmt is TemplateFormat.yaml:
            from xnkc.render.template import render_template

            _emit(render_template(plan, y, unit_name, lg, goals, shown), output, force, lg)
            return
        from xnkc.render.template_xlsx import build_form, render_csv, render_xlsx

        form = build_form(plan, y, unit_name, goals, shown)
        if fmt is TemplateFormat.csv:
            _emit(render_csv(form), output, force, lg, ReportFormat.csv)
            return
        try:
            content = render_xlsx(form)
        except ImportError:
            _die([Finding("XK558", output or "")], lg)
    except FindingsError as exc:
        _die(exc.findings, lg)
    from xnkc.render.output import write_atomic

    try:
        write_atomic(output or "", content, force=force)
    except FindingsError as exc:
        _die(exc.findings, lg)


def _template_period(period: str | None, year: int | None, lang: str):  # -> Period | None
    """``template --period``: a period of ``--year`` (when given), read as an actuals file's is."""
    if period is None:
        return None
    from xnkc.read.numeric import parse_period

    label = parse_period(period)
    if label is None:
        why = ("(写成 2025、2025-Q3、2025-H1 或 2025-09)", " (write 2025, 2025-Q3, 2025-H1 or 2025-09)")
        _usage("--period", period, lang, why=why)
    if year is not None and label.year != year:
        why = (f"(报告期的年份应是 --year {year})", f" (its year must be --year {year})")
        _usage("--period", period, lang, why=why)
    return label


@app.command()
def init(
    table: Annotated[str, typer.Argument(help="指标表(.csv 或 .xlsx,SPEC §8 的格式)", show_default=False)],
    name: Annotated[str | None, typer.Option("--name", help="方案名称(默认取表格文件名)")] = None,
    years: Annotated[str | None, typer.Option("--years", help="方案年度 首年-末年(默认由表推断),如 2021-2025")] = None,
    output: Annotated[str | None, typer.Option("-o", "--output", help="写入 targets.yaml 的目录(默认当前目录)")] = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """由指标表生成 targets.yaml(列出每个推断及其规则) / a targets.yaml from the plan's indicator table."""
    lg = _lang(lang)
    _check_output(output, lg, directory=True)
    span = _years_span(years, lg)
    directory = output if output is not None else "."
    if os.path.exists(directory) and not os.path.isdir(directory):
        _usage(
            "-o",
            directory,
            lg,
            why=("(应为目录,targets.yaml 写在其中)", " (a directory: targets.yaml is written in it)"),
        )
    dest = os.path.join(directory, "targets.yaml") if output is not None else "targets.yaml"
    if os.path.lexists(dest) and not force:  # before any work: nothing is written
        _die([Finding("XK120", dest)], lg)
    from xnkc.plan.infer import infer
    from xnkc.read.indicator_table import read_table
    from xnkc.render.findings import text as findings_text
    from xnkc.render.init_report import render_decisions, render_summary
    from xnkc.render.output import write_atomic
    from xnkc.render.targets_yaml import render_targets
    from xnkc.validation import check_written_plan

    try:
        plan = infer(read_table(table), name, span)
    except FindingsError as exc:
        _die(exc.findings, lg)
    text = render_targets(plan)
    # a year without a target (XK510, a note) is listed below with the rule that left it empty
    found = [f for f in plan.findings + check_written_plan(text, dest) if not (f.code == "XK510" and f.is_note)]
    if any(f.is_error for f in found):
        _die(found, lg)
    try:
        os.makedirs(directory, exist_ok=True)
        write_atomic(dest, text, force=force)
    except OSError as exc:
        from xnkc.common.stdio import os_error_args

        _die([Finding("XK121", dest, args=os_error_args(exc))], lg)
    except FindingsError as exc:
        _die(exc.findings, lg)
    sys.stdout.write(render_decisions(plan, lg) + render_summary(plan, dest, lg))
    sys.stderr.write(findings_text(found, lg))


def _years_span(years: str | None, lang: str) -> tuple[int, int] | None:
    """``--years FIRST-FINAL`` (also FIRST–FINAL, FIRST—FINAL) as (first, final)."""
    if years is None:
        return None
    import re

    m = re.fullmatch(r"\s*(\d{4})\s*[-–—~]\s*(\d{4})\s*", years)
    if not m or int(m.group(1)) > int(m.group(2)):
        why = (
            "(写成 首年-末年,首年不晚于末年,如 2021-2025)",
            " (write FIRST-FINAL, first not after final, e.g. 2021-2025)",
        )
        _usage("--years", years, lang, why=why)
    return int(m.group(1)), int(m.group(2))


_EXAMPLES = {  # what a value looks like, for the hint of a missing or malformed option value
    "--year": "--year 2025",
    "--unit": "--unit 市科技局",
    "--by": "--by unit",
    "--format": "--format json",
    "-f": "-f json",
    "--fail-on": "--fail-on missed,far_behind",
    "--behind-threshold": "--behind-threshold 0.9",
    "--region-targets": "--region-targets 分解目标.yaml",
    "--period": "--period 2025-Q3",
    "--lang": "--lang en",
    "--targets": "--targets my/targets.yaml",
    "--projects": "--projects my/projects.yaml",
    "-o": "-o report.csv",
    "--output": "--output report.csv",
    "--max-errors": "--max-errors 50",
    "--files-from": "--files-from list.txt",
    "--ignore": "--ignore XK502",
    "--years": "--years 2021-2025",
    "--name": "--name 示例县科技创新行动方案",
}


def _argv_lang(args: list[str]) -> str:
    """The language for a command line that could not be parsed: a valid ``--lang`` on it, else
    XNKC_LANG, else Chinese (SPEC §6: a bad ``--lang`` itself is reported in that language)."""
    for i, a in enumerate(args):
        value = (
            a.split("=", 1)[1]
            if a.startswith("--lang=")
            else (args[i + 1] if a == "--lang" and i + 1 < len(args) else None)
        )
        if value in ("zh", "en"):
            return value
    from xnkc.common.i18n import default_lang

    return default_lang()


def _usage_finding(exc: Exception, args: list[str]) -> Finding | None:
    """A click usage error as a finding in xnkc's own form (SPEC §6), or None (help shown)."""
    import re

    from xnkc.common.findings import suggest

    try:
        from typer._click import exceptions as ce
    except ImportError:  # pragma: no cover
        from click import exceptions as ce  # type: ignore[no-redef]

    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "xnkc"
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if isinstance(exc, ce.NoArgsIsHelpError):
        return None
    if isinstance(exc, ce.MissingParameter):
        param = exc.param
        name = (param.human_readable_name if param is not None else "").upper()
        if param is not None and param.param_type_name == "option":
            option = max(param.opts, key=len)
            return Finding("XK128", "", args={"option": option, "example": _EXAMPLES.get(option, "")})
        return Finding("XK125", "", args={"param": name, "usage": f"{command} {name} [OPTIONS]"})
    if isinstance(exc, ce.BadParameter):
        param = exc.param
        option = max(param.opts, key=len) if param is not None and param.opts else "?"
        if param is not None and param.param_type_name == "argument":
            option = param.human_readable_name.upper()
        raw = re.match(r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\S+)", exc.message or "")
        value = raw.group(1) if raw else ""
        if value[:1] in "'\"":
            import ast

            try:
                value = ast.literal_eval(value)
            except (ValueError, SyntaxError):
                value = value[1:-1]
        ptype = param.type if param is not None else None
        choices = getattr(ptype, "choices", None)
        if choices:
            names = [getattr(c, "value", c) for c in choices]
            return Finding(
                "XK127",
                "",
                args={
                    "option": option,
                    "value": value,
                    "choices": ", ".join(map(str, names)),
                    "suggest": suggest(str(value), [str(n) for n in names]),
                },
            )
        kind = getattr(ptype, "name", "")
        if "range" in (exc.message or "") and hasattr(ptype, "min"):  # IntRange/FloatRange: XK136, said in both
            zh, en = _range_words(ptype)
            args = {"option": option, "value": value, "range_zh": zh, "range_en": en}
            return Finding("XK136", "", args={**args, "example": _EXAMPLES.get(option, "")})
        if kind in ("integer", "int", "float"):
            zh, en = ("整数", "a whole number") if kind != "float" else ("数字", "a number")
            return Finding(
                "XK129",
                "",
                args={
                    "option": option,
                    "value": value,
                    "kind_zh": zh,
                    "kind_en": en,
                    "example": _EXAMPLES.get(option, ""),
                },
            )
        return Finding("XK123", "", args={"option": option, "detail": exc.message or message})
    if isinstance(exc, ce.NoSuchOption):
        options = sorted(
            {o for p in (ctx.command.params if ctx is not None else []) for o in p.opts if o.startswith("-")}
        )
        hint = (exc.possibilities or [None])[0] or suggest(exc.option_name, options)
        if not hint and ctx is not None and ctx.parent is None:  # `xnkc --lang en check …`: an option of a command
            having = [
                cmd
                for cmd in app_commands()
                if any(exc.option_name in p.opts for p in getattr(ctx.command.get_command(ctx, cmd), "params", []))  # type: ignore[attr-defined]
            ]
            named = [cmd for cmd in having if cmd in args] or having
            hint = f"xnkc {named[0]} … {exc.option_name}" if named else ""
        return Finding("XK126", "", args={"command": command, "option": exc.option_name, "suggest": hint or ""})
    if isinstance(exc, ce.BadOptionUsage) and "requires" in message:
        return Finding("XK128", "", args={"option": exc.option_name, "example": _EXAMPLES.get(exc.option_name, "")})
    m = re.match(r"No such command '(.*?)'\.", message)
    if m:
        return Finding("XK115", "", args={"name": m.group(1), "suggest": suggest(m.group(1), sorted(app_commands()))})
    m = re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message)
    if m:
        return Finding("XK116", "", args={"command": command, "args": m.group(1)})
    return Finding("XK117", "", args={"detail": message, "command": command})


def _range_words(ptype: object) -> tuple[str, str]:
    """A click range (``min=1``) in words: ("应不小于 1", "must be ≥ 1")."""
    zh, en = [], []
    low, high = getattr(ptype, "min", None), getattr(ptype, "max", None)
    if low is not None:
        strict = getattr(ptype, "min_open", False)
        zh.append(f"{'大于' if strict else '不小于'} {low}")
        en.append(f"{'>' if strict else '≥'} {low}")
    if high is not None:
        strict = getattr(ptype, "max_open", False)
        zh.append(f"{'小于' if strict else '不大于'} {high}")
        en.append(f"{'<' if strict else '≤'} {high}")
    return "应" + "且".join(zh), "must be " + " and ".join(en)


def app_commands() -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands if c.callback is not None]


def _app_for(args: list[str]) -> typer.Typer:
    """The command tree this run needs: the root and the one command named on the line.

    typer builds every command's parameters from its annotations on each run (~1 ms a command);
    ``--version`` needs no command at all. Only ``xnkc``, ``--help``, shell completion or a word
    that is no command (a "did you mean" needs every name) get the whole tree. A command's usage, help and errors are the same in
    both trees: it is the same function under the same root.
    """
    words = [a for a in args if a != "--debug"]
    if not words or os.environ.get("_XNKC_COMPLETE"):
        return app
    if words[0] == "--version":  # answered by the root before any command is looked at
        chosen = []
    else:
        chosen = [c for c in app.registered_commands if (c.name or getattr(c.callback, "__name__", "")) == words[0]]
        if not chosen:
            return app
    lean = typer.Typer(**_APP_SETTINGS)  # type: ignore[arg-type]
    lean.registered_callback = app.registered_callback
    lean.registered_commands = chosen
    return lean


def main() -> None:
    """Entry point: exit codes 0/1/2 as SPEC §6; anything unexpected is exit 3, never a traceback."""
    try:  # typer ≥ 0.2x vendors click; older releases use click itself
        from typer._click.exceptions import ClickException
    except ImportError:  # pragma: no cover
        from click.exceptions import ClickException  # type: ignore[no-redef]
    from xnkc.common.stdio import (
        ReaderGone,
        StdoutError,
        guard_stderr,
        guard_stdout,
        reserve_standard_descriptors,
        silence_stdout,
    )

    reserve_standard_descriptors()  # a closed fd 1 or 2 is never reused by a file xnkc opens
    guard_stderr()  # a closed or full stderr loses the messages, never the exit code
    guard_stdout()  # a closed or full stdout becomes a finding, not a traceback
    args = sys.argv[1:]
    debug = "--debug" in args or bool(os.environ.get("XNKC_DEBUG"))
    if debug:  # accepted anywhere on the line, as the internal-error message suggests
        args = ["--debug", *(a for a in args if a != "--debug")]
    lang = _argv_lang(args)
    try:
        try:
            rv = _app_for(args)(args=args, standalone_mode=False, prog_name="xnkc")
        finally:
            sys.stdout.flush()  # a full disk shows here: before the exit code is decided
    except typer.Exit as exc:
        code = exc.exit_code
    except StdoutError as exc:
        from xnkc.render import findings as ff

        sys.stderr.write(ff.text([exc.finding()], lang))
        silence_stdout()
        code = EXIT_UNUSABLE
    except (ReaderGone, BrokenPipeError):  # `| head`: the reader has had enough
        silence_stdout()
        code = EXIT_OK
    except ClickException as exc:
        finding = _usage_finding(exc, args)
        if finding is None:
            try:
                exc.show()
            except Exception:  # help that cannot be shown does not change the exit code
                pass
        else:
            from xnkc.render import findings as ff

            sys.stderr.write(ff.text([finding], lang))
        code = EXIT_UNUSABLE
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("xnkc: interrupted\n")
        code = 130
    except FindingsError as exc:  # a loader error that a command did not catch
        from xnkc.render import findings as ff

        sys.stderr.write(ff.text(exc.findings, lang))
        code = EXIT_UNUSABLE
    except Exception as exc:
        if debug:
            import traceback

            traceback.print_exc()
        from xnkc.render import findings as ff

        detail = f"{type(exc).__name__}: {exc}"
        sys.stderr.write(ff.text([Finding("XK900", "", args={"error": detail[:300]})], lang))
        code = EXIT_INTERNAL
    else:
        code = rv if isinstance(rv, int) else EXIT_OK
    sys.exit(code)
