"""Positions in every encoding, incremental edits, and input that must not hurt the server."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import pytest
from lsprotocol import types

from tests.lsp.lsp_helpers import (
    open_doc,
    position_of,
    session,
    text_at,
    uri_for,
    wait_for_diagnostics,
)

# Emoji (2 UTF-16 units, 4 UTF-8 bytes), CJK (1 unit, 3 bytes), CRLF line ends, and the
# separators editors do NOT break lines at (U+2028, U+2029, U+0085, form feed) before the code.
UNICODE = (
    "# 😀 中文 close codes\r\n"
    'note = "a\u2028b\u2029c\u0085d\x0ce"\r\n'
    "async def f(ws):\r\n"
    '    s = "🎉🎉中"; await ws.close(1006)\r\n'
    "    return s\r\n"
)


def change(uri: str, version: int, *edits: tuple[types.Range, str]) -> types.DidChangeTextDocumentParams:
    return types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(range=r, text=t) for r, t in edits],
    )


def hover_params(uri: str, position: types.Position) -> types.HoverParams:
    return types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
async def test_positions_with_emoji_cjk_crlf_and_unicode_separators(tmp_path: Path, encoding: str) -> None:
    async with session(tmp_path, encodings=[encoding]) as client:
        uri = uri_for(tmp_path / "u.py")
        open_doc(client, uri, UNICODE, "python")
        (d,) = await wait_for_diagnostics(client, uri)
        expected = position_of(UNICODE, "1006", encoding=encoding)
        assert d.range.start == expected
        assert expected.line == 3  # U+2028 & co. did not count as line breaks
        assert text_at(UNICODE, d.range, encoding) == "1006"
        hover = await client.text_document_hover_async(
            hover_params(uri, position_of(UNICODE, "1006", delta=3, encoding=encoding))
        )
        assert hover is not None and hover.range == d.range


async def test_incremental_edits_after_unicode_separators_land_in_the_right_place(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "u.py")
        open_doc(client, uri, UNICODE, "python")
        await wait_for_diagnostics(client, uri, version=1)
        # replace "1006" with "1000" using a UTF-16 range on line 3 (after the emoji)
        start = position_of(UNICODE, "1006")
        end = types.Position(line=start.line, character=start.character + 4)
        client.text_document_did_change(change(uri, 2, (types.Range(start=start, end=end), "1000")))
        assert await wait_for_diagnostics(client, uri, version=2) == []
        # insert a line at the top: the diagnostic of a new bad close moves with it
        top = types.Position(line=0, character=0)
        client.text_document_did_change(change(uri, 3, (types.Range(start=top, end=top), "import x\n")))
        at = types.Position(line=start.line + 1, character=start.character)
        client.text_document_did_change(
            change(
                uri,
                4,
                (types.Range(start=at, end=types.Position(line=at.line, character=at.character + 4)), "1015"),
            )
        )
        (d,) = await wait_for_diagnostics(client, uri, version=4)
        assert d.code == "WSC001" and d.range.start == at
        expected = "import x\n" + UNICODE.replace("1006", "1015")
        assert text_at(expected, d.range) == "1015"


async def test_hundreds_of_rapid_edits_analyse_only_the_latest_text(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "typing.py")
        text = "async def f(ws):\n    await ws.close(1000)\n"
        open_doc(client, uri, text, "python")
        await wait_for_diagnostics(client, uri, version=1)
        client.published.clear()  # type: ignore[attr-defined]
        line = 2
        version = 1
        for i in range(300):  # type a comment line by line, one character at a time
            version += 1
            pos = types.Position(line=line, character=i % 40)
            if i % 40 == 0 and i:
                line += 1
                pos = types.Position(line=line, character=0)
                client.text_document_did_change(change(uri, version, (types.Range(start=pos, end=pos), "\n")))
                version += 1
            client.text_document_did_change(change(uri, version, (types.Range(start=pos, end=pos), "x")))
        final_start = types.Position(line=1, character=19)
        version += 1
        client.text_document_did_change(
            change(
                uri,
                version,
                (types.Range(start=final_start, end=types.Position(line=1, character=23)), "1005"),
            )
        )
        (d,) = await wait_for_diagnostics(client, uri, version=version)
        assert d.range.start == final_start
        published = client.published  # type: ignore[attr-defined]
        assert len(published) < 50, f"{len(published)} analyses published for {version} versions"
        hover = await client.text_document_hover_async(hover_params(uri, final_start))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "1005" in hover.contents.value


async def test_junk_huge_and_invalid_documents_keep_the_server_responsive(tmp_path: Path) -> None:
    rng = random.Random(6455)
    junk = bytes(rng.randrange(256) for _ in range(200_000)).decode("latin-1")
    invalid = "def (((:\n    ws.close(1006\n  }}}} \x00\ud800 ```\n" * 200
    huge = ("x = 1  # filler line for a ten megabyte document, nothing to see here.....\n" * 135_000)[
        :10_000_000
    ]
    async with session(tmp_path) as client:
        docs = {
            "junk.py": (junk, "python"),
            "junk.js": (junk, "javascript"),
            "invalid.py": (invalid, "python"),
            "invalid.go": (invalid, "go"),
            "huge.py": (huge, "python"),
            "notes.txt": ("ws.close(1006)", "plaintext"),
        }
        for name, (text, language) in docs.items():
            open_doc(client, uri_for(tmp_path / name), text, language)
        small = uri_for(tmp_path / "small.py")
        open_doc(client, small, "async def f(ws):\n    await ws.close(1006)\n", "python")
        started = time.perf_counter()
        hover = await asyncio.wait_for(
            client.text_document_hover_async(hover_params(small, types.Position(line=1, character=21))), 10
        )
        assert hover is not None  # answered while big documents are being analysed
        for name in docs:
            await wait_for_diagnostics(client, uri_for(tmp_path / name), timeout=60)
        assert time.perf_counter() - started < 60
        notes = uri_for(tmp_path / "notes.txt")
        assert await wait_for_diagnostics(client, notes) == []  # not a language we scan
        asked = time.perf_counter()
        assert (
            await client.text_document_hover_async(hover_params(notes, types.Position(line=0, character=10)))
            is None
        )
        assert time.perf_counter() - asked < 1.0  # answered at once, not after waiting for an analysis


async def test_unknown_uris_and_positions_past_the_end(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        ghost = uri_for(tmp_path / "never-opened.py")
        assert (
            await client.text_document_hover_async(hover_params(ghost, types.Position(line=0, character=0)))
            is None
        )
        completion = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=ghost),
                position=types.Position(line=0, character=0),
            )
        )
        assert completion is None
        hints = await client.text_document_inlay_hint_async(
            types.InlayHintParams(
                text_document=types.TextDocumentIdentifier(uri=ghost),
                range=types.Range(
                    start=types.Position(line=0, character=0), end=types.Position(line=5, character=0)
                ),
            )
        )
        assert not hints
        nowhere = types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
        )
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=ghost),
                range=nowhere,
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        assert not actions
        client.text_document_did_change(
            change(
                ghost,
                2,
                (
                    types.Range(
                        start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
                    ),
                    "x",
                ),
            )
        )
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=ghost))
        )

        uri = uri_for(tmp_path / "a.py")
        text = "async def f(ws):\n    await ws.close(1006)\n"
        open_doc(client, uri, text, "python")
        await wait_for_diagnostics(client, uri)
        far = types.Position(line=10_000_000, character=10_000_000)
        assert await client.text_document_hover_async(hover_params(uri, far)) is None
        assert (
            await client.text_document_hover_async(
                hover_params(uri, types.Position(line=1, character=10_000))
            )
            is None
        )
        # an edit whose range runs past the end is clamped, not an error
        client.text_document_did_change(
            change(uri, 2, (types.Range(start=types.Position(line=1, character=999), end=far), "\n# end\n"))
        )
        diagnostics = await wait_for_diagnostics(client, uri, version=2)
        assert [d.code for d in diagnostics] == ["WSC001"]
        hover = await client.text_document_hover_async(
            hover_params(uri, types.Position(line=1, character=21))
        )
        assert hover is not None
        # closing clears the document's diagnostics
        client.published.clear()  # type: ignore[attr-defined]
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert await wait_for_diagnostics(client, uri) == []
