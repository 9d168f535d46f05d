"""docs/editors.md quotes the config files verbatim, and the snippets no editor runs here are at
least well-formed and consistent (parsed, or evaluated by the editor that is installed)."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.editors.editor_run import EDITORS, REPO, require

DOC = REPO / "docs" / "editors.md"
SNIPPET = re.compile(r"<!-- snippet: (?P<path>\S+) -->\n```[\w-]*\n(?P<body>.*?)```\n", re.DOTALL)
# Every file users copy from editors/ (the VS Code and Zed extension sources are installed, not copied).
QUOTED = sorted(
    [
        *(p for d in ("neovim", "emacs", "vim", "helix", "sublime") for p in (EDITORS / d).iterdir()),
        EDITORS / "zed" / "extension.toml",
        EDITORS / "zed" / "settings.json",
    ]
)


def doc_snippets() -> dict[str, str]:
    return {m["path"]: m["body"] for m in SNIPPET.finditer(DOC.read_text(encoding="utf-8"))}


def test_every_config_file_is_quoted_once() -> None:
    text = DOC.read_text(encoding="utf-8")
    quoted = [m["path"] for m in SNIPPET.finditer(text)]
    assert sorted(quoted) == sorted(str(p.relative_to(REPO)) for p in QUOTED)
    assert len(quoted) == len(set(quoted))


@pytest.mark.parametrize("path", [str(p.relative_to(REPO)) for p in QUOTED])
def test_doc_block_equals_file(path: str) -> None:
    assert doc_snippets()[path] == (REPO / path).read_text(encoding="utf-8"), (
        f"docs/editors.md's block for {path} differs from the file: paste the file into the doc"
    )


def test_doc_points_at_the_tests_that_run_the_snippets() -> None:
    text = DOC.read_text(encoding="utf-8")
    for test in ("test_neovim.py", "test_emacs_eglot.py", "test_vim_ale.py"):
        assert (Path(__file__).parent / test).exists()
        assert f"tests/editors/{test}" in text


@pytest.mark.parametrize("name", ["wscodes-0.11.lua", "wscodes-lspconfig.lua", "wscodes.lua"])
def test_neovim_snippets_are_valid_lua(name: str, tmp_path: Path) -> None:
    nvim = require("nvim", "neovim")
    path = EDITORS / "neovim" / name
    check = f"lua local f, err = loadfile({json.dumps(str(path))}); if not f then error(err) end"
    proc = subprocess.run(
        [nvim, "--headless", "--clean", "-c", check, "-c", "qall!"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0 and "Error" not in proc.stderr, proc.stderr


def test_vim_lsp_snippet_registers_the_server(tmp_path: Path) -> None:
    """Source the vim-lsp snippet in Vim, fire its `User lsp_setup`, capture what it registers."""
    vim = require("vim", "vim")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake_server = bindir / "wscode-lsp"  # only `executable()` is asked; it is never run
    fake_server.write_text("#!/bin/sh\nexit 0\n")
    fake_server.chmod(0o755)
    out = tmp_path / "registered.json"
    # vim-lsp's entry point, replaced by one that records what it is given
    autoload = tmp_path / "rtp" / "autoload"
    autoload.mkdir(parents=True)
    (autoload / "lsp.vim").write_text(
        "let g:registered = []\n"
        "function! lsp#register_server(info) abort\n"
        "  call add(g:registered, a:info)\n"
        "endfunction\n"
    )
    script = tmp_path / "check.vim"
    script.write_text(
        "\n".join(
            [
                f"set runtimepath^={tmp_path / 'rtp'}",
                f"source {EDITORS / 'vim' / 'wscodes-vim-lsp.vim'}",
                "doautocmd User lsp_setup",
                "let s:info = g:registered[0]",
                "let s:info.cmd = s:info.cmd({})",
                f"call writefile([json_encode(g:registered)], '{out}')",
                "qall!",
            ]
        )
    )
    subprocess.run(
        [vim, "--clean", "-N", "-es", "-S", str(script)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=30,
        check=False,
        env={"HOME": str(tmp_path), "PATH": f"{bindir}:/usr/bin:/bin"},
    )
    registered = json.loads(out.read_text())
    assert len(registered) == 1
    info = registered[0]
    assert info["name"] == "wscodes"
    assert info["cmd"] == ["wscode-lsp"]
    assert {"python", "javascript", "typescript", "go"} <= set(info["allowlist"])
    assert set(info["workspace_config"]["wscodes"]) == {"rules", "runtime"}


def test_helix_languages_toml() -> None:
    config = tomllib.loads((EDITORS / "helix" / "languages.toml").read_text(encoding="utf-8"))
    server = config["language-server"]["wscode-lsp"]
    assert server["command"] == "wscode-lsp"
    assert set(server["config"]["wscodes"]) == {"rules", "runtime"}
    languages = config["language"]
    assert {lang["name"] for lang in languages} >= {"python", "javascript", "typescript", "go", "rust"}
    for lang in languages:
        assert lang["language-servers"][-1] == "wscode-lsp", lang


def test_zed_extension_and_settings() -> None:
    manifest = tomllib.loads((EDITORS / "zed" / "extension.toml").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == 1
    (server_id,) = manifest["language_servers"]
    assert {"Python", "JavaScript", "TypeScript", "Go", "Rust"} <= set(
        manifest["language_servers"][server_id]["languages"]
    )
    source = (EDITORS / "zed" / "src" / "lib.rs").read_text(encoding="utf-8")
    assert f'const SERVER: &str = "{server_id}";' in source  # the name Zed looks settings up by
    assert 'worktree.which("wscode-lsp")' in source
    settings = json.loads((EDITORS / "zed" / "settings.json").read_text(encoding="utf-8"))
    assert set(settings["lsp"][server_id]["settings"]) == {"rules", "runtime"}


def test_sublime_lsp_settings() -> None:
    text = (EDITORS / "sublime" / "LSP.sublime-settings").read_text(encoding="utf-8")
    without_comments = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    client = json.loads(without_comments)["clients"]["wscodes"]
    assert client["command"] == ["wscode-lsp"]
    scopes = {s.strip() for s in client["selector"].split("|")}
    assert {"source.python", "source.js", "source.ts", "source.go", "source.rust"} <= scopes
    assert set(client["settings"]["wscodes"]) == {"rules", "runtime"}
