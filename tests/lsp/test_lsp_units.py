"""The server's own pieces, without a client: document edits, occurrence lookup, settings, hover text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from wscodes.core.registry import classify
from wscodes.core.scan import scan
from wscodes.core.teamcodes import ProjectRegistry, load_config
from wscodes.lsp.documents import DocumentStore
from wscodes.lsp.hover import hover_text
from wscodes.lsp.lookup import OccurrenceIndex
from wscodes.lsp.settings import editor_section, resolve
from wscodes.lsp.workspace import constant_definitions

SOURCE = """\
import websockets
from websockets.frames import CloseCode

async def handler(ws, event):
    if event.code == 1006 or ws.close_code in (1001, 1011):
        await ws.close(CloseCode.GOING_AWAY)
    await ws.close(1008, "policy")
    await ws.close(code=4001)
"""


def test_occurrence_index_answers_exactly_like_scan_at() -> None:
    result = scan(SOURCE, "python")
    assert len(result.occurrences) >= 5
    index = OccurrenceIndex(result.occurrences)
    for offset in range(-2, len(SOURCE) + 3):
        assert index.at(offset) == result.at(offset), offset


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ws.close(1000)", "x = 1", "if e.code == 1006: pass", "ws.close(4001)", "# 1008"]),
        max_size=30,
    )
)
def test_occurrence_index_matches_scan_at_on_generated_code(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = scan(text, "python")
    index = OccurrenceIndex(result.occurrences)
    for offset in range(len(text) + 1):
        assert index.at(offset) == result.at(offset)


def _item(text: str) -> types.TextDocumentItem:
    return types.TextDocumentItem(uri="file:///x.py", language_id="python", version=1, text=text)


def _edit(line: int, start: int, end: int, new: str, version: int = 2) -> types.DidChangeTextDocumentParams:
    return types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri="file:///x.py", version=version),
        content_changes=[
            types.TextDocumentContentChangePartial(
                range=types.Range(
                    start=types.Position(line=line, character=start),
                    end=types.Position(line=line, character=end),
                ),
                text=new,
            )
        ],
    )


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0c", "\x0b", "\x1c"])
def test_edits_after_characters_that_splitlines_would_break_at(separator: str) -> None:
    store = DocumentStore()
    store.open(_item(f'a = "{separator}"\nws.close(1006)\n'))
    doc = store.change(_edit(1, 9, 13, "1000"))
    assert doc is not None and doc.text == f'a = "{separator}"\nws.close(1000)\n'
    assert doc.version == 2 and doc.revision == 2


def test_utf16_edits_with_emoji_and_crlf() -> None:
    store = DocumentStore()
    store.open(_item("x = '😀'\r\nws.close(1006)  # 中\r\n"))
    doc = store.change(_edit(0, 5, 7, "ok"))  # the emoji is two UTF-16 units
    assert doc is not None and doc.text == "x = 'ok'\r\nws.close(1006)  # 中\r\n"
    doc = store.change(_edit(1, 18, 19, "文", 3))
    assert doc is not None and doc.text.endswith("# 文\r\n")
    doc = store.change(_edit(7, 0, 0, "tail", 4))  # past the end: appended, not an error
    assert doc is not None and doc.text.endswith("\r\ntail")


def test_editor_section_accepts_every_shape_clients_send() -> None:
    assert editor_section(None) == ({}, [])
    assert editor_section({"rules": {"WSC005": "off"}}) == ({"rules": {"WSC005": "off"}}, [])
    assert editor_section({"wscodes": {"runtime": "node"}}) == ({"runtime": "node"}, [])
    assert editor_section({"python": {"x": 1}}) == ({}, [])  # another server's options
    section, warnings = editor_section({"wscodes": {"runtime": "node", "colour": "red"}})
    assert section == {"runtime": "node"} and "colour" in warnings[0]
    section, warnings = editor_section([1, 2])
    assert section == {} and "must be an object" in warnings[0]


def test_resolve_reads_the_project_file_and_lets_the_editor_override(tmp_path: Path) -> None:
    (tmp_path / "wscodes.toml").write_text(
        'rules = { WSC005 = "off", WSC001 = "warning" }\nruntime = "node"\n'
    )
    resolved = resolve({"rules": {"WSC001": "hint"}}, str(tmp_path))
    assert resolved.warnings == ()
    assert resolved.team_file == str(tmp_path / "wscodes.toml")
    assert str(resolved.config.severities["WSC001"]) == "hint"
    assert resolved.config.severities["WSC005"] is None
    assert resolved.runtime == "node"


def test_resolve_never_raises_on_bad_settings(tmp_path: Path) -> None:
    (tmp_path / "wscodes.toml").write_text("[codes.1006]\nname = 'nope'\n")  # a registered code: invalid
    resolved = resolve({"rules": "all of them", "runtime": "moon", "teamCodes": 7}, str(tmp_path))
    assert resolved.warnings
    text = " ".join(resolved.warnings)
    assert "1006" in text and "teamCodes" in text
    assert resolved.runtime == "auto"


def test_hover_text_uses_the_team_meaning(tmp_path: Path) -> None:
    path = tmp_path / "wscodes.toml"
    path.write_text('[codes.4003]\nname = "Quota exceeded"\nmeaning = "Too many messages this minute."\n')
    registry = ProjectRegistry(load_config(str(path)))
    text = hover_text(registry.classify(4003), None, "send", True)
    assert "**4003 Quota exceeded**" in text and "Too many messages this minute." in text
    assert "your team's code (from wscodes.toml)" in text
    plain = hover_text(classify(1008), None, "compare", False)
    assert "**" not in plain and "`" not in plain
    assert (
        "1008 Policy Violation" in plain and "https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1" in plain
    )


def test_constant_definitions_find_the_binding_of_a_sent_name_only() -> None:
    text = (
        "SESSION_EXPIRED = 4001\n"
        "# SESSION_EXPIRED = 4001 (the old value, in a comment)\n"
        "OTHER = 4001\n"  # the same number under a name nothing sends
        "LATER: int = 4002\n"
        "\n"
        "async def f(ws):\n"
        "    await ws.close(SESSION_EXPIRED)\n"
    )
    found = constant_definitions(text, scan(text, "python").occurrences)
    assert [(text[start:end], code, role, name) for start, end, code, role, _, name in found] == [
        ("4001", 4001, "define", "SESSION_EXPIRED")
    ]
    assert found[0][0] == text.index("4001")  # the first line's literal, not the comment's
