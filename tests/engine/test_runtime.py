"""Code built for the browser outside JavaScript: Go for GOOS=js and Kotlin/JS close through the
browser's WebSocket.close(), so its rules (1000 or 3000–4999) apply there and only there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wscodes.core.rules import RuleConfig, analyse
from wscodes.core.scan.runtime import _go_holds, runtime_for
from wscodes.core.teamcodes import builtin_registry

GO_BODY = """package tab

import "github.com/coder/websocket"

// leave is called when the tab goes away
func leave(c *websocket.Conn) error {
	return c.Close(websocket.StatusGoingAway, "tab closed")
}

func done(c *websocket.Conn) error {
	return c.Close(websocket.StatusNormalClosure, "")
}
"""
KOTLIN_BODY = """class Feed(private val socket: WebSocket) {
    fun stop() = socket.close(1001, "navigating away")
    fun finish() = socket.close(1000, "done")
}
"""


def rules(text: str, language: str, path: str | None = None, runtime: str = "auto") -> list[str]:
    analysis = analyse(text, language, builtin_registry(), RuleConfig(runtime=runtime), path=path)
    return sorted(f.rule for f in analysis.findings)


@pytest.mark.parametrize(
    ("head", "browser"),
    [
        ("//go:build js && wasm\n\n", True),
        ("//go:build js\n\n", True),
        ("// +build js\n\n", True),
        ("//go:build !js\n\n", False),  # the server half of a library with a js half
        ("//go:build linux || js\n\n", False),  # built for native targets too
        ("//go:build wasip1\n\n", False),  # WebAssembly outside a browser
        ("", False),
    ],
)
def test_a_go_build_constraint_decides(head: str, browser: bool) -> None:
    assert rules(head + GO_BODY, "go", "tab.go") == (["WSC006"] if browser else [])


@pytest.mark.parametrize(("path", "browser"), [("web/tab_js.go", True), ("tab_js_wasm.go", True),
                                               ("tab_js_test.go", True), ("tab_linux.go", False),
                                               ("json.go", False)])  # fmt: skip
def test_a_go_file_name_for_js_decides(path: str, browser: bool) -> None:
    assert rules(GO_BODY, "go", path) == (["WSC006"] if browser else [])


def test_a_javascript_runtime_setting_does_not_make_go_or_kotlin_a_browser() -> None:
    assert rules(GO_BODY, "go", "server.go", runtime="browser") == []
    assert rules(KOTLIN_BODY, "kotlin", "server/src/main/kotlin/Feed.kt", runtime="browser") == []
    assert runtime_for("browser", "typescript", "app.ts") == "browser"  # (JavaScript keeps it)
    assert runtime_for("node", "go", "x_js.go") == "browser"


@pytest.mark.parametrize(
    ("text", "path", "browser"),
    [
        ("import org.w3c.dom.WebSocket\n\n" + KOTLIN_BODY, "Feed.kt", True),
        ("import kotlinx.browser.window\n\n" + KOTLIN_BODY, "Feed.kt", True),
        (KOTLIN_BODY, "app/src/jsMain/kotlin/Feed.kt", True),
        (KOTLIN_BODY, "app/src/wasmJsMain/kotlin/Feed.kt", True),
        (KOTLIN_BODY, "app/src/jvmMain/kotlin/Feed.kt", False),
        (KOTLIN_BODY, "Feed.kt", False),
    ],
)
def test_kotlin_js_is_browser_code(text: str, path: str, browser: bool) -> None:
    assert rules(text, "kotlin", path) == (["WSC006"] if browser else [])


@pytest.mark.parametrize(
    ("expression", "tags", "holds"),
    [
        ("js && wasm", {"js", "wasm"}, True),
        ("!js", {"js", "wasm"}, False),
        ("(linux || darwin) && !js", {"linux"}, True),
        ("js && (wasm || !wasm) // trailing comment", {"js"}, True),
        ("js &&", {"js"}, None),  # half-typed: no answer, not a crash
        ("((js", {"js"}, None),
        ("js wasm", {"js"}, None),
    ],
)
def test_go_build_expressions(expression: str, tags: set[str], holds: bool | None) -> None:
    assert _go_holds(expression, frozenset(tags)) is holds


def test_wscode_check_reads_the_go_file_name(tmp_path: Path) -> None:
    (tmp_path / "conn_js.go").write_text(GO_BODY, encoding="utf-8")
    (tmp_path / "conn.go").write_text(GO_BODY, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "wscodes", "check", "--output-format", "concise", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if "WSC006" in line]
    assert len(lines) == 1 and "conn_js.go:7:" in lines[0], proc.stdout


def test_a_language_whose_grammar_does_not_import_is_skipped_not_an_error() -> None:
    """A bundle for a platform PyPI has no wheel of a grammar for leaves that grammar out."""
    script = (
        "import sys\n"
        "if sys.argv[1] == 'blocked': sys.modules['tree_sitter_cpp'] = None  # import -> ImportError\n"
        "from wscodes.core.rules import RuleConfig, analyse\n"
        "from wscodes.core.teamcodes import builtin_registry\n"
        "from wscodes.core.scan import preload\n"
        "preload(['cpp', 'python'])\n"
        "reg = builtin_registry()\n"
        "print(len(analyse('void f() { ws.close(1005); }\\n', 'cpp', reg, RuleConfig()).findings))\n"
        "print(len(analyse('ws.close(1005)\\n', 'python', reg, RuleConfig()).findings))\n"
    )
    out = {}
    for mode in ("blocked", "present"):
        proc = subprocess.run(
            [sys.executable, "-c", script, mode], capture_output=True, text=True, timeout=60, check=False
        )
        assert proc.returncode == 0, proc.stderr
        out[mode] = proc.stdout.split()
    assert out == {"blocked": ["0", "1"], "present": ["1", "1"]}
