"""Issue 8 point 7 (+ issue 13 point 4), SPEC §7: the plan cache cannot execute anything.

The cache is plain JSON checked against its key before use; a corrupt, foreign, truncated or
wrong-shaped entry is ignored and rebuilt; the key covers the plan files (real path, size,
mtime) and every module of xnkc; cached findings carry no paths; old entries are pruned.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sys
import zlib
from pathlib import Path

import pytest

import xnkc
from conftest import EXAMPLES, ROOT, run_xnkc
from xnkc.plan import cache as plancache
from xnkc.plan.load import data_dir, load_plan, shown_path

# the shipped plan and the code as this xnkc has them: the checkout's data/ and src/xnkc/ with an
# editable install, site-packages/xnkc/ with a plain one (CI)
DATA = data_dir().resolve()
PACKAGE = Path(xnkc.__file__).resolve().parent


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("XNKC_CACHE_DIR", str(d))
    monkeypatch.delenv("XNKC_NO_CACHE", raising=False)
    return d


def shipped() -> tuple[str, str]:
    base = data_dir()
    return shown_path(base / "targets.yaml"), shown_path(base / "projects.yaml")


def entries(d: Path) -> list[Path]:
    return sorted(d.glob("plan-*.json")) if d.is_dir() else []


class Boom:
    """Unpickling this creates ``path``: the proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def legacy_slot(tpath: str, ppath: str) -> str:
    """The file name xnkc 0.1.0 read its pickle from (plancache before this fix), so that a
    cache restored from that version is tried exactly where the old code would look."""
    from xnkc import __version__

    here = PACKAGE
    parts = [__version__, f"{sys.version_info[0]}.{sys.version_info[1]}", tpath, ppath]
    for p in (
        *(str(here / m) for m in ("read/models.py", "plan/load.py", "plan/checks.py", "common/catalog.py")),
        tpath,
        ppath,
    ):
        st = os.stat(ROOT / p)
        parts.append(f"{os.path.realpath(ROOT / p)}:{st.st_size}:{st.st_mtime_ns}")
    raw = "|".join(parts).encode()
    return f"plan-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.pickle"


def env(d: Path, **more: str) -> dict[str, str]:
    return {"XNKC_CACHE_DIR": str(d), "XNKC_NO_CACHE": "", **more}


# -- the format: JSON, key first, no paths in the findings -----------------------------------------


def test_entry_is_json_with_the_key_on_its_first_line_and_no_pickle(cache: Path) -> None:
    plan = load_plan()
    (entry,) = entries(cache)
    assert not list(cache.glob("*.pickle"))
    first, body = entry.read_text(encoding="utf-8").split("\n", 1)
    key = json.loads(first)
    # keyed by the plan files' real paths, and by the code
    assert str(DATA.resolve() / "targets.yaml") in key and str(DATA.resolve() / "projects.yaml") in key
    assert "yamlload.py=" in key and "calc.py=" in key
    data = json.loads(body)
    assert set(data) == {"targets", "projects", "findings"}
    # cached findings carry no paths: the plan file's name is nowhere in the body
    assert "targets.yaml" not in body and "projects.yaml" not in body
    assert [f["code"] for f in data["findings"]] == [f.code for f in plan.check_findings]
    assert all(f["file"] in ("targets", "projects") for f in data["findings"])


def test_a_hit_gives_the_same_plan_as_a_fresh_load(cache: Path) -> None:
    fresh = load_plan(use_cache=False)
    load_plan()  # writes the entry
    key = plancache.key_for(*shipped())
    assert key is not None
    hit = plancache.read(key, *shipped())
    assert hit is not None, "the entry just written must be readable"
    targets, projects, findings = hit
    assert targets == fresh.targets
    assert projects.projects == fresh.projects
    assert findings == fresh.check_findings
    again = load_plan()
    assert again.targets_doc is None  # it came from the cache
    assert again.targets == fresh.targets and again.check_findings == fresh.check_findings


