"""A real editor as the client: headless Neovim starts wscode-lsp, shows its diagnostics, hovers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
INIT_LUA = HERE / "nvim" / "init.lua"
# An emoji and CJK before the code: Neovim converts our UTF-16 columns to byte columns.
FIXTURE = 'import websockets\n\n\nasync def handler(ws):\n    note = "😀 中文"; await ws.close(1006)\n'


def server_command() -> list[str]:
    script = Path(sys.executable).with_name("wscode-lsp")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wscodes.lsp"]


def test_neovim_shows_diagnostics_and_hover(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    assert nvim is not None, "Neovim is needed: apt-get install neovim (listed in .ci/apt-packages.txt)"
    fixture = tmp_path / "handler.py"
    fixture.write_text(FIXTURE, encoding="utf-8")
    out = tmp_path / "result.json"
    env = {
        **os.environ,
        "WSCODES_LSP_CMD": json.dumps(server_command()),
        "WSCODES_NVIM_FIXTURE": str(fixture),
        "WSCODES_NVIM_NEEDLE": "1006",
        "WSCODES_NVIM_OUT": str(out),
        **{f"XDG_{kind}_HOME": str(tmp_path / kind.lower()) for kind in ("CONFIG", "DATA", "STATE", "CACHE")},
    }
    started = time.perf_counter()
    proc = subprocess.run(
        [nvim, "--headless", "-n", "-i", "NONE", "--noplugin", "-u", str(INIT_LUA)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    elapsed = time.perf_counter() - started
    assert out.exists(), f"nvim wrote nothing (rc={proc.returncode}): {proc.stderr[-2000:]}"
    result = json.loads(out.read_text())
    assert "error" not in result, result
    assert result["got_diagnostics"], result

    (d,) = result["diagnostics"]
    line = FIXTURE.splitlines()[4]
    byte_col = len(line[: line.index("1006")].encode("utf-8"))
    assert (d["lnum"], d["col"], d["end_col"]) == (4, byte_col, byte_col + 4)  # exact, after the emoji
    assert d["source"] == "wscodes" and d["code"] == "WSC001" and d["severity"] == 1
    assert "1006" in d["message"]

    hover = result["hover"]
    assert hover["contents"]["kind"] == "markdown"
    assert "1006 Abnormal Closure" in hover["contents"]["value"]
    utf16_col = len(line[: line.index("1006")].encode("utf-16-le")) // 2
    assert hover["range"]["start"] == {"line": 4, "character": utf16_col}
    assert result["stopped"], "the server did not stop when Neovim asked it to"
    assert elapsed < 30, f"took {elapsed:.1f}s"
