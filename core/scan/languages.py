"""The languages the scanner reads: names and languageIds, grammars, and what to look for in each."""

from __future__ import annotations

import importlib
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from tree_sitter import Parser

LANGUAGES: tuple[str, ...] = (
    "python",
    "javascript",
    "typescript",
    "tsx",
    "go",
    "rust",
    "java",
    "kotlin",
    "csharp",
    "swift",
    "php",
    "ruby",
    "elixir",
)

_GRAMMARS: dict[str, tuple[str, str]] = {
    "python": ("tree_sitter_python", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "go": ("tree_sitter_go", "language"),
    "rust": ("tree_sitter_rust", "language"),
    "java": ("tree_sitter_java", "language"),
    "kotlin": ("tree_sitter_kotlin", "language"),
    "csharp": ("tree_sitter_c_sharp", "language"),
    "swift": ("tree_sitter_swift", "language"),
    "php": ("tree_sitter_php", "language_php"),
    "ruby": ("tree_sitter_ruby", "language"),
    "elixir": ("tree_sitter_elixir", "language"),
}

# File extensions and LSP languageIds (what VS Code, Neovim, Helix, Zed… send).
_NAMES: dict[str, str] = {
    "py": "python", "pyi": "python", "pyw": "python", "python": "python",
    "js": "javascript", "mjs": "javascript", "cjs": "javascript", "jsx": "javascript",
    "javascript": "javascript", "javascriptreact": "javascript", "js.jsx": "javascript",
    "ts": "typescript", "mts": "typescript", "cts": "typescript", "typescript": "typescript",
    "tsx": "tsx", "typescriptreact": "tsx", "typescript.tsx": "tsx",
    "go": "go", "golang": "go",
    "rs": "rust", "rust": "rust",
    "java": "java",
    "kt": "kotlin", "kts": "kotlin", "kotlin": "kotlin",
    "cs": "csharp", "csx": "csharp", "csharp": "csharp", "c#": "csharp", "c_sharp": "csharp",
    "swift": "swift",
    "php": "php", "phtml": "php", "php3": "php", "php4": "php", "php5": "php", "php8": "php",
    "rb": "ruby", "ruby": "ruby", "rake": "ruby", "gemspec": "ruby", "ru": "ruby",
    "ex": "elixir", "exs": "elixir", "elixir": "elixir",
    # markup whose <script> blocks are scanned as JavaScript/TypeScript (see embedded.py)
    "vue": "vue", "svelte": "svelte", "astro": "astro", "html": "html", "htm": "html",
}  # fmt: skip


# Markup whose <script> blocks are scanned as JavaScript/TypeScript (embedded.py: imported on use).
EMBEDDED: frozenset[str] = frozenset({"vue", "svelte", "astro", "html"})


def language_for(name_or_path: str) -> str | None:
    """A path or extension ('x.tsx', '.ex') or an LSP languageId ('javascriptreact', 'cs') -> language."""
    dot = name_or_path.rfind(".")
    if dot > 0 and "/" not in name_or_path[dot:]:  # the common case: a path with an extension
        found = _NAMES.get(name_or_path[dot + 1 :].lower())
        if found is not None:
            return found
    key = name_or_path.strip().lower()
    if key in _NAMES:
        return _NAMES[key]
    base = key.replace("\\", "/").rsplit("/", 1)[-1]
    if base in ("rakefile", "gemfile", "guardfile"):
        return "ruby"
    if "." in base:
        return _NAMES.get(base.rsplit(".", 1)[-1])
    return None


@cache
def _parser(language: str) -> Parser:
    from tree_sitter import Language, Parser

    module_name, function = _GRAMMARS[language]
    module = importlib.import_module(module_name)
    return Parser(Language(getattr(module, function)()))


def preload(languages: Iterable[str]) -> None:
    """Load these grammars now (e.g. before forking workers that will all need them)."""
    for language in languages:
        if language in _GRAMMARS:
            _parser(language)


# ---------------------------------------------------------------------------------------------
# Per-language tables

_CALL_NAMES: dict[str, tuple[str, ...]] = {
    # WebSocketDisconnect reports a close (its code is a close event's: analyser._EVENT_ONLY), it sends
    # nothing. wsproto sends with CloseConnection(code=…)
    "python": ("close", "WebSocketException", "CloseConnection", "WebSocketDisconnect"),
    "javascript": ("close",),
    "go": ("Close", "FormatCloseMessage"),
    "rust": ("CloseFrame",),
    "java": ("close", "CloseReason", "CloseStatus", "CloseWebSocketFrame", "CloseFrame", "closeAsync"),
    "kotlin": ("close", "CloseReason", "CloseStatus", "CloseWebSocketFrame", "closeAsync"),
    "csharp": ("CloseAsync", "CloseOutputAsync", "Close"),
    "swift": ("cancel", "close"),
    "php": ("close",),
    "ruby": ("close",),
    "elixir": ("close",),
}
_FAMILY = {"typescript": "javascript", "tsx": "javascript"}
# Every close context that can lead to a finding contains one of these strings ("lose" covers close,
# Close, FormatCloseMessage, CloseFrame, {:close…}; "LOSE" covers CLOSE_NORMAL = …). `wscode check`
# skips files without any of them, and the scanner applies the same gate to the one finding that
# needs no close context (a constant named like a close code, WSC008), so both agree.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "python": ("WebSocket", "WS_"),  # raise WebSocketDisconnect(…) / WebSocketException(…); WS_1008_…
    "swift": ("cancel",),
    "elixir": (":stop",),
}


def needles(language: str) -> tuple[str, ...]:
    """The strings a file must contain for ``wscode check`` to look at it (see ``_NEEDLES``)."""
    family = _FAMILY.get(language, language)
    return ("lose", "LOSE", *_NEEDLES.get(family, ()))


# Which languages' library constants a file may use (Kotlin uses Java libraries too).
_CONSTANT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "python": ("python",), "go": ("go",), "rust": ("rust",), "java": ("java",),
    "kotlin": ("kotlin", "java"), "csharp": ("csharp",), "swift": ("swift",), "php": ("php",),
    "ruby": ("ruby",),
}  # fmt: skip
