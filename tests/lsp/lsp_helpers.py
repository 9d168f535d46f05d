"""Shared helpers for the language-server tests: a real pytest-lsp client over stdio."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pytest_lsp.plugin import ClientServerConfig

SERVER_COMMAND = [sys.executable, "-m", "wscodes.lsp"]
FIXTURES = Path(__file__).parent / "fixtures"
TIMEOUT = 10.0


def recording_client() -> LanguageClient:
    """pytest-lsp's test client, also recording every publishDiagnostics with its version."""
    client = LanguageClient()
    published: list[types.PublishDiagnosticsParams] = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        published.append(params)
        client.diagnostics[params.uri] = params.diagnostics

    registrations: list[types.Registration] = []

    def register_capability(client: LanguageClient, params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    def refresh(client: LanguageClient, params: None) -> None:
        return None

    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
            types.CLIENT_REGISTER_CAPABILITY: register_capability,
            types.WORKSPACE_CODE_LENS_REFRESH: refresh,
            types.WORKSPACE_INLAY_HINT_REFRESH: refresh,
        },
    )
    client.published = published  # type: ignore[attr-defined]
    client.registrations = registrations  # type: ignore[attr-defined]
    return client


def config(env: dict[str, str] | None = None) -> ClientServerConfig:
    return ClientServerConfig(server_command=SERVER_COMMAND, client_factory=recording_client, server_env=env)


def capabilities(*, pull: bool = False, encodings: Sequence[str] | None = None) -> types.ClientCapabilities:
    """A capable editor (VS Code's recorded capabilities), with or without pull diagnostics."""
    caps = client_capabilities("visual-studio-code")
    assert caps.text_document is not None
    caps.text_document.diagnostic = (
        types.DiagnosticClientCapabilities(dynamic_registration=False, related_document_support=False)
        if pull
        else None
    )
    if encodings is not None:
        caps.general = types.GeneralClientCapabilities(position_encodings=list(encodings))
    return caps


def init_params(
    root: Path | None = None,
    *,
    options: Any = None,
    pull: bool = False,
    encodings: Sequence[str] | None = None,
    caps: types.ClientCapabilities | None = None,
    folders: Sequence[Path] | None = None,
) -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=caps if caps is not None else capabilities(pull=pull, encodings=encodings),
        root_uri=from_fs_path(str(root)) if root is not None else None,
        initialization_options=options,
        workspace_folders=[types.WorkspaceFolder(uri=uri_for(f), name=f.name) for f in folders]
        if folders is not None
        else None,
    )


def uri_for(path: Path | str) -> str:
    uri = from_fs_path(str(path))
    assert uri is not None
    return uri


def open_doc(client: LanguageClient, uri: str, text: str, language_id: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)
        )
    )


async def wait_for_diagnostics(
    client: LanguageClient, uri: str, *, version: int | None = None, timeout: float = TIMEOUT
) -> list[types.Diagnostic]:
    """The diagnostics published for ``uri`` (for ``version``, if given)."""
    published: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]

    def found() -> types.PublishDiagnosticsParams | None:
        for params in reversed(published):
            if params.uri == uri and (version is None or params.version == version):
                return params
        return None

    async def wait() -> list[types.Diagnostic]:
        while (params := found()) is None:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(params.diagnostics)

    return await asyncio.wait_for(wait(), timeout)


def position_of(text: str, needle: str, *, delta: int = 0, encoding: str = "utf-16") -> types.Position:
    """The editor position of ``needle`` (+delta chars) in ``text``, computed independently of the server."""
    offset = text.index(needle) + delta
    before = text[:offset]
    line = (
        before.count("\n")
        if "\r" not in before
        else len(before.replace("\r\n", "\n").replace("\r", "\n").split("\n")) - 1
    )
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    segment = before[line_start:]
    if encoding == "utf-16":
        character = len(segment.encode("utf-16-le")) // 2
    elif encoding == "utf-8":
        character = len(segment.encode("utf-8"))
    else:
        character = len(segment)
    return types.Position(line=line, character=character)


def offset_of(text: str, position: types.Position, encoding: str = "utf-16") -> int:
    """The str offset of an editor position, computed independently of the server's LineIndex."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    start = starts[position.line]
    units, i = 0, start
    while units < position.character:
        ch = text[i]
        units += (
            len(ch.encode("utf-16-le")) // 2
            if encoding == "utf-16"
            else len(ch.encode())
            if encoding == "utf-8"
            else 1
        )
        i += 1
    return i


def text_at(text: str, range_: types.Range, encoding: str = "utf-16") -> str:
    return text[offset_of(text, range_.start, encoding) : offset_of(text, range_.end, encoding)]


async def stop(client: LanguageClient) -> None:
    """Stop the client; if the server is still running (a test failed midway), end it first."""
    server = client._server
    if server is not None and server.returncode is None:
        if server.stdin is not None:
            server.stdin.close()  # the server exits when its stdin closes
        try:
            await asyncio.wait_for(server.wait(), 5)
        except TimeoutError:
            server.kill()
    await client.stop()


@asynccontextmanager
async def session(root: Path | None = None, **init: Any) -> AsyncIterator[LanguageClient]:
    """An initialized client/server pair; shut down cleanly at the end (and checked to be)."""
    client: LanguageClient = await config().start()  # type: ignore[assignment]
    try:
        await client.initialize_session(init_params(root, **init))
        yield client
        assert client.error is None
        await asyncio.wait_for(client.shutdown_session(), 10)
        assert client._server is not None and client._server.returncode == 0
    finally:
        await stop(client)
