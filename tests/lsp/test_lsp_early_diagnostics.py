"""A large document just opened gets its diagnostics first from the scan of its sends alone
(lsp_server/scheduler.py: ``early_diagnostics``), then again from the whole scan that hover
needs: over stdio, both publications carry the same diagnostics, and hover on a comparison
(which only the whole scan finds) answers once it is in."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types

from tests.lsp.lsp_helpers import open_doc, position_of, session, uri_for, wait_for_diagnostics
from wscodes.lsp.scheduler import EARLY_DIAGNOSTICS_CHARS

MEMBER = """\
    void job{i}(Session session, int size, int code) {{
        if (size > 4096) {{
            Thread.sleep(1000);
        }}
        if (code == 1006) {{
            retry(code);
        }}
    }}

    void stop{i}(Session session) throws IOException {{
        session.close(new CloseReason(CloseCodes.getCloseCode({code}), "bye {i}"));
    }}

"""


def big_class() -> str:
    members = "".join(MEMBER.format(i=i, code=(1006, 1000, 4001, 1005)[i % 4]) for i in range(240))
    return "import javax.websocket.*;\n\nclass Endpoint {\n" + members + "}\n"


async def test_early_and_whole_diagnostics_agree_and_hover_follows(tmp_path: Path) -> None:
    text = big_class()
    assert len(text) >= EARLY_DIAGNOSTICS_CHARS
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "Endpoint.java")
        open_doc(client, uri, text, "java")
        first = await wait_for_diagnostics(client, uri, version=1)
        assert first and {d.code for d in first} >= {"WSC001"}
        published: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]
        for _ in range(100):  # the whole scan publishes again
            if len([p for p in published if p.uri == uri]) >= 2:
                break
            await asyncio.sleep(0.1)
        versions = [p for p in published if p.uri == uri]
        assert len(versions) == 2 and all(p.version == 1 for p in versions)
        assert versions[0].diagnostics == versions[1].diagnostics
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(text, "1006) {", delta=1),
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "1006" in hover.contents.value


async def test_a_small_document_is_published_once(tmp_path: Path) -> None:
    text = "class E {\n" + MEMBER.format(i=0, code=1006) + "}\n"
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "Small.java")
        open_doc(client, uri, text, "java")
        diagnostics = await wait_for_diagnostics(client, uri, version=1)
        assert [d.code for d in diagnostics] == ["WSC001"]
        await asyncio.sleep(0.3)
        published: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]
        assert len([p for p in published if p.uri == uri]) == 1