def test_the_cache_is_used_only_under_its_own_key(cache: Path) -> None:
    """The entry is what the program uses when its key matches (so the key check matters)."""
    load_plan()
    (entry,) = entries(cache)
    first, body = entry.read_text(encoding="utf-8").split("\n", 1)
    data = json.loads(body)
    assert data["targets"]["indicators"][2]["id"] == "hitech_enterprises"
    data["targets"]["indicators"][2]["targets"]["2026"] = 801.0
    entry.write_text(first + "\n" + json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_plan().indicators["hitech_enterprises"].targets[2026] == 801.0
    # the same content under another key (another plan, older code) is never used
    entry.write_text(json.dumps(first + "x") + "\n" + json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_plan().indicators["hitech_enterprises"].targets[2026] == 800.0  # 附件1-3: 800 in 2026


# -- nothing planted in the cache directory runs ---------------------------------------------------


def test_a_planted_pickle_is_never_unpickled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "cache"
    d.mkdir()
    marker = tmp_path / "pwned"
    payload = pickle.dumps(("whatever key", Boom(marker)))
    monkeypatch.chdir(ROOT)
    tpath, ppath = shipped()  # the plan's paths as xnkc shows them when run from the repository
    key = plancache.key_for(tpath, ppath)
    slot = getattr(key, "slot", "plan-fedcba9876543210.json")  # this version's entry for the shipped plan
    example = str(EXAMPLES / "2025-annual.yaml")
    clean = run_xnkc("check", example, "--format", "json", cwd=ROOT, env=env(d, XNKC_NO_CACHE="1"))
    # where this version looks (a bare pickle, then the right key line with a pickle after
    # it), where xnkc 0.1.0 looked, and another name
    for planted in (payload, getattr(key, "line", "").encode() + payload):
        (d / slot).write_bytes(planted)
        (d / legacy_slot(tpath, ppath)).write_bytes(payload)
        (d / "plan-0123456789abcdef.pickle").write_bytes(payload)
        for _ in range(2):  # a miss that rebuilds, then a hit
            r = run_xnkc("check", example, "--format", "json", cwd=ROOT, env=env(d))
            assert not marker.exists(), "a pickle from the cache directory was loaded"
            assert (r.code, r.out) == (clean.code, clean.out)
            assert "Traceback" not in r.err
    v = run_xnkc("validate", cwd=ROOT, env=env(d))
    assert v.code == 0 and not marker.exists()
    # the pickles an older xnkc left are deleted, never read; the slot holds a JSON entry now
    assert not list(d.glob("*.pickle"))
    first, body = (d / slot).read_text(encoding="utf-8").split("\n", 1)
    assert json.loads(first).startswith("xnkc-plan-cache ")
    assert set(json.loads(body)) == {"targets", "projects", "findings"}


# -- corrupt, foreign, truncated, wrong-shaped: ignored and rebuilt --------------------------------


def _good_entry(cache: Path) -> tuple[Path, str, dict]:
    load_plan()
    (entry,) = entries(cache)
    first, body = entry.read_text(encoding="utf-8").split("\n", 1)
    return entry, first, json.loads(body)


def _mutations(data: dict) -> dict[str, object]:
    def changed(edit) -> dict:
        copy = json.loads(json.dumps(data))
        edit(copy)
        return copy

    def set_in(path: tuple, value: object):
        def edit(d: dict) -> None:
            for p in path[:-1]:
                d = d[p]
            d[path[-1]] = value

        return edit

    def drop(path: tuple):
        def edit(d: dict) -> None:
            for p in path[:-1]:
                d = d[p]
            del d[path[-1]]

        return edit

    ind = ("targets", "indicators", 2)
    return {
        "a list instead of the entry": [],
        "targets is a list": changed(set_in(("targets",), [])),
        "seq as text": changed(set_in((*ind, "seq"), "3")),
        "seq as a float": changed(set_in((*ind, "seq"), 3.0)),
        "seq as a bool": changed(set_in((*ind, "seq"), True)),
        "a target as text": changed(set_in((*ind, "targets", "2026"), "800")),
        "a target as a bool": changed(set_in((*ind, "targets", "2026"), True)),
        "a year key that is not a year": changed(set_in((*ind, "targets"), {"2026x": 800.0})),
        "a kind the models do not know": changed(set_in((*ind, "kind"), "stock")),
        "a name as a number": changed(set_in((*ind, "name"), 3)),
        "lead as a string": changed(set_in((*ind, "lead"), "市科技局")),
        "a lead unit as a number": changed(set_in((*ind, "lead"), [1])),
        "an unknown field": changed(set_in((*ind, "extra"), 1)),
        "a missing field": changed(drop((*ind, "unit"))),
        "an indicator that is a list": changed(set_in(ind, [])),
        "projects missing": changed(drop(("projects",))),
        "a finding code that does not exist": changed(set_in(("findings", 0, "code"), "XK999")),
        "a finding about another file": changed(set_in(("findings", 0, "file"), "/etc/passwd")),
        "a finding line as text": changed(set_in(("findings", 0, "line"), "454")),
        "findings as a dict": changed(set_in(("findings",), {})),
    }


def test_wrong_shaped_entries_are_ignored_and_rebuilt(cache: Path) -> None:
    entry, _, data = _good_entry(cache)
    fresh = load_plan(use_cache=False)
    assert data["findings"], "the shipped plan has its own known warning (XK502) to cache"
    for why, bad in _mutations(data).items():
        key = plancache.key_for(*shipped())
        assert key is not None
        entry.write_text(key.line + json.dumps(bad, ensure_ascii=False), encoding="utf-8")
        assert plancache.read(key, *shipped()) is None, why
        plan = load_plan()  # ignored, and rebuilt from the data files
        assert plan.targets == fresh.targets and plan.check_findings == fresh.check_findings, why
        assert plancache.read(plancache.key_for(*shipped()), *shipped()) is not None, f"{why}: rebuilt"


@pytest.mark.parametrize(
    "corrupt",
    [
        pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(lambda good: good.split(b"\n", 1)[0], id="key only"),
        pytest.param(lambda good: b"", id="empty"),
        pytest.param(lambda good: b"\xff\xfe\x00garbage\x80", id="not UTF-8"),
        pytest.param(lambda good: good.split(b"\n", 1)[0] + b"\n" + b"[" * 200_000, id="nested too deep"),
        pytest.param(lambda good: good.split(b"\n", 1)[0] + b"\nNaN", id="not an object"),
        pytest.param(lambda good: b'"xnkc-plan-cache 1 someone else"\n' + good.split(b"\n", 1)[1], id="foreign key"),
        pytest.param(lambda good: good.replace(b"\n", b"\r\n", 1), id="CRLF key line"),
    ],
)
def test_corrupt_or_foreign_entries_are_ignored_and_rebuilt(cache: Path, corrupt) -> None:
    entry, _, _ = _good_entry(cache)
    good = entry.read_bytes()
    entry.write_bytes(corrupt(good))
    key = plancache.key_for(*shipped())
    assert key is not None
    assert plancache.read(key, *shipped()) is None
    plan = load_plan()
    assert plan.targets == load_plan(use_cache=False).targets
    assert entry.read_bytes() == good  # rebuilt: the same entry as before


@pytest.mark.parametrize("kind", ["fifo", "directory", "huge"])
def test_an_entry_that_is_not_a_small_file_is_ignored(cache: Path, kind: str) -> None:
    """A FIFO planted where the entry goes would block a plain open(); a huge file would be read
    whole. Neither may hang or slow every later run: it is ignored and replaced."""
    load_plan()
    (entry,) = entries(cache)
    good = entry.read_bytes()
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "directory":
        entry.mkdir()
    else:
        entry.write_bytes(good.split(b"\n", 1)[0] + b"\n" + b" " * (plancache.MAX_ENTRY + 1))
    key = plancache.key_for(*shipped())
    assert key is not None and plancache.read(key, *shipped()) is None
    r = run_xnkc("validate", cwd=ROOT, env=env(cache))
    assert r.code == 0 and "Traceback" not in r.out + r.err
    if kind != "directory":  # a directory cannot be replaced by a file; it is left alone
        assert entry.is_file() and entry.read_bytes().startswith(b'"xnkc-plan-cache ')


def test_a_corrupt_entry_never_crashes_the_cli(tmp_path: Path) -> None:
    d = tmp_path / "cache"
    run_xnkc("validate", cwd=ROOT, env=env(d))
    (entry,) = entries(d)
    first = entry.read_text(encoding="utf-8").split("\n", 1)[0]
    entry.write_text(first + '\n{"targets": {"schema": "1"}, "projects": [], "findings": []}', encoding="utf-8")
    clean = run_xnkc(
        "check", str(EXAMPLES / "2025-annual.yaml"), "--format", "json", cwd=ROOT, env=env(d, XNKC_NO_CACHE="1")
    )
    r = run_xnkc("check", str(EXAMPLES / "2025-annual.yaml"), "--format", "json", cwd=ROOT, env=env(d))
    assert (r.code, r.out) == (clean.code, clean.out) and "Traceback" not in r.err


def test_an_unusable_cache_directory_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    r = run_xnkc("validate", cwd=ROOT, env=env(blocker))
    assert r.code == 0 and "Traceback" not in r.out + r.err


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    d = tmp_path / "cache"
    assert run_xnkc("validate", cwd=ROOT, env=env(d, XNKC_NO_CACHE="1")).code == 0
    assert not d.exists()


# -- the key ---------------------------------------------------------------------------------------


def copy_plan(where: Path) -> tuple[str, str]:
    where.mkdir(parents=True, exist_ok=True)
    t, p = where / "targets.yaml", where / "projects.yaml"
    shutil.copyfile(DATA / "targets.yaml", t)
    shutil.copyfile(DATA / "projects.yaml", p)
    return str(t), str(p)


def test_a_changed_data_file_changes_the_key(tmp_path: Path, cache: Path) -> None:
    t, p = copy_plan(tmp_path / "plan")
    first = plancache.key_for(t, p)
    assert first is not None and plancache.key_for(t, p).text == first.text  # stable
    st = os.stat(t)
    os.utime(t, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # mtime only
    second = plancache.key_for(t, p)
    assert second is not None and second.text != first.text
    assert second.slot == first.slot  # the same plan's entry is replaced, not added
    with open(p, "a", encoding="utf-8") as fh:  # size too
        fh.write("\n")
    third = plancache.key_for(t, p)
    assert third is not None and third.text != second.text
    # a plan loaded, then edited: the edit is seen, not the cached copy
    load_plan(t, p)
    text = (
        Path(t)
        .read_text(encoding="utf-8")
        .replace("targets: {2024: 650, 2025: 720, 2026: 800}", "targets: {2024: 650, 2025: 720, 2026: 810}")
    )
    Path(t).write_text(text, encoding="utf-8")
    assert load_plan(t, p).indicators["hitech_enterprises"].targets[2026] == 810.0


def test_the_key_uses_real_paths_and_the_entry_is_attached_at_use(tmp_path: Path, cache: Path) -> None:
    t, p = copy_plan(tmp_path / "plan")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "plan")
    a = plancache.key_for(t, p)
    b = plancache.key_for(str(link / "targets.yaml"), str(link / "projects.yaml"))
    assert a is not None and b is not None and (a.text, a.slot) == (b.text, b.slot)


def test_a_changed_code_file_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13 point 4: yamlload.py was left out of the key; now every module is in it."""
    t, p = copy_plan(tmp_path / "plan")
    code = tmp_path / "site" / "xnkc"
    shutil.copytree(PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(plancache, "__file__", str(code / "plan" / "cache.py"))
    before = plancache.key_for(t, p)
    assert before is not None
    for module in ("read/yamlload.py", "read/models.py", "plan/checks.py", "common/catalog.py", "render/records.py"):
        with open(code / module, "a", encoding="utf-8") as fh:
            fh.write("# changed\n")
        after = plancache.key_for(t, p)
        assert after is not None and after.text != before.text, module
        before = after
    (code / "newmodule.py").write_text("X = 1\n", encoding="utf-8")
    after = plancache.key_for(t, p)
    assert after is not None and after.text != before.text


def test_every_module_loading_a_plan_uses_is_in_the_key() -> None:
    probe = (
        "import sys, json\n"
        "from xnkc.plan.load import load_plan\n"
        "from xnkc.plan.checks import run_plan_checks\n"
        "load_plan(use_cache=False)\n"
        "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items()"
        " if n.startswith('xnkc') and getattr(m, '__file__', None))))\n"
    )
    import subprocess

    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    used = {os.path.realpath(f) for f in json.loads(out)}
    covered = {os.path.realpath(f) for f in plancache.code_files()}
    assert str(PACKAGE / "read" / "yamlload.py") in covered
    assert used <= covered, used - covered


# -- pruning ---------------------------------------------------------------------------------------


def test_pruning_keeps_a_few_entries(tmp_path: Path, cache: Path) -> None:
    plans = [copy_plan(tmp_path / f"plan{i}") for i in range(plancache.KEEP + 4)]
    for i, (t, p) in enumerate(plans):
        load_plan(t, p)
        assert len(entries(cache)) == min(i + 1, plancache.KEEP)
    # the most recently used are the ones kept: the last KEEP plans hit, the first misses
    kept = {plancache.key_for(t, p).slot for t, p in plans[-plancache.KEEP :]}
    assert {e.name for e in entries(cache)} == kept
    # editing one plan again and again replaces its own entry
    t, p = plans[-1]
    for n in range(5):
        st = os.stat(t)
        os.utime(t, ns=(st.st_atime_ns, st.st_mtime_ns + (n + 1) * 1_000_000))
        load_plan(t, p)
    assert len(entries(cache)) == plancache.KEEP


def test_a_test_run_worth_of_plans_does_not_grow_the_cache(tmp_path: Path) -> None:
    d = tmp_path / "cache"
    for i in range(12):
        t, p = copy_plan(tmp_path / f"p{i}")
        assert run_xnkc("validate", "--targets", t, "--projects", p, env=env(d)).code in (0, 1)
    assert 0 < len(entries(d)) <= plancache.KEEP


# -- cached findings render with the path the user gave --------------------------------------------


@pytest.mark.parametrize(
    ("cwd", "targets"),
    [  # four spellings of the shipped targets.yaml (a checkout's data/, or site-packages/xnkc/data/)
        (DATA.parent, "data/targets.yaml"),
        (DATA.parent, str(DATA / "targets.yaml")),
        (DATA.parent.parent, f"{DATA.parent.name}/data/targets.yaml"),
        (DATA, "targets.yaml"),
    ],
)
def test_cached_findings_render_with_the_right_path(tmp_path: Path, cwd: Path, targets: str) -> None:
    d = tmp_path / "cache"
    # fill the cache from elsewhere, under another spelling of the same file
    run_xnkc("validate", "--targets", str(DATA / "targets.yaml"), cwd=tmp_path, env=env(d))
    assert len(entries(d)) == 1
    for fmt in ("text", "json"):
        clean = run_xnkc("validate", "--targets", targets, "--format", fmt, cwd=cwd, env=env(d, XNKC_NO_CACHE="1"))
        cached = run_xnkc("validate", "--targets", targets, "--format", fmt, cwd=cwd, env=env(d))
        assert (cached.code, cached.out, cached.err) == (clean.code, clean.out, clean.err)
    assert len(entries(d)) == 1  # one entry served every spelling
    found = json.loads(cached.out)["warnings"]
    xk502 = next(f for f in found if f["code"] == "XK502")
    assert xk502["file"] == targets
    assert f"({targets}:" in xk502["message"]  # the other row it names, in the same file
