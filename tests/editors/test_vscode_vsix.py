"""The packaged VS Code extension (editors/vscode/wscodes-linux-x64.vsix, built by
scripts/test.d/vscode.sh): unpacked, its bundled server installs itself offline into a private
environment and answers a real LSP client over stdio (diagnostics, hover, definition) — with a
Python that has no wscodes installed. And the manifest agrees with pyproject.toml."""

from __future__ import annotations

import json
import os
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.editors.editor_run import EDITORS, REPO
from tests.lsp.lsp_helpers import (
    init_params,
    open_doc,
    position_of,
    recording_client,
    stop,
    uri_for,
    wait_for_diagnostics,
)

VSIX = EDITORS / "vscode" / "wscodes-linux-x64.vsix"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
MANIFEST = json.loads((EDITORS / "vscode" / "package.json").read_text(encoding="utf-8"))
SOURCE = (
    "async def give_up(ws):\n    await ws.close(1006)\n\n\nasync def expire(ws):\n    await ws.close(4001)\n"
)
TEAM = '[codes.4001]\nname = "Session expired"\nsender = "server"\n'


def base_python() -> str:
    """This test run's interpreter outside its virtualenv: it has no wscodes of its own."""
    return os.path.realpath(sys.executable)


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not VSIX.exists():
        raise AssertionError(f"{VSIX} not found: run scripts/test.d/vscode.sh (builds and packages it)")
    folder = tmp_path_factory.mktemp("vsix")
    with zipfile.ZipFile(VSIX) as vsix:
        vsix.extractall(folder)
    return folder / "extension"


def test_the_manifest_agrees_with_pyproject() -> None:
    assert MANIFEST["version"] == PYPROJECT["version"]
    repository = PYPROJECT.get("urls", {}).get("Repository")
    listed = MANIFEST.get("repository")
    assert (listed["url"] if isinstance(listed, dict) else listed) == repository
    if repository is None:  # nothing to point at yet: vsce must not stop to ask
        assert MANIFEST["vsce"]["allowMissingRepository"] is True
    assert MANIFEST["scripts"]["vscode:prepublish"] == "npm run compile"


def test_the_vsix_carries_the_server_and_its_wheels(unpacked: Path) -> None:
    wheels = {p.name.split("-")[0] for p in (unpacked / "bundled" / "wheels").glob("*.whl")}
    assert {"wscodes", "pygls", "lsprotocol", "tree_sitter", "tree_sitter_python", "pip"} <= wheels
    assert not {"slack_bolt", "aiohttp"} & wheels  # the bot's dependencies stay out
    assert (unpacked / "out" / "extension.js").exists()
    assert (unpacked / "bundled" / "wscode_lsp.py").exists()


async def test_the_bundled_server_answers_a_real_client(unpacked: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "wscodes.toml").write_text(TEAM, encoding="utf-8")
    envs = tmp_path / "storage"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "WSCODES_BUNDLE_ENV": str(envs),
        "PIP_NO_INDEX": "1",  # offline, whatever pip's configuration says
    }
    config = ClientServerConfig(
        server_command=[base_python(), "-I", str(unpacked / "bundled" / "wscode_lsp.py")],
        client_factory=recording_client,
        server_env=env,
    )
    client: LanguageClient = await config.start()  # type: ignore[assignment]
    try:
        result = await client.initialize_session(init_params(project))
        assert result.server_info is not None and result.server_info.version == PYPROJECT["version"]
        uri = uri_for(project / "closer.py")
        open_doc(client, uri, SOURCE, "python")
        diagnostics = await wait_for_diagnostics(client, uri, timeout=60)
        assert "WSC001" in {d.code for d in diagnostics}
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(SOURCE, "1006")
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "Abnormal Closure" in hover.contents.value
        definition = await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(SOURCE, "4001")
            )
        )
        assert isinstance(definition, types.Location)
        assert definition.uri == uri_for(project / "wscodes.toml")
        await client.shutdown_session()
    finally:
        await stop(client)
    (installed,) = envs.iterdir()  # one private environment, for this wscodes and this Python
    assert installed.name == f"wscodes-{PYPROJECT['version']}-py{sys.version_info[0]}{sys.version_info[1]}"
    assert list(installed.glob("lib/python*/site-packages/wscodes-*.dist-info"))
