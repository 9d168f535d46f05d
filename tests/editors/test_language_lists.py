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
