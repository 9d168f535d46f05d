"""Every editor's list of languages names exactly the languages the scanner reads
(core.scan.languages): adding a language there without the editors (or the reverse) fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wscodes.core.scan import LANGUAGES, language_for
from wscodes.core.scan.languages import EMBEDDED

REPO = Path(__file__).resolve().parents[2]
SCANNED = frozenset(LANGUAGES) | EMBEDDED


def _quoted(text: str) -> list[str]:
    return re.findall(r"""["']([^"']+)["']""", text)


def _between(path: str, start: str, end: str) -> str:
    text = (REPO / path).read_text(encoding="utf-8")
    head = text.index(start)
    return text[head : text.index(end, head)]


LISTS = {
    "VS Code": lambda: _quoted(_between("editors/vscode/src/languages.ts", "LANGUAGES", "];")),
    "Neovim 0.7": lambda: _quoted(_between("editors/neovim/wscodes.lua", "filetypes", "}")),
    "Neovim 0.11": lambda: [
        t for t in _quoted(_between("editors/neovim/wscodes-0.11.lua", "filetypes", "}")) if t != "toml"
    ],
    "nvim-lspconfig": lambda: _quoted(_between("editors/neovim/wscodes-lspconfig.lua", "filetypes", "}")),
    "Vim ALE": lambda: _quoted(_between("editors/vim/wscodes-ale.vim", "for s:filetype in", "]")),
    "Zed": lambda: _quoted(_between("editors/zed/extension.toml", "languages =", "]")),
    "pre-commit": lambda: (
        _between(".pre-commit-hooks.yaml", "types_or: [", "]")
        .removeprefix("types_or: [")
        .replace(" ", "")
        .split(",")
    ),
}


@pytest.mark.parametrize("editor", sorted(LISTS))
def test_the_editor_lists_every_scanned_language_and_nothing_else(editor: str) -> None:
    ids = LISTS[editor]()
    assert ids, f"no language list found for {editor}"
    reached = {language_for(i.lower()) for i in ids}
    assert None not in reached, f"{editor} lists an id the scanner doesn't know: {ids}"
    assert reached <= SCANNED, f"{editor}: {sorted(str(r) for r in reached - SCANNED)} aren't scanned"
    missing = set(LANGUAGES) - reached
    assert not missing, f"{editor} misses {sorted(missing)}"


# How the prose names each scanned language (TSX is "JavaScript/TypeScript" there)
PROSE_NAMES = {
    "python": "Python", "javascript": "JavaScript", "typescript": "TypeScript", "tsx": "TypeScript",
    "go": "Go", "rust": "Rust", "java": "Java", "kotlin": "Kotlin", "csharp": "C#", "swift": "Swift",
    "php": "PHP", "ruby": "Ruby", "elixir": "Elixir", "c": "C", "cpp": "C++", "objc": "Objective-C",
    "dart": "Dart", "scala": "Scala", "lua": "Lua",
}  # fmt: skip


def _help() -> str:
    from wscodes.check.cli import _parser

    return _parser().format_help()


PROSE = {
    "README (check)": lambda: _between("README.md", "Finds close codes in", "source"),
    "README (editors)": lambda: _between("README.md", "In Python, JavaScript", "files"),
    "examples/README": lambda: _between("examples/README.md", "Finds close codes in", "source"),
    "VS Code README": lambda: _between("editors/vscode/README.md", "in Python", "F12"),
    "wscode check --help": lambda: " ".join(_help().split()),
}


@pytest.mark.parametrize("where", sorted(PROSE))
def test_the_prose_names_every_scanned_language(where: str) -> None:
    assert set(PROSE_NAMES) == set(LANGUAGES), "a new language needs its name in PROSE_NAMES"
    text = PROSE[where]()
    named = set(re.findall(r"[A-Za-z][A-Za-z+#-]*", text))
    named |= {part for word in list(named) for part in word.split("/")}
    missing = sorted({n for n in PROSE_NAMES.values() if n not in named and n not in text.split("/")})
    assert not missing, f"{where} doesn't name {missing}"
