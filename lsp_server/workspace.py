"""Every close-code use in the workspace, by file and by code: what references, workspace
symbols and the team file's code lenses read.

Files on disk are listed as ``wscode check`` lists them (``wscodes.check.files.select``: git's
view of the tree, else a walk that skips virtualenvs and build folders) and scanned with the
engine (``core.scan.scan``); an open document's latest analysis replaces its file's entry, and
``workspace/didChangeWatchedFiles`` keeps the rest current.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import from_fs_path

from wscodes.core.positions import LineIndex

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from wscodes.core.scan import Occurrence

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 2 * 1024 * 1024  # larger files on disk are left out of the index (minified, data)
ROLE_WORDS = {"send": "sent", "compare": "handled", "define": "named"}


@dataclass(frozen=True)
class CodeUse:
    """One close code in one file: where, and what the code does there."""

    uri: str
    range: types.Range
    code: int
    role: str  # "send" | "compare" | "define"
    text: str  # the source text, e.g. "4001" or "SESSION_EXPIRED"
    name: str | None = None  # for role "define": the constant's name

    @property
    def location(self) -> types.Location:
        return types.Location(uri=self.uri, range=self.range)


def uses_of(
    uri: str,
    occurrences: Iterable[Occurrence],
    index: LineIndex,
    encoding: str,
    text: str | None = None,
) -> tuple[CodeUse, ...]:
    """The uses of one file from the engine's occurrences (received codes passed on are skipped);
    with the file's ``text``, also where the constants it sends or compares are defined."""
    occurrences = list(occurrences)
    spans = [
        (occ.start, occ.end, occ.code, occ.role, occ.text, occ.name) for occ in occurrences if occ.code >= 0
    ]
    if text is not None:
        spans += constant_definitions(text, occurrences)
    found = []
    for start, end, code, role, source, name in sorted(spans):
        sl, sc = index.position(start, encoding)
        el, ec = index.position(end, encoding)
        found.append(
            CodeUse(
                uri=uri,
                range=types.Range(
                    start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)
                ),
                code=code,
                role=role,
                text=source,
                name=name,
            )
        )
    return tuple(found)


# `NAME = 4001`, `const NAME = 4001`, `NAME: int = 4001`, `NAME StatusCode = 4001` (Go),
# `NAME := 4001`, `@name 4001` (Elixir): the literal a named constant is bound to, on its line.
_BINDING = (
    r"(?<![\w$]){name}[ \t]*(?::[ \t]*[\w.<>\[\]?]+[ \t]*|[ \t]+[A-Za-z_][\w.]*[ \t]*)?"
    r"(?::=|=(?![=>~])|[ \t])[ \t]*(?P<value>\d[\d_]*)(?![\w.])"
)
_LINE_COMMENT = re.compile(r"#|//|/\*|^\s*\*|--|['\"`]")
_SEPARATOR = re.compile(r"::|->|\.")


def constant_definitions(
    text: str, occurrences: Iterable[Occurrence]
) -> list[tuple[int, int, int, str, str, str]]:
    """(start, end, code, "define", literal, name) for the literal each named constant the engine
    resolved in this file (``close(SESSION_EXPIRED)`` -> 4001) is bound to, where that literal is
    not an occurrence already: "find references" of 4001 lists ``SESSION_EXPIRED = 4001`` too,
    not only the constants whose name says a code. The engine decided the value; this only finds
    the binding that holds it (same number, same name, not in a comment or string on its line)."""
    occurrences = list(occurrences)
    taken = {(occ.start, occ.end) for occ in occurrences}
    wanted: dict[str, int] = {}
    for occ in occurrences:
        if occ.kind != "constant" or occ.constant is not None or occ.passthrough or occ.code < 0:
            continue
        name = _SEPARATOR.split(occ.text.strip())[-1].lstrip("$@")
        if name.isidentifier():
            wanted.setdefault(name, occ.code)
    out: list[tuple[int, int, int, str, str, str]] = []
    for name, code in wanted.items():
        pattern = re.compile(_BINDING.format(name=r"[$@]?" + re.escape(name)))
        for m in pattern.finditer(text):
            start, end = m.span("value")
            try:
                value = int(m.group("value").replace("_", ""))
            except ValueError:
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            if value != code or (start, end) in taken or _LINE_COMMENT.search(text, line_start, m.start()):
                continue
            taken.add((start, end))
            out.append((start, end, code, "define", m.group("value"), name))
    return out


def read_source(path: str, encoding: str = "utf-8") -> str | None:
    """The text of a source file on disk (None when it is unreadable or over MAX_FILE_BYTES)."""
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return None
        with open(path, encoding=encoding, errors="replace", newline="") as f:
            return f.read()
    except OSError:
        return None


def scan_file(path: str, language: str, encoding: str) -> tuple[CodeUse, ...]:
    """The uses in one file on disk (none when it is unreadable, too big or holds no needle)."""
    from wscodes.core.scan import needles, scan

    text = read_source(path)
    if text is None:
        return ()
    if not any(needle in text for needle in needles(language)):
        return ()
    uri = from_fs_path(path) or path
    return uses_of(uri, scan(text, language).occurrences, LineIndex(text), encoding, text)


def list_files(folder: str) -> Iterator[tuple[str, str]]:
    """(path, language) of every source file ``wscode check`` would read in ``folder``."""
    from wscodes.check.files import UsageError, select

    try:
        selection = select([folder], jobs=1)
    except UsageError as exc:
        log.warning("cannot list %s: %s", folder, exc)
        return
    try:
        for path, language in selection.files():
            if language is not None:
                yield os.path.abspath(path), language
    finally:
        selection.close()


class WorkspaceIndex:
    """The uses of every indexed file, by URI; answers by code."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[CodeUse, ...]] = {}

    def set_file(self, uri: str, uses: tuple[CodeUse, ...]) -> bool:
        """Replace one file's uses; True when the codes it uses (or how often) changed."""
        old = self._files.get(uri, ())
        if uses:
            self._files[uri] = uses
        else:
            self._files.pop(uri, None)
        return Counter((u.code, u.role) for u in old) != Counter((u.code, u.role) for u in uses)

    def remove(self, uri: str) -> bool:
        return self.set_file(uri, ())

    def files(self) -> list[str]:
        return list(self._files)

    def all_uses(self) -> Iterator[CodeUse]:
        for uses in list(self._files.values()):
            yield from uses

    def uses(self, code: int) -> list[CodeUse]:
        """Every use of ``code``, by file and position."""
        found = [u for u in self.all_uses() if u.code == code]
        return sorted(found, key=lambda u: (u.uri, u.range.start.line, u.range.start.character))

    def counts(self, code: int) -> Counter[str]:
        """How often ``code`` is sent, compared and named, by role."""
        return Counter(u.role for u in self.all_uses() if u.code == code)

    def codes(self) -> set[int]:
        return {u.code for u in self.all_uses()}


def usage_text(counts: Counter[str]) -> str:
    """ "sent in 3 places, handled in 2" (and "named by 1 constant" when a constant names it)."""

    def places(n: int) -> str:
        return f"{n} place" if n == 1 else f"{n} places"

    text = f"sent in {places(counts['send'])}, handled in {counts['compare']}"
    if counts["define"]:
        text += f", named by {counts['define']} constant" + ("s" if counts["define"] > 1 else "")
    return text
