"""The error catalog: every finding code, its slug, severity and message templates (zh, en).

A finding's message and hint are rendered from these templates and the finding's ``args``;
``docs/errors.md`` documents the same table (a test keeps them in step).
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    slug: str
    severity: str  # "error" | "warning" | "note"
    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""


DID_YOU_MEAN = ("你是不是想写 {suggest}?", "did you mean {suggest}?")

CATALOG: dict[str, Entry] = {
    # -- reading a file (XK1xx) ---------------------------------------------------------
    "XK100": Entry(
        "file-not-found", "error", "找不到文件", "no such file", "检查路径和文件名", "check the path and the file name"
    ),
    "XK101": Entry(
        "duplicate-key",
        "error",
        "重复的键 {key!r}(第 {first_line} 行已出现),其中一个值会丢失",
        "duplicate key {key!r} (first on line {first_line}); one of the two values would be lost",
        "删除或合并其中一行",
        "delete or merge one of the two lines",
    ),
    "XK102": Entry(
        "yaml-syntax",
        "error",
        "YAML 语法错误:{problem_zh}",
        "YAML syntax error: {problem}",
        "检查缩进、冒号后的空格和引号是否成对",
        "check indentation, the space after each colon and matching quotes",
    ),
    "XK103": Entry(
        "alias-not-allowed",
        "error",
        "不允许使用 YAML 别名(*{name})",
        "YAML aliases (*{name}) are not allowed",
        "把数值直接写出来,不要用 &锚点/*别名",
        "write the value out instead of using &anchors/*aliases",
    ),
    "XK104": Entry(
        "file-too-large",
        "error",
        "文件过大({size} 字节,上限 {limit})",
        "file too large ({size} bytes, limit {limit})",
        "一次报送一个年度/单位的数据",
        "submit one year or unit per file",
    ),
    "XK105": Entry(
        "nesting-too-deep",
        "error",
        "嵌套层数超过 {limit} 层",
        "nesting deeper than {limit} levels",
        "实际数据文件只需要 3–4 层嵌套",
        "an actuals file needs only 3–4 levels",
    ),
    "XK106": Entry(
        "bad-encoding",
        "error",
        "无法识别文件编码(既不是 UTF-8 也不是 GB18030/GBK)",
        "cannot decode the file (neither UTF-8 nor GB18030/GBK)",
        "用“UTF-8”编码另存为",
        "save the file again as UTF-8",
    ),
    "XK107": Entry(
        "binary-file",
        "error",
        "这是二进制文件,不是 YAML 文本",
        "this is a binary file, not YAML text",
        "Excel/WPS 填报表请保存为 .xlsx 或 .csv(xnkc 直接读取),或使用 `xnkc template` 生成模板",
        "save a spreadsheet as .xlsx or .csv (xnkc reads them), or start from `xnkc template`",
    ),
    "XK108": Entry(
        "empty-file",
        "error",
        "文件为空",
        "the file is empty",
        "至少需要 values: 部分",
        "at least a values: block is needed",
    ),
    "XK109": Entry(
        "not-a-mapping",
        "error",
        "文件顶层应为映射(键: 值),实际是{got}",
        "the top level must be a mapping (key: value), got {got}",
        "参见 README 中的数据文件示例",
        "see the example file in the README",
    ),
    "XK110": Entry(
        "is-a-directory",
        "error",
        "这是一个目录,不是文件",
        "this is a directory, not a file",
        "给出目录中的 .yaml 文件",
        "name a .yaml file inside it",
    ),
    "XK111": Entry(
        "permission-denied",
        "error",
        "没有读取权限",
        "permission denied",
        "检查文件权限(chmod +r)",
        "check the file permissions (chmod +r)",
    ),
    "XK112": Entry(
        "tag-not-allowed",
        "error",
        "不允许使用 YAML 标签 {tag}",
        "YAML tag {tag} is not allowed",
        "去掉 !! 标签,直接写数值",
        "remove the !! tag and write the plain value",
    ),
    "XK113": Entry("complex-key", "error", "键必须是简单的文字或数字", "keys must be plain text or numbers"),
    "XK114": Entry("read-error", "error", "读取失败:{error_zh}", "cannot read: {error_en}"),
    # -- schema (XK2xx) -----------------------------------------------------------------
    "XK201": Entry("unknown-field", "error", "未知字段 {field!r}", "unknown field {field!r}", *DID_YOU_MEAN),
    "XK202": Entry("missing-field", "error", "缺少必填字段 {field!r}", "missing required field {field!r}"),
    "XK203": Entry("wrong-type", "error", "类型不对:{detail_zh}(实际是 {got!r})", "wrong type: {detail} (got {got!r})"),
    "XK204": Entry("invalid-value", "error", "取值无效:{detail_zh}", "invalid value: {detail}"),
    # -- actuals values (XK3xx) -----------------------------------------------------------
    "XK301": Entry(
        "unknown-statistic",
        "error",
        "未知的指标或统计量 {key!r}",
        "unknown indicator or statistic {key!r}",
        *DID_YOU_MEAN,
    ),
    "XK302": Entry(
        "not-a-number",
        "error",
        "{key} 的值 {value!r} 不是数字",
        "value {value!r} of {key} is not a number",
        "只写数字,例如 705;单位见 `xnkc targets`",
        "write a plain number such as 705; units: see `xnkc targets`",
    ),
    "XK303": Entry(
        "boolean-value",
        "error",
        "{key} 的值 {value!r} 被读成了布尔值,不是数字",
        "value {value!r} of {key} reads as a boolean, not a number",
        "填写数字;“是/否”类的值不适用于统计指标",
        "write a number; yes/no does not apply to a statistic",
    ),
    "XK304": Entry(
        "not-finite",
        "error",
        "{key} 的值 {value!r} 不是有限数",
        "value {value!r} of {key} is not a finite number",
        "NaN/无穷大不能作为统计值",
        "NaN and infinity are not statistics",
    ),
    "XK305": Entry(
        "negative-value",
        "error",
        "{key} 的值 {value} 为负数,该指标不能为负(只有增长率可以)",
        "value {value} of {key} is negative; only growth rates can be",
        "检查符号",
        "check the sign",
    ),
    "XK306": Entry(
        "percent-not-allowed",
        "error",
        "{key} 的单位是 {unit},不能写百分数 {value!r}",
        "{key} is measured in {unit}; a percent value {value!r} is not allowed",
        "去掉 %",
        "drop the %",
    ),
    "XK307": Entry(
        "ambiguous-number",
        "error",
        "{key} 的值 {value!r} 有歧义:{why_zh}",
        "value {value!r} of {key} is ambiguous: {why_en}",
        "写成普通十进制数,例如 {suggest}",
        "write a plain decimal number, e.g. {suggest}",
    ),
    "XK308": Entry(
        "year-out-of-range",
        "error",
        "{year!r} 不是 {low}–{high} 之间的年份",
        "{year!r} is not a year between {low} and {high}",
        "年份写成四位数字,例如 2025",
        "write the year as four digits, e.g. 2025",
    ),
    "XK309": Entry(
        "bad-period",
        "error",
        "报告期 {value!r} 格式不对",
        "period {value!r} is not valid",
        "写成 2025、2025-Q3、2025-H1 或 2025-09",
        "write 2025, 2025-Q3, 2025-H1 or 2025-09",
    ),
    "XK310": Entry(
        "period-year-mismatch",
        "error",
        "报告期 {period} 的年份不是 values 中最新的年份 {latest}",
        "the year of period {period} is not the latest year under values ({latest})",
        # period before the latest year: drop the later data; after it: add that year (issue 8)
        "把报告期改成 {latest} 年,或{action_zh} {other} 年的数据",
        "set the period to {latest}, or {action_en} the {other} values",
    ),
    "XK311": Entry(
        "unit-mismatch",
        "error",
        "{key} 的单位是 {unit},但数值写的是 {value!r}",
        "{key} is measured in {unit}, but the value says {value!r}",
        "只写数字(单位为 {unit})",
        "write the number alone (unit: {unit})",
    ),
    "XK312": Entry("unknown-region", "error", "未知区域 {key!r}", "unknown region {key!r}", *DID_YOU_MEAN),
    "XK313": Entry(
        "unknown-project",
        "error",
        "{projects_zh} 中没有序号为 {key!r} 的项目(1–{count})",
        "{projects_en} has no project {key!r} (1–{count})",
    ),
    "XK314": Entry(
        "bad-project-status",
        "error",
        "项目状态 {value!r} 无效",
        "project status {value!r} is not valid",
        "可选:planned/规划、under_construction/在建、completed/建成、stalled/停滞",
        "one of planned/规划, under_construction/在建, completed/建成, stalled/停滞",
    ),
    "XK315": Entry(
        "duplicate-statistic",
        "error",
        "{key} 在同一年中出现了两次(另见第 {first_line} 行的 {other!r})",
        "{key} is given twice in one year (see {other!r} on line {first_line})",
        "只保留一个",
        "keep only one",
    ),
    "XK316": Entry(
        "no-values",
        "error",
        "values 中没有任何数据",
        "values holds no data",
        "至少填写一个数值(每个单位要填的项目见 `xnkc template --unit 单位`)",
        "fill in at least one value (what a unit reports: `xnkc template --unit UNIT`)",
    ),
    "XK319": Entry(
        "value-out-of-range",
        "error",
        "{key} 的值 {value!r} 超出可处理的范围(绝对值不超过 1e12)",
        "value {value!r} of {key} is out of range (magnitude at most 1e12)",
        "检查单位和位数",
        "check the unit and the number of digits",
    ),
    "XK320": Entry(
        "digit-mark-in-number",
        "error",
        "{key} 的值 {value!r} 含有 {char}({codepoint} {charname}):脚注、上标、圈码不是数字,不会当作数字读",
        "value {value!r} of {key} contains {char} ({codepoint} {charname}): footnote marks, superscripts and "
        "circled numbers are not digits and are not read as digits",
        "若 {char} 是脚注标记,删去它,写成 {suggest};说明可写在 note 字段",
        "if {char} is a footnote mark, drop it and write {suggest}; put the remark in a note field",
    ),
    "XK321": Entry(
        "non-ascii-digits",
        "error",
        "{key} 的值 {value!r} 用了 0–9 以外的数字 {char}({codepoint} {charname})",
        "value {value!r} of {key} uses a digit other than 0–9: {char} ({codepoint} {charname})",
        "用 0–9(或全角 ０–９)书写,例如 {suggest}",
        "write it with 0–9 (or full-width ０–９), e.g. {suggest}",
    ),
    "XK322": Entry(
        "space-in-number",
        "error",
        "{key} 的值 {value!r} 的数字中间有空格:是一个数,还是两个数?",
        "value {value!r} of {key} has a space inside the number: one number or two?",
        "若是一个数,去掉空格写成 {suggest};若不是,只留正确的那个",
        "if it is one number, write {suggest} without the space; if not, keep only the right one",
    ),
    "XK323": Entry(
        "unit-converted",
        "note",
        "{key} 的值 {value!r} 写的是 {from_unit},已按 1 {from_unit} = {factor} {unit} 换算为 {converted} {unit}",
        "value {value!r} of {key} is written in {from_unit}; converted to {converted} {unit} "
        "(1 {from_unit} = {factor} {unit})",
        "核对换算结果;也可以直接填 {converted}",
        "check the conversion; or write {converted} directly",
    ),
    "XK317": Entry(
        "three-year-total-key",
        "error",
        "{key} 是 {first}—{final} {years_zh}合计的承诺,一年的数值说不清是当年还是累计",
        "{key} is a {first}–{final} total; one year's figure would be ambiguous (that year or so far?)",
        "每年的数值请用 {indicator}({name})报送,xnkc 自动累计",
        "report each year's figure as {indicator} ({name}); xnkc adds them up",
    ),
    "XK318": Entry(
        "year-not-reported",
        "error",
        "文件中没有 {year} 年的数据(已有:{years})",
        "the file has no values for {year} (present: {years})",
    ),
    # -- regions and 分解目标 (XK33x) ------------------------------------------------------------
    "XK330": Entry(
        "region-not-in-file",
        "note",
        "文件中没有 {region} 的分区域数据(regions.{region}),{unit} 的各行没有数值",
        "the file has no figures for {region} (regions.{region}); the rows of {unit} have no values",
        "县市区的数值写在 regions: {{{region}: {{年份: {{…}}}}}} 下(见 xnkc template --unit {unit})",
        "a region's figures go under regions: {{{region}: {{year: {{…}}}}}} (see xnkc template --unit {unit})",
    ),
    "XK331": Entry(
        "region-targets-not-actuals",
        "error",
        "这是分解目标文件(kind: region_targets),不是实际数据",
        "this is a region targets file (kind: region_targets), not actuals",
        "用 xnkc check 实际数据.yaml --region-targets 本文件;校验用 xnkc validate 本文件",
        "use xnkc check ACTUALS --region-targets THIS_FILE; to check it: xnkc validate THIS_FILE",
    ),
    "XK333": Entry(
        "statistic-has-no-target",
        "error",
        "{key}({name})是原始统计量,方案没有为它设目标",
        "{key} ({name}) is a raw statistic; the plan sets no target for it",
        "分解目标只写指标或正文承诺(xnkc targets 列出它们)",
        "region targets name indicators or commitments (listed by xnkc targets)",
    ),
    "XK334": Entry(
        "nothing-to-report",
        "error",
        "{unit} 没有需要填报的数据:它不牵头也不配合任何{indicator_zh}或带数字的正文承诺,模板会是空的,未生成",
        "{unit} has nothing to report: it leads or supports no {indicator_en} and no body-text promise"
        " with a figure, so no template was written",
        "方案交给它的工作没有量化目标,不用报送数据(xnkc targets --unit {unit} 说明);要全部指标的模板:不加 --unit",
        "its duties in the plan set no figure: there is nothing to submit (xnkc targets --unit {unit} says so);"
        " a template of every figure: leave out --unit",
    ),
    # -- cross-checks (XK4xx, warnings) -------------------------------------------------------
    "XK401": Entry(
        "derived-mismatch",
        "warning",
        "{key} 报送值 {reported} 与由 {components} 计算出的 {derived} 相差 {diff}",
        "{key} reported as {reported} but {components} give {derived} (difference {diff})",
        "核对报送值和分项统计",
        "check the reported value against its components",
    ),
    "XK402": Entry(
        "region-sum-mismatch",
        "warning",
        "{key} 全市值 {city} 与各区域合计 {total} 相差超过 0.5%",
        "{key}: city value {city} differs from the regions' sum {total} by more than 0.5%",
        "核对全市与各县市区数据",
        "check the city and region figures",
    ),
    "XK404": Entry(
        "regions-incomplete",
        "note",
        "{key} 只有 {n}/{total} 个区域({regions})报送,部分合计不作为全市值;全市该项无数据",
        "{key}: only {n} of {total} regions ({regions}) report it; a partial sum is not the city value, "
        "so the city has no data for it",
        "全市值请直接填写在 values 下,或由全部 {total} 个区域报送",
        "give the city value under values, or have all {total} regions report it",
    ),
    "XK403": Entry(
        "value-beyond-plan",
        "warning",
        "{key} 的值 {value} 不太可能({why_zh})",
        "value {value} of {key} looks implausible ({why_en})",
        "核对单位和小数点,例如 {suggest}",
        "check the unit and the decimal point, e.g. {suggest}",
    ),
    "XK405": Entry(
        "implausible-magnitude",
        "warning",
        "{key} 的值 {value} {unit} 与预期的 {expected} {unit}({basis_zh})相差约 {times} 倍,不太可能",
        "value {value} {unit} of {key} is about {times} times off the expected {expected} {unit} ({basis_en})",
        "核对单位({unit})和位数",
        "check the unit ({unit}) and the number of digits",
    ),
    "XK406": Entry(
        "unit-slip",
        "warning",
        "{key} 的值 {value} {unit} 与预期的 {expected} {unit}({basis_zh})相差约 {times} 倍,像是按 {other_unit} 填的",
        "value {value} {unit} of {key} is about {times} times off the expected {expected} {unit} ({basis_en}); "
        "written in {other_unit}?",
        "{value} {other_unit} = {converted} {unit}?若是,请填 {converted}",
        "{value} {other_unit} = {converted} {unit}? If so, write {converted}",
    ),
    # -- the plan's own consistency (XK5xx) ----------------------------------------------------
    "XK501": Entry(
        "unknown-unit", "error", "未登记的责任单位 {name!r}", "unknown responsible unit {name!r}", *DID_YOU_MEAN
    ),
    "XK502": Entry(
        "plan-contradiction",
        "warning",
        "方案自相矛盾:{clause}“{text}”与 {source} 的目标 {targets} 不一致({relation_zh})",
        "the plan contradicts itself: {clause} “{text}” vs {source} targets {targets} ({relation_en})",
        "数据按原文保留;请专班办公室确认以哪一处为准",
        "the data keeps both as printed; ask the plan's office which one holds",
    ),
    "XK503": Entry(
        "broken-link", "error", "{what} 引用了不存在的 {ref!r}", "{what} refers to unknown {ref!r}", *DID_YOU_MEAN
    ),
    "XK504": Entry(
        "responsible-mismatch",
        "error",
        "{what} 的 lead/support 与责任单位原文“{responsible}”不一致",
        "{what}: lead/support do not match the 责任单位 text “{responsible}”",
        "按原文解析应为 lead={lead} support={support}",
        "parsed from the text: lead={lead} support={support}",
    ),
    "XK505": Entry("duplicate-id", "error", "重复的标识 {id!r}", "duplicate id {id!r}"),
    "XK506": Entry(
        "bad-sequence",
        "error",
        "序号应为 1..{count} 各一次,实际是 {got}",
        "seq must be 1..{count} once each, got {got}",
    ),
    "XK507": Entry(
        "unlinked-needs-kind",
        "error",
        "未关联指标的承诺 {id!r} 必须给出 kind 和 better",
        "commitment {id!r} links no indicator, so it needs kind and better",
    ),
    "XK508": Entry(
        "no-unit-conversion",
        "warning",
        "{what}:单位 {a} 与 {b} 之间没有换算关系",
        "{what}: no conversion between {a} and {b}",
        "在 unit_conversions 中登记",
        "declare it under unit_conversions",
    ),
    "XK509": Entry(
        "whitespace-in-name",
        "error",
        "名称 {name!r} 中有空白(排版残留)",
        "name {name!r} contains whitespace (an extraction artefact)",
        "删除空白",
        "remove the whitespace",
    ),
    "XK510": Entry(
        "missing-target",
        "note",
        "{id} 没有 {year} 年目标:该年只显示数值,状态为“无目标”",
        "{id} has no target for {year}: that year's value is shown, with status no_target",
        "指标表该年确无目标则无需处理;漏填的请补上",
        "nothing to do if the plan sets none that year; add it if it was left out",
    ),
    "XK511": Entry(
        "no-targets",
        "error",
        "{id} 没有任何年度目标",
        "{id} has no target in any year",
        "在 targets 中至少写一年的目标,如 {{{final}: 100}}",
        "give at least one year's target, e.g. {{{final}: 100}}",
    ),
    # -- the plan's horizon, plan.years (issue 9; engineer H: XK540–XK542) ------------------------
    "XK540": Entry(
        "target-outside-horizon",
        "error",
        "{id} 的 {year} 年目标在方案年度 {first}—{final} 之外",
        "{id} has a target for {year}, outside the plan's years {first}–{final}",
        "核对 plan.years 与该指标的 targets:年份应在 {first}—{final} 之间",
        "check plan.years and the indicator's targets: years run {first}–{final}",
    ),
    "XK541": Entry(
        "no-horizon",
        "error",
        "plan.years 未给出方案年度",
        "plan.years gives no plan years",
        "写成 years: [首年, 末年](或逐年列出)",
        "write years: [first, final] (or every year)",
    ),
    "XK543": Entry(
        "milestone-without-target",
        "error",
        "{id} 的 {field} 写了 {year} 年,但该年没有目标",
        "{id} lists {year} in {field}, a year without a target",
        "{field} 只能写 targets 中已有的年份",
        "{field} may name only years that have a target",
    ),
    "XK544": Entry(
        "base-year-in-horizon",
        "error",
        "{id} 的基期值年份 {year} 不在方案首年 {first} 之前",
        "{id} has a base-year value for {year}, not before the plan's first year {first}",
        "基期值是方案开始前的统计数,年份应早于 {first}",
        "a base-year value is a statistic from before the plan: its year comes before {first}",
    ),
    "XK545": Entry(
        "approx-without-tolerance",
        "error",
        "{id} 的 {year} 年目标是“左右/约”,但没有给出容差",
        "{id}'s {year} target is approximate (左右/约) but has no tolerance",
        "写 tolerance(该行单位)或 tolerance_share(占目标的比例)",
        "give tolerance (in the row's unit) or tolerance_share (a share of the target)",
    ),
    "XK542": Entry(
        "old-name",
        "note",
        "{field}: {old!r} 是旧名称,现写作 {new!r}(仍可读取)",
        "{field}: {old!r} is the older name of {new!r} (still read)",
        "改为 {new}",
        "write {new}",
    ),
    # -- internal --------------------------------------------------------------------------
    "XK900": Entry(
        "internal-error",
        "error",
        "内部错误(internal error):{error}",
        "internal error: {error}",
        "这是 xnkc 的缺陷:请连同命令和输入文件报告(--debug 显示 traceback)",
        "a bug in xnkc: please report it with the command and the input file (--debug shows the traceback)",
    ),
}

CATALOG.update(
    {
        "XK120": Entry(
            "output-exists",
            "error",
            "输出文件已存在,未覆盖",
            "the output file exists; not overwritten",
            "加 --force 覆盖",
            "add --force to overwrite",
        ),
        "XK121": Entry(
            "output-failed", "error", "无法写入输出文件:{error_zh}", "cannot write the output file: {error_en}"
        ),
        "XK122": Entry(
            "shipped-data",
            "error",
            "不能写入随包发布的方案数据文件",
            "refusing to write over the shipped plan data",
            "写到别的路径",
            "write somewhere else",
        ),
        "XK123": Entry(
            "bad-option", "error", "{option} 无效:{detail}{why_zh}", "invalid {option}: {detail}{why_en}", *DID_YOU_MEAN
        ),
    }
)

# -- the command line and its output (engineer B: XK115–XK119, XK124–XK129) ------------------
CATALOG.update(
    {
        "XK115": Entry(
            "unknown-command",
            "error",
            "没有这个命令 {name!r}",
            "no such command {name!r}",
            "你是不是想写 {suggest}?(全部命令:xnkc --help)",
            "did you mean {suggest}? (all commands: xnkc --help)",
        ),
        "XK116": Entry(
            "extra-argument",
            "error",
            "{command} 不接受多余的参数 {args}",
            "{command} takes no extra argument {args}",
            "用法见 {command} --help",
            "see {command} --help",
        ),
        "XK117": Entry(
            "usage-error",
            "error",
            "命令行用法错误:{detail}",
            "command-line usage error: {detail}",
            "用法见 {command} --help",
            "see {command} --help",
        ),
        "XK118": Entry(
            "output-is-directory",
            "error",
            "输出路径是一个目录,不是文件",
            "the output path is a directory, not a file",
            "-o 后写文件名;只有 check --by unit 或 --by region 时 -o 才是目录(每个单位或区域一个文件)",
            "give -o a file name; -o names a directory only with check --by unit or --by region (one file each)",
        ),
        "XK119": Entry(
            "output-not-a-directory",
            "error",
            "--by {by} 时 -o 应是目录(每个{what_zh}一个文件),但这是一个已有的文件",
            "with --by {by}, -o names a directory (one file per {what_en}), but this is an existing file",
            "换一个目录名(不存在时会自动创建)",
            "name a directory instead (it is created if missing)",
        ),
        "XK124": Entry(
            "output-unwritable",
            "error",
            "无法写出结果(标准输出):{error_zh}",
            "could not write the output (standard output): {error_en}",
            "检查输出重定向的目标:是否已关闭、磁盘是否已满;或用 -o 写入文件",
            "check where standard output goes (closed? disk full?), or write a file with -o",
        ),
        "XK125": Entry(
            "missing-argument",
            "error",
            "缺少参数 {param}",
            "missing argument {param}",
            "用法:{usage}",
            "usage: {usage}",
        ),
        "XK126": Entry(
            "unknown-option",
            "error",
            "{command} 没有选项 {option}",
            "{command} has no option {option}",
            "你是不是想写 {suggest}?",
            "did you mean {suggest}?",
        ),
        "XK127": Entry(
            "bad-choice",
            "error",
            "{option} 的值 {value!r} 无效",
            "invalid value {value!r} for {option}",
            "可选:{choices}",
            "one of: {choices}",
        ),
        "XK128": Entry(
            "option-needs-value",
            "error",
            "{option} 需要一个值(没有给出或为空)",
            "{option} needs a value (none or an empty one was given)",
            "例如 {example}",
            "e.g. {example}",
        ),
        "XK129": Entry(
            "option-not-a-number",
            "error",
            "{option} 的值 {value!r} 不是{kind_zh}",
            "{option}: {value!r} is not {kind_en}",
            "例如 {example}",
            "e.g. {example}",
        ),
    }
)

# -- option values, one file per check, standard input, --by region -o (engineer F: XK135–XK139) --
CATALOG.update(
    {
        "XK135": Entry(
            "bad-status",
            "error",
            "--fail-on 的值 {value!r} 不是状态",
            "--fail-on: {value!r} is not a status",
            "可选:{choices_zh}",
            "one of: {choices_en}",
        ),
        "XK136": Entry(
            "out-of-range",
            "error",
            "{option} 的值 {value} 超出范围:{range_zh}",
            "{option} {value} is out of range: {range_en}",
            "例如 {example}",
            "e.g. {example}",
        ),
        "XK137": Entry(
            "no-regions-written",
            "note",
            "文件中没有 regions(分区域)数据,--by region -o {dir} 没有写出任何文件",
            "the file has no regions block; --by region -o {dir} wrote no file",
            "县市区的数值写在 regions: {{区域: {{年份: {{…}}}}}} 下(见 xnkc template --unit 通城县)",
            "a region's figures go under regions: {{region: {{year: {{…}}}}}} (see xnkc template --unit 通城县)",
        ),
        "XK138": Entry(
            "one-actuals-file",
            "error",
            "check 的参数都是文件,这些不是:{value}",
            "check's arguments are files; these are not: {value}",
            "状态请用 --fail-on 给出(如 --fail-on missed)",
            "give statuses with --fail-on (e.g. --fail-on missed)",
        ),
        "XK139": Entry(
            "stdin-read-once",
            "error",
            "标准输入(-)只能读一次,却给出了 {count} 次",
            "standard input (-) can be read only once, but it was given {count} times",
            "只用一次 -(--files-from - 也算一次),其他文件写路径",
            "use - once (--files-from - counts too) and name the other files by path",
        ),
    }
)

# -- an indicator table read by xnkc init (SPEC §8; XK550–XK569) --------------------------------
CATALOG.update(
    {
        "XK550": Entry(
            "table-bad-cell",
            "error",
            "无法读取目标 {value!r}",
            "cannot read the target {value!r}",
            "写成数字(可带 %、单位“{unit}”、比较词如 ≥、以上、左右、前N位),无目标写 — 或留空",
            "write a number (with %, the unit {unit!r}, words such as ≥, 以上, 左右, 前N位); — or empty for no target",
        ),
        "XK551": Entry(
            "table-words-disagree",
            "error",
            "{value!r} 中的比较词 {words} 含义矛盾",
            "the words {words} in {value!r} disagree",
            "只保留一种比较方式,如“达到1.8%以上”",
            "keep one comparator, e.g. 达到1.8%以上",
        ),
        "XK552": Entry(
            "table-no-name-header",
            "error",
            "表中没有指标名称列(表头应为 指标、指标名称 或 主要指标)",
            "the table has no name column (its header must be 指标, 指标名称 or 主要指标)",
            "表头与单元格按原样精确比较(忽略空白),请改正表头",
            "headers are compared exactly (whitespace ignored): correct the header",
        ),
        "XK553": Entry(
            "table-no-year-column",
            "error",
            "表头 {header!r} 所在行及其下一行都没有年份列(如 2025年、2025年目标、2020年(基期))",
            "the header row of {header!r} (and the row below) has no year column (2025年, 2025年目标, 2020年(基期))",
            "给每个目标年一列,列名为 YYYY 或 YYYY年目标",
            "give each target year a column headed YYYY or YYYY年目标",
        ),
        "XK554": Entry(
            "table-duplicate-header",
            "error",
            "表头 {header!r} 重复(与 {other} 相同)",
            "duplicate header {header!r} (the same as {other})",
            "删除或改名其中一列",
            "delete or rename one of the columns",
        ),
        "XK555": Entry(
            "table-header-not-read",
            "warning",
            "表头 {header!r} 含年份,但既不是目标年列也不是基期列:未读取",
            "the header {header!r} has a year but is neither a target year nor a base year: not read",
            "目标年列写作 YYYY年目标,基期列写作 YYYY年(基期)",
            "head a target year YYYY年目标 and a base year YYYY年(基期)",
        ),
        "XK556": Entry(
            "xlsx-unreadable",
            "error",
            "无法读取工作簿:{error}",
            "cannot read the workbook: {error}",
            "用 Excel/WPS 另存为 .xlsx(或 CSV)后重试",
            "save it again as .xlsx (or CSV) from Excel/WPS and retry",
        ),
        "XK557": Entry(
            "xlsx-encrypted",
            "error",
            "工作簿有密码保护(已加密),无法读取",
            "the workbook is password-protected (encrypted) and cannot be read",
            "在 Excel/WPS 中取消密码后另存,或另存为 CSV",
            "remove the password in Excel/WPS and save again, or save as CSV",
        ),
        "XK558": Entry(
            "needs-openpyxl",
            "error",
            "读取或生成 .xlsx 需要 openpyxl,当前未安装",
            "reading or writing .xlsx needs openpyxl, which is not installed",
            "pip install 'xnkc[excel]'(或另存为 CSV)",
            "pip install 'xnkc[excel]' (or save the table as CSV)",
        ),
        "XK559": Entry(
            "table-direction-disagree",
            "error",
            "{name} 的目标方向矛盾:{cells}",
            "the targets of {name} disagree about the direction: {cells}",
            "一行的比较词应同为“以上/超过”(越高越好)或同为“以下/以内”(越低越好),并与方向列一致",
            "a row's words all say higher (以上, 超过) or all lower (以下, 以内), as its 方向 column does",
        ),
        "XK560": Entry(
            "table-bad-kind",
            "error",
            "类型 {value!r} 无效",
            "invalid 类型/kind {value!r}",
            "可选:level(存量)、cumulative(累计)、annual(年度)、ratio(比重)、growth(增长率)、rank(排名)",
            "one of: level, cumulative, annual, ratio, growth, rank",
        ),
        "XK561": Entry(
            "table-bad-direction",
            "error",
            "方向 {value!r} 无效",
            "invalid 方向/better {value!r}",
            "可选:越高越好(higher)、越低越好(lower)",
            "one of: 越高越好 (higher), 越低越好 (lower)",
        ),
        "XK562": Entry(
            "table-bad-tolerance",
            "error",
            "容差 {value!r} 无效",
            "invalid tolerance (容差) {value!r}",
            "写成该行单位的数值(如 0.5)或目标的百分比(如 5%)",
            "write a value in the row's unit (0.5) or a share of the target (5%)",
        ),
        "XK563": Entry(
            "table-row-without-target",
            "warning",
            "{name} 没有任何目标或基期值:未写入",
            "{name} has no target and no base-year value: not written",
            "若是分组标题行可忽略;否则填写目标",
            "ignore it for a section heading; else fill in its targets",
        ),
        "XK565": Entry(
            "table-year-outside-years",
            "error",
            "{year} 年的目标列在 --years {first}-{final} 之外",
            "the target column for {year} is outside --years {first}-{final}",
            "放宽 --years,或删去该列",
            "widen --years, or delete the column",
        ),
        "XK564": Entry(
            "table-not-a-table",
            "error",
            "不是指标表:应为 .csv 或 .xlsx 文件",
            "not an indicator table: give a .csv or .xlsx file",
            "用 Excel/WPS 另存为 .xlsx 或 CSV",
            "save it as .xlsx or CSV from Excel/WPS",
        ),
    }
)

# -- fill-in forms: .xlsx workbooks and CSV files (SPEC §9; XK600–XK629; a file that is no workbook, an encrypted one and a missing openpyxl
# are XK556–XK558, as for xnkc init's tables) ----------------------
CATALOG.update(
    {
        "XK600": Entry(
            "workbook-too-large",
            "error",
            "工作簿过大(解压后 {size} 字节、{parts} 个部件,上限 {limit} 字节、{max_parts} 个),可能是压缩炸弹",
            "workbook too large ({size} bytes in {parts} parts uncompressed; limits {limit} bytes, {max_parts} parts);"
            " possibly a zip bomb",
            "填报表只需要一张工作表;删除多余的工作表、图片后重新保存",
            "a form needs one sheet: delete extra sheets and pictures and save again",
        ),
        "XK601": Entry(
            "no-header-row",
            "error",
            "找不到表头行:没有内容为 id 的单元格",
            "no header row: no cell reads id",
            "表头行要有 id 列(指标代码或指标名称);用 xnkc template --format xlsx 生成填报表",
            "the header row needs an id column (indicator id or name); start from xnkc template --format xlsx",
        ),
        "XK602": Entry(
            "no-value-column",
            "error",
            "表头行没有按年份填写数值的列(如 2025、2025年、2025年实际)",
            "the header row has no value column for a year (such as 2025, 2025年, 2025年实际)",
            "数值列的表头写年份,例如 2025年实际",
            "head each value column with its year, e.g. 2025年实际",
        ),
        "XK603": Entry(
            "unreadable-year-column",
            "error",
            "表头 {header!r} 含有年份,但不是可以读取的数值列",
            "header {header!r} names a year but is not a value column xnkc reads",
            "数值列写 2025、2025年、2025年实际、2025年完成或2025年数据;目标列写 2025年目标;其他列的表头不要带年份",
            "value columns read 2025, 2025年, 2025年实际, 2025年完成 or 2025年数据; targets 2025年目标;"
            " other headers must not name a year",
        ),
        "XK604": Entry(
            "duplicate-column",
            "error",
            "表头 {header!r} 与 {other} 是同一列(同一年份或同一列名出现两次),其中一列的数值会丢失",
            "header {header!r} repeats the column at {other} (the same year or name twice); one column would be lost",
            "删除或合并其中一列",
            "delete or merge one of the two columns",
        ),
        "XK605": Entry(
            "value-without-id",
            "error",
            "这一行填了数值 {value!r},但 id 列是空的",
            "this row has a value ({value!r}) but its id cell is empty",
            "在 id 列填指标代码或指标名称,或者删除这个数值",
            "fill in the id (an indicator id or name), or delete the value",
        ),
        "XK606": Entry(
            "formula-without-value",
            "error",
            "公式 {formula} 没有保存计算结果,读不出数值",
            "formula {formula} has no saved result; its value cannot be read",
            "在 Excel/WPS 中打开并保存一次(由程序生成的文件不含公式结果),或直接填写数字",
            "open and save the file in Excel/WPS (files made by programs carry no results), or type the number",
        ),
        "XK607": Entry(
            "xlsx-needs-output",
            "error",
            "xlsx 填报表是二进制文件,不写到标准输出:需要用 -o 指定文件名",
            "an xlsx form is a binary file and is not written to standard output: name a file with -o",
            "例如 -o {example}",
            "e.g. -o {example}",
        ),
    }
)

# -- combining several submissions (SPEC §9; XK620–XK649) ------------------------------------
CATALOG.update(
    {
        "XK620": Entry(
            "combine-conflict",
            "error",
            "{key}({year}{place})与 {there} 的值不同:{value} ≠ {other_value};两个值都不采用",
            "{key} ({year}{place}) differs from {there}: {value} ≠ {other_value}; neither is used",
            "与报送单位核实后改正其中一个文件",
            "check with the reporting units and correct one of the files",
        ),
        "XK621": Entry(
            "combine-in-year-earlier-year",
            "error",
            "报告期 {period} 是 {year} 年的年内数据,但合并后的最新年度是 {latest}:年内累计数不能当作全年数",
            "period {period} is year-to-date data for {year}, but the latest year combined is {latest}:"
            " year-to-date figures are not full-year values",
            "报送 {year} 年的全年数(period: {year}),或去掉这个文件",
            "submit {year}'s full-year figures (period: {year}), or leave this file out",
        ),
        "XK622": Entry(
            "combine-mixed-periods",
            "error",
            "报告期 {period} 与 {there} 的报告期 {other_period} 不同:同一年度的年内数据须为同一报告期",
            "period {period} differs from {there}'s period {other_period}: in-year files of one year"
            " must cover the same period",
            "统一报告期后再合并",
            "give all in-year files of the year the same period",
        ),
        "XK623": Entry(
            "combine-superseded",
            "note",
            "{year} 年的全年数据 {full} 取代了年内文件 {files}(整份文件不再采用)",
            "{year}'s full-year file {full} supersedes the in-year file(s) {files} (those files are left out whole)",
        ),
        "XK624": Entry(
            "combine-period-missing",
            "error",
            "合并多个文件时,含 {year} 年数据的文件必须写明 period",
            "when files are combined, a file with data for {year} must state its period",
            "在文件开头写 period: {year}(全年)或 {year}-Q3 等",
            "add period: {year} (full year) or {year}-Q3 etc. at the top of the file",
        ),
        "XK625": Entry(
            "no-submissions-in-directory",
            "error",
            "目录中没有可读的报送文件(*.yaml、*.yml、*.xlsx、*.csv)",
            "no submission files (*.yaml, *.yml, *.xlsx, *.csv) in the directory",
            "检查目录;以 . 或 ~$ 开头的文件和分解目标文件不计",
            "check the directory; dot files, ~$ lock files and region targets files are skipped",
        ),
        "XK626": Entry(
            "merge-not-written",
            "error",
            "有 {count} 处冲突,未写出合并文件 {out}",
            "{count} conflict(s): the merged file {out} was not written",
            "先解决上面列出的冲突",
            "resolve the conflicts listed above first",
        ),
    }
)

# -- the reports people read: html, xlsx, docx (issue 11; XK650–XK659) ----------------------------
CATALOG.update(
    {
        "XK650": Entry(
            "report-needs-extra",
            "error",
            "--format {format} 需要 {package},但没有安装",
            "--format {format} needs {package}, which is not installed",
            "pip install 'xnkc[office]'(或 'xnkc[excel]')",
            "pip install 'xnkc[office]' (or 'xnkc[excel]')",
        ),
        "XK651": Entry(
            "report-needs-output",
            "error",
            "--format {format} 生成的是二进制文件,不写到标准输出:需要用 -o 指定文件名",
            "--format {format} makes a binary file, which is not written to standard output: name a file with -o",
            "例如 -o {example}",
            "e.g. -o {example}",
        ),
    }
)
