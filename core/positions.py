"""Text offsets <-> editor positions (line, character) in UTF-16, UTF-8 or UTF-32 units.

Lines end only at ``\\n``, ``\\r\\n`` and ``\\r``: LSP clients and editors do not break lines at
U+2028, U+2029, U+0085 or form feed, so neither do we (``str.splitlines`` would).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

__all__ = ["ENCODINGS", "LineIndex", "line_column"]

ENCODINGS = ("utf-16", "utf-8", "utf-32")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    """The length of ``text`` in code units of ``encoding`` (lone surrogates count as one unit)."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-16":
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


def _check(encoding: str) -> None:
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown position encoding {encoding!r}; use one of {ENCODINGS}")


class LineIndex:
    """Where each line starts, so offsets and (line, character) positions convert both ways."""

    __slots__ = ("_ascii", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._ascii = text.isascii()
        if "\r" in text:
            self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        else:  # the common case, ~10x faster than the regular expression
            self._starts = [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """The str offset where ``line`` starts (clamped into the document)."""
        return self._starts[max(0, min(line, len(self._starts) - 1))]

    def _line_end(self, line: int) -> int:
        """The offset of the end of ``line``'s content (before its line break)."""
        if line + 1 < len(self._starts):
            end = self._starts[line + 1]
            if self._text.startswith("\r\n", end - 2) and end - 2 >= self._starts[line]:
                return end - 2
            return end - 1
        return len(self._text)

    def position(self, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
        """str offset -> (line, character), both 0-based; offsets are clamped into the text."""
        _check(encoding)
        offset = max(0, min(offset, len(self._text)))
        line = bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        if offset > start and self._text[offset - 1] == "\r" and self._text.startswith("\n", offset):
            offset -= 1  # inside a CRLF pair: the position is the end of the line's content
        if self._ascii:
            return line, offset - start
        return line, _units(self._text[start:offset], encoding)

    def offset(self, line: int, character: int, encoding: str = "utf-16") -> int:
        """(line, character) -> str offset, clamped into the document (past-the-end is never an error)."""
        _check(encoding)
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self._text)
        start = self._starts[line]
        end = self._line_end(line)
        if character <= 0:
            return start
        if self._ascii or encoding == "utf-32":
            return min(start + character, end)
        units = 0
        for i in range(start, end):
            if units >= character:
                return i
            ch = self._text[i]
            if encoding == "utf-16":
                units += 2 if ord(ch) > 0xFFFF else 1
            else:
                units += len(ch.encode("utf-8", "surrogatepass"))
            if units > character:
                return i  # inside a multi-unit character: snap to its start
        return end


# line_column's last answer for a text without CR: (text, offset, line). wscode check asks for the
# positions of one file's findings in increasing order, so counting line breaks on from the last
# offset beats counting from the start every time. Used only for that very (immutable) str object,
# which the reference keeps alive; one tuple, replaced whole, so threads can share it.
_last_answer: list[tuple[str, int, int]] = [("", 0, 0)]


def line_column(text: str, offset: int) -> tuple[int, int]:
    """(line, code-point column), 0-based, for one offset without building a LineIndex."""
    last_text, last_offset, last_line = _last_answer[0]
    same = last_text is text
    if not same and "\r" in text:
        return LineIndex(text).position(offset, "utf-32")
    offset = max(0, min(offset, len(text)))
    if same and last_offset <= offset:
        line = last_line + text.count("\n", last_offset, offset)
    else:
        line = text.count("\n", 0, offset)
    _last_answer[0] = (text, offset, line)
    return line, offset - (text.rfind("\n", 0, offset) + 1)
