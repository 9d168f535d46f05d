"""Which runtime a file's close calls reach, beyond JavaScript: code built for the browser.

Go built for ``GOOS=js`` (coder/websocket's ``ws_js.go`` calls the browser's ``WebSocket.close()``;
its ``Close(StatusGoingAway, …)`` fails there, coder/websocket issue #478) and Kotlin/JS
(``org.w3c.dom.WebSocket``, ``jsMain`` source sets) close through the browser's
``WebSocket.close()``, whose WHATWG rules (1000 or 3000–4999) then apply.

The project's ``runtime`` setting (auto/browser/node) speaks of JavaScript files: a team that writes
``runtime = "browser"`` for its front end must not make its Go server "a browser". Other languages
count as browser code only on their own evidence: their path (``*_js.go``, ``src/jsMain/``) or
their text (a ``//go:build`` line that holds only for ``js``, a browser import).
"""

from __future__ import annotations

import re

from .languages import _FAMILY

__all__ = ["BROWSER_CAPABLE", "browser_build", "runtime_for"]

# Languages whose WebSocket can be the browser's, besides JavaScript and TypeScript
BROWSER_CAPABLE = frozenset({"go", "kotlin"})

_GO_BUILD = re.compile(r"^//go:build[ \t]+([^\n]+)$", re.MULTILINE)
_GO_PLUS_BUILD = re.compile(r"^//[ \t]*\+build[ \t]+([^\n]+)$", re.MULTILINE)
_GO_TOKEN = re.compile(r"\s*(&&|\|\||!|\(|\)|[A-Za-z0-9_.]+)")
_KOTLIN_BROWSER = ("import org.w3c.dom.WebSocket", "import kotlinx.browser", "import org.w3c.dom.*")
_JS_TAGS = frozenset({"js", "wasm"})
_NATIVE_TAGS = frozenset({"linux", "amd64", "unix", "darwin", "arm64", "windows"})


def _go_holds(expression: str, tags: frozenset[str]) -> bool | None:
    """Does a ``//go:build`` expression hold with these tags set? None if it doesn't read as one."""
    tokens: list[str] = []
    pos = 0
    expression = expression.split("//", 1)[0].rstrip()
    while pos < len(expression):
        m = _GO_TOKEN.match(expression, pos)
        if m is None:
            return None
        tokens.append(m.group(1))
        pos = m.end()

    def parse_or(i: int) -> tuple[bool, int]:
        value, i = parse_and(i)
        while i < len(tokens) and tokens[i] == "||":
            right, i = parse_and(i + 1)
            value = value or right
        return value, i

    def parse_and(i: int) -> tuple[bool, int]:
        value, i = parse_not(i)
        while i < len(tokens) and tokens[i] == "&&":
            right, i = parse_not(i + 1)
            value = value and right
        return value, i

    def parse_not(i: int) -> tuple[bool, int]:
        if i >= len(tokens):
            raise ValueError
        token = tokens[i]
        if token == "!":
            value, i = parse_not(i + 1)
            return not value, i
        if token == "(":
            value, i = parse_or(i + 1)
            if i >= len(tokens) or tokens[i] != ")":
                raise ValueError
            return value, i + 1
        if token in ("&&", "||", ")"):
            raise ValueError
        return token in tags, i + 1

    try:
        value, end = parse_or(0)
    except (ValueError, RecursionError):
        return None
    return value if end == len(tokens) else None


def _go_browser(text: str) -> bool:
    m = _GO_BUILD.search(text, 0, 4096)  # (constraints come before the package clause)
    if m is not None:
        for_js, for_native = _go_holds(m.group(1), _JS_TAGS), _go_holds(m.group(1), _NATIVE_TAGS)
        return bool(for_js) and for_native is False
    m = _GO_PLUS_BUILD.search(text, 0, 4096)  # the old form: space-separated alternatives
    if m is not None:
        options = m.group(1).split()
        return bool(options) and all(o.split(",")[0] == "js" for o in options)
    return False


def browser_build(text: str, language: str) -> bool:
    """Does this file's own text say it runs in a browser? (Not for JavaScript: see analyser._facts.)"""
    family = _FAMILY.get(language, language)
    if family == "go":
        head = text[:4096]
        return ("//go:build" in head or "+build" in head) and _go_browser(text)
    if family == "kotlin":
        return any(marker in text for marker in _KOTLIN_BROWSER)
    return False


def runtime_for(runtime: str, language: str, path: str | None) -> str:
    """The runtime to analyse a file of ``language`` at ``path`` with, given the project's setting.

    JavaScript keeps the setting. A browser-capable language is "browser" when its path says it's
    built for the browser (Go's ``_js.go`` file names, Kotlin's ``jsMain``/``wasmJsMain`` source
    sets), else "auto" (its text decides); the others are "auto".
    """
    family = _FAMILY.get(language, language)
    if family == "javascript":
        return runtime
    if family in BROWSER_CAPABLE and path:
        normal = path.replace("\\", "/")
        base = normal.rsplit("/", 1)[-1]
        if family == "go":
            stem = base.removesuffix(".go").removesuffix("_test")
            if stem.endswith(("_js", "_js_wasm")):
                return "browser"
        elif family == "kotlin" and ("/jsMain/" in f"/{normal}" or "/wasmJsMain/" in f"/{normal}"):
            return "browser"
    return "auto"


def browser_code(text: str, language: str, runtime: str, path: str | None) -> bool:
    """Is this file's close() the browser's ``WebSocket.close()`` (1000 or 3000–4999 only), as
    the analyser decides it: the project's ``runtime`` for JS/TS, the file's build constraints,
    imports and path for Go, Kotlin and Dart (completion offers only what such a close() takes)."""
    from .analyser import _facts
    from .languages import EMBEDDED, language_for

    lang = language_for(language) or language
    if lang in EMBEDDED:
        return embedded_runtime(lang, runtime) == "browser"
    return _facts(text, lang, runtime_for(runtime, lang, path)).browser


def embedded_runtime(markup: str, runtime: str) -> str:
    """The runtime of the ``<script>`` blocks of a ``.vue``/``.svelte``/``.astro``/``.html`` file:
    they run in the page, unless the project says otherwise (an Astro component's front matter
    runs on the server)."""
    return "browser" if runtime == "auto" and markup != "astro" else runtime
