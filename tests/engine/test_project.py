"""Constants defined in one file of a project and sent as a close code in another (core/scan/project.py,
and ``wscode check``'s project pass): the projects under tests/engine/projects mark each line that
must give a finding with ``expect: WSCnnn``; every other line must give none."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from wscodes.check import cli as check_cli
from wscodes.check import files
from wscodes.core.rules import RuleConfig, analyse
from wscodes.core.scan import ProjectIndex, language_for, scan
from wscodes.core.scan.names import name_code
from wscodes.core.scan.project import constant_like, definitions, guards
from wscodes.core.teamcodes import builtin_registry

PROJECTS = Path(__file__).parent / "projects"
_EXPECT = re.compile(r"expect: ((?:WSC\d{3}\s*)+)")


def marked(root: Path) -> set[tuple[str, int, str]]:
    out = set()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or language_for(path.name) is None:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = _EXPECT.search(line)
            if m:
                out |= {(str(path), number, rule) for rule in m.group(1).split()}
    return out


def checked(capsys: pytest.CaptureFixture[str], root: Path) -> set[tuple[str, int, str]]:
    capsys.readouterr()
    check_cli.main(["--format", "json", "--jobs", "1", str(root)])
    rows = json.loads(capsys.readouterr().out)
    return {(row["path"], row["line"], row["rule"]) for row in rows}


ROOTS = sorted(p for p in PROJECTS.iterdir() if p.is_dir())


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_check_resolves_constants_from_other_files(
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
def test_each_file_alone_cannot_tell_and_says_which_names(root: Path) -> None:
    """Without the other files the findings differ, and the files list what they could not resolve."""
    alone: set[tuple[str, int, str]] = set()
    unresolved: set[str] = set()
    for path in sorted(root.rglob("*")):
        language = language_for(path.name)
        if not path.is_file() or language is None:
            continue
        text = path.read_text(encoding="utf-8")
        analysis = analyse(text, language, builtin_registry(), RuleConfig(), windowed=True)
        alone |= {(str(path), text.count("\n", 0, f.start) + 1, f.rule) for f in analysis.findings}
        unresolved |= set(analysis.scan.unresolved)
    assert alone != marked(root)
    assert unresolved


def test_definitions_skip_locals_and_know_their_owner() -> None:
    text = "LIMIT = 4000\nclass Codes:\n    AWAY = 1001\ndef f():\n    LIMIT = 1006\n    return LIMIT\n"
    found = {(d.owner, d.name, d.value) for d in definitions(text, "python")}
    assert found == {(None, "LIMIT", 4000), ("Codes", "AWAY", 1001)}


EACH_LANGUAGE = [
    ("typescript", "export enum Bye {\n  Lost = 1006,\n  Done = 1000,\n}\n",
     {("Bye", "Lost", 1006), ("Bye", "Done", 1000)}),
    ("javascript", "const Codes = Object.freeze({\n  LOST: 1006,\n});\n", {("Codes", "LOST", 1006)}),
    ("go", "const (\n\tbye = 1001\n\tLost StatusCode = 1006\n)\n",
     {(None, "bye", 1001), (None, "Lost", 1006)}),
    ("kotlin", "class K {\n    companion object {\n        const val GONE = 1001\n    }\n}\n",
     {("K", "GONE", 1001)}),
    ("php", "<?php\ndefine('WS_GONE', 1001);\nclass C {\n    const LOST = 1006;\n}\n",
     {(None, "WS_GONE", 1001), ("C", "LOST", 1006)}),
    ("rust", "pub const BYE: u16 = 1001;\nfn f() {\n    let BYE: u16 = 1006;\n}\n", {(None, "BYE", 1001)}),
    ("swift", "enum Bye: UInt16 {\n    case lost = 1006\n}\n", {("Bye", "lost", 1006)}),
]  # fmt: skip


@pytest.mark.parametrize(("language", "text", "expected"), EACH_LANGUAGE, ids=[e[0] for e in EACH_LANGUAGE])
def test_definitions_in_each_language(
    language: str, text: str, expected: set[tuple[str | None, str, int]]
) -> None:
    assert {(d.owner, d.name, d.value) for d in definitions(text, language)} == expected


def test_definitions_of_named_constants_only() -> None:
    text = "A = 1000\nB = 1001\nC = 1002\n"
    assert {d.name for d in definitions(text, "python", names={"B", "Z"})} == {"B"}
    assert list(definitions(text, "python", names={"Z"})) == []


def test_index_lookup_rules() -> None:
    index = ProjectIndex()
    index.add_file("a.py", "AWAY = 1001\nclass Codes:\n    LOST = 1006\n", "python")
    index.add_file("b.py", "class Other:\n    LOST = 1011\nTWICE = 1\n", "python")
    index.add_file("c.py", "TWICE = 2\n", "python")
    assert index.lookup("AWAY", "python") == 1001
    assert index.lookup("codes_module.AWAY", "python") == 1001
    assert index.lookup("Codes.LOST", "python") == 1006
    assert index.lookup("Other.LOST", "python") == 1011
    assert index.lookup("LOST", "python") is None  # two owners disagree
    assert index.lookup("TWICE", "python") is None  # two files disagree
    assert index.lookup("AWAY", "javascript") is None  # another language's constant
    index.add_file("c.py", "", "python")  # a file re-added replaces what it gave
    assert index.lookup("TWICE", "python") == 1
    index.remove_file("a.py")
    assert index.lookup("AWAY", "python") is None


def test_scan_uses_the_index_only_for_names_the_file_does_not_bind() -> None:
    index = ProjectIndex()
    index.add_file("codes.py", "LOST = 1006\nAWAY = 1001\n", "python")
    text = (
        "async def a(ws):\n"
        "    await ws.close(code=LOST)\n"
        "async def b(ws, LOST):\n"
        "    await ws.close(code=LOST)\n"
        "AWAY = compute()\n"
        "async def c(ws):\n"
        "    await ws.close(code=AWAY)\n"
    )
    alone = scan(text, "python")
    assert alone.occurrences == ()
    assert alone.unresolved == ("LOST",)  # AWAY is bound here (to something unknown)
    sends = [
        (o.code, text.count("\n", 0, o.start) + 1) for o in scan(text, "python", project=index).occurrences
    ]
    assert sends == [(1006, 2)]


@pytest.mark.parametrize(
    ("expression", "language", "expected"),
    [
        ("GOING_AWAY", "python", True),
        ("codes.GOING_AWAY", "python", True),
        ("CloseCode.normal", "swift", True),
        ("exc.code", "python", False),
        ("reason", "javascript", False),
        ("closeLost", "go", True),
        ("code", "go", False),
        ("conn.code", "go", False),
    ],
)
def test_which_names_may_be_project_constants(expression: str, language: str, expected: bool) -> None:
    assert constant_like(expression, language) is expected


def test_a_guarded_close_is_known_by_its_owner() -> None:
    index = ProjectIndex()
    guarded = "class Socket {\n    func close(code: Code) {\n"
    guarded += "        if n == 1005 || n == 1006 { n = 1000 }\n    }\n}\n"
    index.add_file("Socket.swift", guarded, "swift", {"close()"})
    assert index.guarded("close", "self.socket", "swift") is not None
    assert index.guarded("close", "peer", "swift") is None
    assert index.guarded("close", "socket", "kotlin") is None
    index.add_file("Socket.swift", guarded.replace("1006", "1011"), "swift", {"close()"})
    assert index.guarded("close", "socket", "swift", 1005) is not None  # a guard for 1005 alone:
    assert index.guarded("close", "socket", "swift", 1006) is None  # it guards 1005 only
    assert index.guarded("close", "socket", "swift") is None


def test_a_method_without_a_keyword_guards_the_codes_it_checks_for() -> None:
    # Java: a close method that sends a Close frame without a code for 1005 (its only guard)
    session = (
        "public class ChatSession implements Session {\n"
        "    public void closeInternal(Reason reason) throws IOException {\n"
        "        if (reason.getCode() == Codes.NO_STATUS_CODE.getCode()) {\n"
        "            channel.sendClose();\n"
        "        } else {\n"
        "            channel.sendClose(reason.getCode());\n"
        "        }\n"
        "    }\n"
        "}\n"
    )
    found = list(guards(session, "java", "ChatSession.java"))
    assert [(g.name, g.owner, g.codes) for g in found] == [("closeInternal", "ChatSession", (1005,))]
    index = ProjectIndex()
    index.add_file("ChatSession.java", session, "java", {"closeInternal()"})
    assert index.guarded("closeInternal", "session", "java", 1005) is not None  # (ChatSession)
    assert index.guarded("closeInternal", "session", "java", 1006) is None
    caller = (
        "class Frames {\n"
        "    void onClose(ChatSession session, boolean empty) throws IOException {\n"
        "        if (empty) {\n"
        "            session.closeInternal(new CloseReason(CloseCodes.NO_STATUS_CODE, null));\n"
        "        } else {\n"
        "            session.closeInternal(new CloseReason(CloseCodes.CLOSED_ABNORMALLY, null));\n"
        "        }\n"
        "    }\n"
        "}\n"
    )
    alone = scan(caller, "java")
    assert "closeInternal()" in alone.unresolved
    occurrences = scan(caller, "java", project=index).occurrences
    sends = {o.code: o.library_note for o in occurrences if o.role == "send"}
    assert sends[1006] is None  # not guarded: still a mistake
    assert sends[1005] is not None and "closeInternal" in sends[1005]


def test_names_that_libraries_give_different_codes_imply_none() -> None:
    # Spring's BAD_DATA is 1007, Ratchet's CLOSE_BAD_DATA 1003: "bad data" names neither for sure
    assert name_code("CLOSE_BAD_DATA", 1003) == (None, True)
    assert name_code("CLOSE_BAD_DATA", 1007) == (None, True)
    assert name_code("CLOSE_GOING_AWAY", 1000) == (1001, True)


def test_constants_built_by_a_status_type_or_carried_by_an_enum_member_resolve_across_files() -> None:
    # A close-status type whose companion object names its codes (http4k's shape), a Kotlin enum
    # whose members carry their code, and a Java enum read with getCode(): each in its own file.
    status = (
        "data class SocketStatus(val code: Int, val description: String) {\n"
        "    companion object {\n"
        '        val BYE = SocketStatus(1000, "Bye")\n'
        '        val LOST = SocketStatus(1006, "Lost")\n'
        '        val UNSET = SocketStatus(-1, "Unset")\n'
        "    }\n"
        "}\n"
        "val TIMEOUT = Duration(1006)\n"  # not a close-status type: no definition
    )
    kotlin_enum = "enum class Shutdown(val code: Int) {\n    CLEAN(1000),\n    TLS(1015),\n}\n"
    java_enum = "public enum Codes {\n    AWAY(1001),\n    LOST(1006);\n    Codes(int c) { }\n}\n"
    index = ProjectIndex()
    index.add_file("SocketStatus.kt", status, "kotlin")
    index.add_file("Shutdown.kt", kotlin_enum, "kotlin")
    index.add_file("Codes.java", java_enum, "java")
    assert index.lookup("SocketStatus.LOST", "kotlin") == 1006
    assert index.lookup("TIMEOUT", "kotlin") is None
    assert index.lookup("Shutdown.TLS", "kotlin") == 1015
    assert index.lookup("Codes.LOST", "java") == 1006
    sender = (
        "import org.example.SocketStatus.Companion.UNSET\n\n"
        "fun stop(it: Peer, ws: WebSocketSession) {\n"
        "    it.close(SocketStatus.LOST)\n"
        "    it.close(SocketStatus.BYE)\n"
        "    it.close(UNSET)\n"
        '    ws.close(Shutdown.TLS.code, "tls")\n'
        '    ws.close(Shutdown.CLEAN.code, "bye")\n'
        "    it.close(TIMEOUT)\n"
        "}\n"
    )
    assert scan(sender, "kotlin").occurrences == ()
    found = [
        (o.code, o.role, text_line(sender, o.start))
        for o in scan(sender, "kotlin", project=index).occurrences
    ]
    assert found == [
        (1006, "send", 4),
        (1000, "send", 5),
        (-1, "send", 6),
        (1015, "send", 7),
        (1000, "send", 8),
    ]
    java = 'class Stop {\n    void stop(Session s) {\n        s.close(Codes.LOST.getCode(), "x");\n    }\n}\n'
    assert [(o.code, o.role) for o in scan(java, "java", project=index).occurrences] == [(1006, "send")]


def text_line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
