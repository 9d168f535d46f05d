"""Edits over stdio: after each didChange the diagnostics are exactly those of the same text
opened afresh, on a file large enough for the engine to rescan only around the edit."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.lsp.lsp_helpers import open_doc, position_of, session, uri_for, wait_for_diagnostics

BLOCK = """\
function job{i}(ws, size, port, delay, items) {{
  if (size > 4096 && port < 3000) {{
    setTimeout(run, 1000);
  }}
  const ok = [1000, 2000].includes(delay);
  if (items.length == 1006) {{
    return retry(delay || 1005);
  }}
  return ok;
}}

function stop{i}(ws, event) {{
  if (event.code === 1006) {{
    return;
  }}
  ws.close(1006, "oops {i}");
}}

"""

# (text to find, replacement): a sent code changed, a close call added, one removed, a name
# bound to a code that is sent elsewhere, and an unclosed bracket (a whole scan again).
EDITS = [
    ('ws.close(1006, "oops 200")', 'ws.close(1000, "oops 200")'),
    (
        '    return;\n  }\n  ws.close(1006, "oops 17")',
        '    ws.close(1005);\n  }\n  ws.close(1006, "oops 17")',
    ),
    ('  ws.close(1006, "oops 301");\n', ""),
    (
        "function stop5(ws, event) {",
        "const EXPIRED = 4001;\nfunction stop5(ws, event) {\n  ws.close(EXPIRED);",
    ),
    ("const EXPIRED = 4001;", "const EXPIRED = 1006;"),
    ("function job9(ws", "function job9((ws"),
]


def shape(diagnostics: list[types.Diagnostic]) -> list[tuple[object, ...]]:
    return sorted(
        (
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.code,
            d.message,
        )
        for d in diagnostics
    )


async def test_diagnostics_after_each_edit_equal_a_fresh_open(tmp_path: Path) -> None:
    text = 'const WebSocket = require("ws");\n' + "".join(BLOCK.format(i=i) for i in range(400))
    assert len(text) > 100_000  # the editor's rescan works in windows there
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "big.js")
        open_doc(client, uri, text, "javascript")
        await wait_for_diagnostics(client, uri, version=1)
        for version, (old, new) in enumerate(EDITS, start=2):
            start = position_of(text, old)
            end = position_of(text, old, delta=len(old))
            text = text.replace(old, new, 1)
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=types.Range(start=start, end=end), text=new
                        )
                    ],
                )
            )
            edited = await wait_for_diagnostics(client, uri, version=version)
            fresh_uri = uri_for(tmp_path / f"fresh{version}.js")
            open_doc(client, fresh_uri, text, "javascript")
            fresh = await wait_for_diagnostics(client, fresh_uri)
            assert shape(edited) == shape(fresh), (old, new)
        assert any("4001" in d.message or "1006" in d.message for d in edited)
