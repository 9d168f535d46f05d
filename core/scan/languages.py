"""The languages the scanner reads: names and languageIds, grammars, and what to look for in each."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from tree_sitter import Parser


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """Everything the scanner, ``wscode check`` and the editors need to know of one language.

    Adding a language is one spec here plus fixtures (tests/engine/fixtures): the grammar wheel,
    file extensions and editor language ids, the callee names that may take a close code, the
    line comment, and how a fragment is wrapped to parse alone. tests/editors/test_language_lists.py
    holds every editor, pre-commit and VS Code language list to ``LANGUAGES``.
    """

    name: str
    grammar: tuple[str, str]  # (module of the grammar wheel, its function that returns the language)
    names: tuple[str, ...]  # file extensions and LSP languageIds (what VS Code, Neovim, Helix, Zed… send)
    family: str = ""  # the language whose tables apply ("" = its own; TypeScript reads as JavaScript)
    call_names: tuple[str, ...] = ()  # callees that may take a close code ("close" matches any *lose*)
    needles: tuple[str, ...] = ()  # strings beyond "lose"/"LOSE" a file may need to hold a close context
    constants_from: tuple[str, ...] = ()  # whose library constants a file may use (registry "language")
    line_comment: str = "//"
    statement_wrap: tuple[str, str] = ("", "")  # what makes a lone statement parse
    member_wrap: tuple[str, str] | None = None  # what makes a lone class member parse
    top_wrap: tuple[str, str] = ("", "")  # what makes a lone top-level chunk parse
    arrow_arms: bool = False  # "=>" / "->" separate match arms or lambdas from their values
    range_dots: bool = False  # ".." builds ranges (1000..1015)
    is_operator: bool = False  # C#'s "code is 1000 or 1001"
    membership_calls: bool = False  # includes( / contains( / .has( / include? on lists of codes
    member_chunks: bool = True  # a long class body is cut into members, each parsed in member_wrap
    not_equal: str = "!="  # Lua writes "~="
    # A call whose result binds a received close code to a name: Lua's lua-resty-websocket
    # `local data, typ, err = wb:recv_frame()` (err holds the code when typ == "close")
    received_binding: tuple[str, str] = ("", "")  # (a string such a file contains, the pattern: group 1)

    @property
    def table_family(self) -> str:
        return self.family or self.name


def _member(prefix: str, suffix: str = "\n}") -> tuple[str, str]:
    return (prefix, suffix)


_JS = LanguageSpec(
    "javascript",
    ("tree_sitter_javascript", "language"),
    ("js", "mjs", "cjs", "jsx", "javascript", "javascriptreact", "js.jsx"),
    call_names=("close",),
    statement_wrap=("function _w() {\n", "\n}"),
    member_wrap=_member("class _W {\n"),
    membership_calls=True,
)
_C_LIKE_STATEMENT = ("void _w(void) {\n", "\n}")

SPECS: dict[str, LanguageSpec] = {
    spec.name: spec
    for spec in (
        LanguageSpec(
            "python",
            ("tree_sitter_python", "language"),
            ("py", "pyi", "pyw", "python"),
            # WebSocketDisconnect reports a close (its code is a close event's: analyser._EVENT_ONLY),
            # it sends nothing. wsproto sends with CloseConnection(code=…)
            call_names=("close", "WebSocketException", "CloseConnection", "WebSocketDisconnect"),
            # raise WebSocketDisconnect(…) / WebSocketException(…); WS_1008_…
            needles=("WebSocket", "WS_"),
            constants_from=("python",),
            line_comment="#",
            statement_wrap=("def _w():\n", ""),
            member_wrap=_member("class _W:\n", ""),
            membership_calls=True,
        ),
        _JS,
        replace(
            _JS,
            name="typescript",
            grammar=("tree_sitter_typescript", "language_typescript"),
            names=("ts", "mts", "cts", "typescript"),
            family="javascript",
        ),
        replace(
            _JS,
            name="tsx",
            grammar=("tree_sitter_typescript", "language_tsx"),
            names=("tsx", "typescriptreact", "typescript.tsx"),
            family="javascript",
        ),
        LanguageSpec(
            "go",
            ("tree_sitter_go", "language"),
            ("go", "golang"),
            call_names=("Close", "FormatCloseMessage"),
            constants_from=("go",),
            statement_wrap=("func _w() {\n", "\n}"),
        ),
        LanguageSpec(
            "rust",
            ("tree_sitter_rust", "language"),
            ("rs", "rust"),
            # fastwebsockets' Frame::close(code, reason) only in files that use it (data/close_apis.json)
            call_names=("CloseFrame", "close"),
            constants_from=("rust",),
            statement_wrap=("fn _w() {\n", "\n}"),
            member_wrap=_member("impl _W {\n"),
            arrow_arms=True,
            range_dots=True,
        ),
        LanguageSpec(
            "java",
            ("tree_sitter_java", "language"),
            ("java",),
            call_names=(
                "close",
                "CloseReason",
                "CloseStatus",
                "CloseWebSocketFrame",
                "CloseFrame",
                "closeAsync",
            ),
            constants_from=("java",),
            statement_wrap=("class _W { void _w() {\n", "\n}}"),
            member_wrap=_member("class _W {\n"),
            arrow_arms=True,
            membership_calls=True,
        ),
        LanguageSpec(
            "kotlin",
            ("tree_sitter_kotlin", "language"),
            ("kt", "kts", "kotlin"),
            call_names=("close", "CloseReason", "CloseStatus", "CloseWebSocketFrame", "closeAsync"),
            constants_from=("kotlin", "java"),  # Kotlin uses Java libraries too
            statement_wrap=("fun _w() {\n", "\n}"),
            member_wrap=_member("class _W {\n"),
            arrow_arms=True,
            range_dots=True,
            membership_calls=True,
        ),
        LanguageSpec(
            "csharp",
            ("tree_sitter_c_sharp", "language"),
            ("cs", "csx", "csharp", "c#", "c_sharp"),
            call_names=("CloseAsync", "CloseOutputAsync", "Close"),
            constants_from=("csharp",),
            statement_wrap=("class _W { void _w() {\n", "\n}}"),
            member_wrap=_member("class _W {\n"),
            arrow_arms=True,
            is_operator=True,
            membership_calls=True,
        ),
        LanguageSpec(
            "swift",
            ("tree_sitter_swift", "language"),
            ("swift",),
            call_names=("cancel", "close"),
            needles=("cancel",),
            constants_from=("swift",),
            statement_wrap=("func _w() {\n", "\n}"),
            member_wrap=_member("class _W {\n"),
            arrow_arms=True,
            range_dots=True,
            membership_calls=True,
        ),
        LanguageSpec(
            "php",
            ("tree_sitter_php", "language_php"),
            ("php", "phtml", "php3", "php4", "php5", "php8"),
            call_names=("close",),
            constants_from=("php",),
            statement_wrap=("<?php function _w() {\n", "\n}"),
            member_wrap=_member("<?php class _W {\n"),
            top_wrap=("<?php\n", ""),
            arrow_arms=True,
            member_chunks=False,  # (PHP isn't windowed: its code only parses after <?php)
        ),
        LanguageSpec(
            "ruby",
            ("tree_sitter_ruby", "language"),
            ("rb", "ruby", "rake", "gemspec", "ru"),
            call_names=("close",),
            constants_from=("ruby",),
            line_comment="#",
            statement_wrap=("def _w\n", "\nend"),
            member_wrap=_member("class W_\n", "\nend"),
            arrow_arms=True,
            range_dots=True,
            membership_calls=True,
        ),
        LanguageSpec(
            "elixir",
            ("tree_sitter_elixir", "language"),
            ("ex", "exs", "elixir"),
            call_names=("close",),
            needles=(":stop",),
            line_comment="#",
            member_wrap=("defmodule W do\n", "\nend"),
            arrow_arms=True,
            member_chunks=False,
        ),
        # C, C++, Objective-C: header files (.h) are read as C++ (its grammar parses C's too, and
        # C++ headers hold `enum class close_code : uint16_t { … }`); editors send their own ids.
        LanguageSpec(
            "c",
            ("tree_sitter_c", "language"),
            ("c",),
            call_names=("lws_close_reason", "close", "wslay_event_queue_close"),
            constants_from=("c",),
            statement_wrap=("void _w(void) {\n", "\n}"),
        ),
        LanguageSpec(
            "cpp",
            ("tree_sitter_cpp", "language"),
            ("cpp", "cc", "cxx", "c++", "hpp", "hh", "hxx", "h++", "h", "ipp", "inl", "tpp", "cuda-cpp"),
            # Boost.Beast async_close(code, handler) and close_reason(code, reason); uWebSockets'
            # ws->end(code, message), drogon's and Poco's shutdown(code, reason), IXWebSocket's stop(code)
            # only in files that use them (data/close_apis.json "arguments")
            call_names=(
                "close",
                "lws_close_reason",
                "async_close",
                "end",
                "close_reason",
                "shutdown",
                "stop",
                "wslay_event_queue_close",
            ),
            constants_from=("cpp", "c"),
            statement_wrap=("void _w() {\n", "\n}"),
            member_wrap=("struct _W {\n", "\n};"),
            member_chunks=False,
        ),
        LanguageSpec(
            "objc",
            ("tree_sitter_objc", "language"),
            ("m", "mm", "objc", "objcpp", "objective-c", "objective-cpp"),
            call_names=("closeWithCode", "cancelWithCloseCode", "close"),
            constants_from=("objc", "c", "swift"),  # (Apple's NSURLSessionWebSocketCloseCode enum)
            statement_wrap=("void _w(void) {\n", "\n}"),
            member_wrap=("@implementation _W\n", "\n@end"),
            member_chunks=False,
        ),
        LanguageSpec(
            "dart",
            ("tree_sitter_dart", "language"),
            ("dart",),
            call_names=("close",),
            constants_from=("dart",),
            statement_wrap=("void _w() {\n", "\n}"),
            member_wrap=("class _W {\n", "\n}"),
            arrow_arms=True,
            membership_calls=True,
        ),
        LanguageSpec(
            "scala",
            ("tree_sitter_scala", "language"),
            ("scala", "sc"),
            # Play: CloseMessage(Some(1000), ""); Netty from Scala: new CloseWebSocketFrame(1000, "")
            call_names=("close", "Close", "CloseFrame", "CloseMessage", "CloseWebSocketFrame"),
            constants_from=("scala", "java"),  # Scala uses Java libraries too
            statement_wrap=("def _w() = {\n", "\n}"),
            member_wrap=("class _W {\n", "\n}"),
            arrow_arms=True,
            membership_calls=True,
        ),
        LanguageSpec(
            "lua",
            ("tree_sitter_lua", "language"),
            ("lua",),
            call_names=("send_close", "close"),
            constants_from=("lua",),
            line_comment="--",
            not_equal="~=",
            received_binding=(
                "recv_frame",
                r"\w+\s*,\s*\w+\s*,\s*([A-Za-z_]\w*)\s*=\s*[\w.\[\]]+:recv_frame\s*\(",
            ),
            statement_wrap=("local function _w()\n", "\nend"),
        ),
    )
}

LANGUAGES: tuple[str, ...] = tuple(SPECS)

_GRAMMARS: dict[str, tuple[str, str]] = {name: spec.grammar for name, spec in SPECS.items()}

_NAMES: dict[str, str] = {
    **{key: name for name, spec in SPECS.items() for key in spec.names},
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
def grammar_available(language: str) -> bool:
    """Does this language's grammar wheel import here? (A bundle for a platform PyPI has no wheel
    of it for leaves it out: that language is then not scanned, and nothing else changes.)"""
    if language not in _GRAMMARS:
        return False
    try:
        importlib.import_module(_GRAMMARS[language][0])
    except ImportError:
        return False
    return True


@cache
def _parser(language: str) -> Parser:
    from tree_sitter import Language, Parser

    module_name, function = _GRAMMARS[language]
    module = importlib.import_module(module_name)
    return Parser(Language(getattr(module, function)()))


def preload(languages: Iterable[str]) -> None:
    """Load these grammars now (e.g. before forking workers that will all need them)."""
    for language in languages:
        if grammar_available(language):
            _parser(language)


# ---------------------------------------------------------------------------------------------
# Per-language tables, derived from the specs (the scanner's modules read these)

_CALL_NAMES: dict[str, tuple[str, ...]] = {
    name: spec.call_names for name, spec in SPECS.items() if not spec.family and spec.call_names
}
_FAMILY: dict[str, str] = {name: spec.family for name, spec in SPECS.items() if spec.family}
# Every close context that can lead to a finding contains one of these strings ("lose" covers close,
# Close, FormatCloseMessage, CloseFrame, {:close…}; "LOSE" covers CLOSE_NORMAL = …). `wscode check`
# skips files without any of them, and the scanner applies the same gate to the one finding that
# needs no close context (a constant named like a close code, WSC008), so both agree.
_NEEDLES: dict[str, tuple[str, ...]] = {name: spec.needles for name, spec in SPECS.items() if spec.needles}


@cache
def needles(language: str) -> tuple[str, ...]:
    """The strings a file must contain for ``wscode check`` to look at it (see ``_NEEDLES``), and
    the markers of the library close APIs of its language whose names hold neither (see
    ``_library_needles``)."""
    family = _FAMILY.get(language, language)
    return ("lose", "LOSE", *_NEEDLES.get(family, ()), *_library_needles(family))


def _library_needles(family: str) -> tuple[str, ...]:
    """A library close API named without "lose" (Poco's ``ws.shutdown(1006)``, uWebSockets'
    ``ws->end(1006)``, IXWebSocket's ``stop``) is one only in a file that holds its marker
    (data/close_apis.json, read by library.py): the marker is the needle, so adding such an API
    is one data entry."""
    from .library import _code_arguments, _lenient

    found = {
        item.marker
        for item in _lenient().get(family, ())
        if any("lose" not in call and "LOSE" not in call for call in item.calls)
    }
    for call, items in _code_arguments().get(family, {}).items():
        if "lose" not in call and "LOSE" not in call:
            found.update(item.marker for item in items)
    return tuple(sorted(m for m in found if "lose" not in m and "LOSE" not in m))


# Which languages' library constants a file may use (Kotlin uses Java libraries too).
_CONSTANT_LANGUAGES: dict[str, tuple[str, ...]] = {
    name: spec.constants_from for name, spec in SPECS.items() if spec.constants_from
}
