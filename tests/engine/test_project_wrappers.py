"""Close functions defined in one file of a project and called in another: ``close_with(ws, 1006)``
with ``def close_with(ws, code): ws.close(code)`` in closing.py (core/scan/project.py's wrappers,
``wscode check``'s project pass). Each project under tests/engine/wrapper_projects marks the lines
that must give a finding with ``expect: WSCnnn``; every other line must give none."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engine.test_project import checked, marked
from wscodes.check import files
from wscodes.core.scan import ProjectIndex, scan
from wscodes.core.scan.project import defines_function, wrapper_candidates

PROJECTS = Path(__file__).parent / "wrapper_projects"
ROOTS = sorted(p for p in PROJECTS.iterdir() if p.is_dir())
CONSTANTS = Path(__file__).parent / "projects"  # (test_project.py: constants from other files)
BOTH = ROOTS + sorted(p for p in CONSTANTS.iterdir() if p.is_dir())


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_check_resolves_close_functions_from_other_files(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = marked(root)
    assert expected
    if shutil.which("rg") is not None:
        assert checked(capsys, root) == expected
    with monkeypatch.context() as m:  # without ripgrep Python lists and reads the tree itself
        m.setattr(files, "_tool", lambda name: None if name == "rg" else shutil.which(name))
        assert checked(capsys, root) == expected


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_wscode_check_end_to_end(root: Path, tmp_path: Path) -> None:
    """The installed command, in a subprocess, on a copy of the project (paths relative to it)."""
    copy = tmp_path / root.name
    shutil.copytree(root, copy)
    result = subprocess.run(
        [sys.executable, "-m", "wscodes", "check", "--output-format", "json", "."],
        capture_output=True, text=True, cwd=copy, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    found = {(row["path"], row["line"], row["rule"]) for row in json.loads(result.stdout)}
    expected = {(str(Path(p).relative_to(root)), line, rule) for p, line, rule in marked(root)}
    assert found == expected


def run_check(cwd: Path, *args: str, stdin: str | None = None) -> set[tuple[str, int, str]]:
    result = subprocess.run(
        [sys.executable, "-m", "wscodes", "check", "--output-format", "json", *args],
        capture_output=True, text=True, cwd=cwd, timeout=120, check=False, input=stdin,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    return {(row["path"], row["line"], row["rule"]) for row in json.loads(result.stdout)}


@pytest.mark.parametrize("root", BOTH, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_one_file_or_stdin_uses_the_rest_of_its_project(root: Path, tmp_path: Path) -> None:
    """``wscode check FILE`` and ``wscode check - --stdin-filename FILE`` find what the check of the
    whole tree finds in that file: the project around it (its wscodes.toml marks the root) is
    searched for the close functions and constants it uses (ruff's convention for one file)."""
    copy = tmp_path / root.name
    shutil.copytree(root, copy)
    expected = {(str(Path(p).relative_to(root)), line, rule) for p, line, rule in marked(root)}
    for name in sorted({p for p, _line, _rule in expected}):
        mine = {row for row in expected if row[0] == name}
        assert run_check(copy, name) == mine
        assert run_check(copy, "-", "--stdin-filename", name, stdin=(copy / name).read_text()) == mine


def test_each_file_alone_finds_nothing_and_exports_its_close_functions() -> None:
    caller = (PROJECTS / "go_app" / "relay.go").read_text(encoding="utf-8")
    helper = (PROJECTS / "go_app" / "conn.go").read_text(encoding="utf-8")
    assert [o for o in scan(caller, "go").occurrences if o.role == "send"] == []
    (spec,) = scan(helper, "go").wrapper_specs
    assert (spec.name, spec.position, spec.markers) == ("fail", 0, ("gorilla/websocket",))
    index = ProjectIndex()
    index.add_wrappers("conn.go", "go", [spec])
    sends = [(o.code, o.api) for o in scan(caller, "go", project=index).occurrences if o.role == "send"]
    assert (1006, "fail → websocket.FormatCloseMessage") in sends
    # 1005 through gorilla's FormatCloseMessage is legal: the note comes from the helper's file
    notes = [o.library_note for o in scan(caller, "go", project=index).occurrences if o.code == 1005]
    assert notes and all(n and "gorilla" in n for n in notes)


def test_a_close_function_is_known_only_in_its_language_group() -> None:
    index = ProjectIndex()
    closes = scan("def fail(ws, code):\n    ws.close(code)\n", "python").wrapper_specs
    index.add_wrappers("c.py", "python", closes)
    assert index.wrapper_names("fail(ws, 1006)\n", "python") == ["fail"]
    assert index.wrapper_names("fail(ws, 1006);\n", "javascript") == []


def test_two_definitions_that_disagree_or_a_rival_make_the_name_unsure() -> None:
    index = ProjectIndex()
    one = scan("def fail(ws, code):\n    ws.close(code)\n", "python").wrapper_specs
    other = scan("def fail(code, ws):\n    ws.close(code)\n", "python").wrapper_specs
    index.add_wrappers("a.py", "python", one)
    assert index.wrapper_names("fail(ws, 1006)", "python") == ["fail"]
    index.add_wrappers("b.py", "python", other)
    assert index.wrapper_names("fail(ws, 1006)", "python") == []  # positions 1 and 0
    index.remove_file("b.py")
    index.add_functions("c.py", "def fail(test, why):\n    raise AssertionError(why)\n", "python", {"fail"})
    assert index.wrapper_names("fail(ws, 1006)", "python") == []  # a fail() that does not close


def test_a_number_that_does_not_read_as_a_close_code_is_not_taken_across_files() -> None:
    index = ProjectIndex()
    closes = scan("def stop(ws, code):\n    ws.close(code)\n", "python").wrapper_specs
    index.add_wrappers("a.py", "python", closes)
    found = scan("def f(ws):\n    stop(ws, 5)\n    stop(ws, 1006)\n", "python", project=index).occurrences
    assert [o.code for o in found] == [1006]


def test_which_functions_the_editor_looks_for() -> None:
    text = (
        "fail(ws, 1006)\nconn.closeWith(CloseCode.abnormal)\nlink.shut(code: .abnormalClosure)\n"
        "setTimeout(tick, 1000)\nadd(3, 4)\nbye(WS_LOST)\n"
        "def own(code):\n    pass\nown(1006)\n"
    )
    assert wrapper_candidates(text) == {"fail", "closeWith", "shut", "bye"}
    assert defines_function("func (c *Conn) fail(code int) {", "fail")
    assert defines_function("    public static async Task CloseWith(WebSocket s, int c)\n    {", "CloseWith")
    assert not defines_function("    fail(ws, 1006);\n", "fail")


COUNTING = [
    ("cpp", "enum Closing {\n    kNormal = 1000,\n    kAway,  // 1001\n    kNoStatus = 1005,\n    kLost\n};",
     {("Closing", "kAway", 1001), ("Closing", "kLost", 1006)}),
    ("objc", "typedef NS_ENUM(NSInteger, ARTClose) {\n    ARTCloseNormal = 1000,\n    ARTCloseAway,\n};\n",
     {("ARTClose", "ARTCloseAway", 1001)}),
    ("typescript", "export enum Bye {\n  Done = 1000,\n  Away,\n}\n", {("Bye", "Away", 1001)}),
    ("csharp", "enum Bye : ushort\n{\n    Done = 1000,\n    Away,\n}\n", {("Bye", "Away", 1001)}),
    ("rust", "enum Bye {\n    Done = 1000,\n    Away,\n}\n", {("Bye", "Away", 1001)}),
    ("cpp", "enum Mixed {\n    kA = 1000,\n    kB = kA + 5,\n    kC,\n};\n", set()),  # not plain: none
    ("go", "const (\n\tA = 1000\n\tB\n)\n", set()),  # (Go's iota repeats the expression: not counted)
]  # fmt: skip


@pytest.mark.parametrize(("language", "text", "implicit"), COUNTING, ids=[c[0] for c in COUNTING])
def test_enum_members_without_a_value_count_on(
    language: str, text: str, implicit: set[tuple[str, str, int]]
) -> None:
    from wscodes.core.scan.project import definitions

    found = {(d.owner, d.name, d.value) for d in definitions(text, language)}
    counted = {f for f in found if f"{f[1]} =" not in text}  # the members written without a value
    assert counted == implicit


def test_a_folder_no_marker_makes_a_project_is_searched_without_its_subfolders(tmp_path: Path) -> None:
    """A file checked where nothing marks a project (a scratch folder, a home folder) is checked
    with the files beside it, not with everything below its folder: `wscode check ~/notes.py` must
    not read the whole home folder."""
    closer = "async def close_with(ws, code):\n    await ws.close(code)\n"
    caller = "from closer import close_with\n\n\nasync def on_timeout(ws):\n    await close_with(ws, 1006)\n"
    beside, below = tmp_path / "beside", tmp_path / "below"
    beside.mkdir()
    (beside / "closer.py").write_text(closer)
    (beside / "handlers.py").write_text(caller)
    assert run_check(beside, "handlers.py") == {("handlers.py", 5, "WSC001")}
    (below / "lib").mkdir(parents=True)
    (below / "lib" / "closer.py").write_text(closer)
    (below / "handlers.py").write_text(caller)
    assert run_check(below, "handlers.py") == set()
    (below / "wscodes.toml").write_text("")  # a marked project is searched whole
    assert run_check(below, "handlers.py") == {("handlers.py", 5, "WSC001")}
