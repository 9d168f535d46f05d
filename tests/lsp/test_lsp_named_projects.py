"""Hover on a name that another file of the project defines as a close code
(``throw new ParserException(CloseCode::PROTOCOL_ERROR, …)`` with ``CloseCode`` in
src/CloseCode.php): through the language server over stdio, and through ``wscodes.lsp.project.resolve``
(the same path, called directly) on every line of the projects under tests/lsp/named_projects.

Each line there that must hover says so with ``hover <code> …``; every other line of a file that
uses the names must hover nothing (comments, strings, imports, a member of another type, an enum of
other numbers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lsprotocol import types

from tests.lsp.lsp_helpers import open_doc, position_of, session, uri_for, wait_for_diagnostics
from wscodes.core.scan import language_for, scan
from wscodes.lsp import project

PROJECTS = Path(__file__).parent / "named_projects"
_HOVER = re.compile(r"hover((?: \d{4})+)")
ROOTS = sorted(p for p in PROJECTS.iterdir() if p.is_dir())


def marks(path: Path) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = _HOVER.search(line)
        if m:
            out[number] = {int(code) for code in m.group(1).split()}
    return out


def using_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and language_for(p.name) and marks(p))


def hovered(root: Path, path: Path) -> dict[int, set[int]]:
    """line -> the codes that hover on it, as the language server computes them."""
    project.forget()
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    result = project.resolve(str(path), text, language, scan(text, language))
    out: dict[int, set[int]] = {}
    for occ in result.occurrences:
        out.setdefault(text.count("\n", 0, occ.start) + 1, set()).add(occ.code)
    return out


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_names_from_other_files_hover_where_marked_and_nowhere_else(root: Path) -> None:
    files = using_files(root)
    assert files
    for path in files:
        assert hovered(root, path) == marks(path), path.name
        # without the project, the file alone knows none of them
        text = path.read_text(encoding="utf-8")
        alone = scan(text, language_for(path.name) or "")
        assert not any(o.api.startswith("named: ") for o in alone.occurrences)


def test_a_name_two_files_bind_to_different_codes_hovers_nothing(tmp_path: Path) -> None:
    (tmp_path / "wscodes.toml").write_text("")
    (tmp_path / "a.php").write_text(
        "<?php\nfinal class CloseCode\n{\n    public const NORMAL = 1000;\n    public const AWAY = 1001;\n}\n"
    )
    (tmp_path / "b.php").write_text(
        "<?php\nfinal class Close\n{\n    public const NORMAL = 1001;\n    public const AWAY = 1001;\n}\n"
    )
    use = "<?php\nfunction f() {\n    g(NORMAL_X, \\NORMAL);\n    return [CloseCode::NORMAL, AWAY];\n}\n"
    (tmp_path / "use.php").write_text(use)
    found = hovered(tmp_path, tmp_path / "use.php")
    # CloseCode::NORMAL: its owner says which; bare NORMAL: two codes, none; AWAY: both say 1001
    assert found == {4: {1000, 1001}}


HOVERS = {  # project: (file, language id, where to hover, its code, what the hover says)
    "php_app": (
        "src/Parser.php",
        "php",
        "CloseCode::TOO_BIG",
        "1009",
        "TOO_BIG is 1009 in src/CloseCode.php",
    ),
    "c_app": ("src/conn.c", "c", "CLOSE_PROTOCOL_ERROR:", "1002", "compared with a received close code"),
    "ts_app": ("src/client.ts", "typescript", "CloseCode.GoingAway", "1001", "is 1001 in src/codes.ts"),
    "kotlin_app": (
        "Session.kt",
        "kotlin",
        "SocketStatus.POLICY_VIOLATION",
        "1008",
        "is 1008 in SocketStatus.kt",
    ),
}


@pytest.mark.parametrize("name", sorted(HOVERS))
async def test_the_editor_hovers_a_name_another_file_defines(name: str) -> None:
    relative, language_id, needle, code, where = HOVERS[name]
    path = PROJECTS / name / relative
    text = path.read_text(encoding="utf-8")
    async with session(PROJECTS / name) as client:
        uri = uri_for(path)
        open_doc(client, uri, text, language_id)
        await wait_for_diagnostics(client, uri)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(text, needle, delta=len(needle) - 3),
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.value.startswith(f"**{code} ")
        assert where in hover.contents.value
        # a comment naming the same constant hovers nothing
        comment = text.index("// hover")
        quiet = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(text, text[comment : comment + 8], delta=4),
            )
        )
        assert quiet is None


def test_the_defining_file_opened_first_does_not_hide_its_names_from_the_others() -> None:
    root = PROJECTS / "lua_app"
    project.forget()
    for name in ("close.lua", "conn.lua"):  # close.lua asks for its own names first
        path = root / name
        text = path.read_text(encoding="utf-8")
        result = project.resolve(str(path), text, "lua", scan(text, "lua"))
        named = [o for o in result.occurrences if o.api.startswith("named: ")]
        if name == "close.lua":
            assert named == []  # (its own definitions are not uses)
        else:
            assert sorted(o.code for o in named) == [1000, 1002]
    project.forget()
