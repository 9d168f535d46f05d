"""``wscode check --fix`` / ``--diff``: apply the findings' fixes (the core writes them; this only
edits text).

Each rule says whether its fix is safe (``Rule.fix_safety``): safe fixes run with ``--fix``,
unsafe ones only with ``--unsafe-fixes`` too. A file is fixed in passes (at most MAX_PASSES): each
pass applies the fixes that don't overlap, then the file is checked again, so what is reported
afterwards is what remains. Files that are not valid UTF-8 are left alone (a note says so).
"""

from __future__ import annotations

import difflib
import sys

from wscodes.core.positions import LineIndex

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from wscodes.check.report import Row

__all__ = ["apply_fixes", "fix_text", "unified"]

MAX_PASSES = 10
BOM = b"\xef\xbb\xbf"


def _wanted(row: Row, unsafe: bool) -> bool:
    return row.fixable == "safe" or (unsafe and row.fixable == "unsafe")


def fix_text(text: str, rows: Sequence[Row], *, unsafe: bool) -> tuple[str, int]:
    """``text`` with the first fix of each finding in ``rows`` applied (the ones that don't
    overlap an earlier one), and how many were applied."""
    index = LineIndex(text)
    edits: list[tuple[int, int, str]] = []
    for row in rows:
        if not _wanted(row, unsafe):
            continue
        _title, line, column, end_line, end_column, replacement = row.fixes[0]
        start = index.offset(line - 1, column - 1, "utf-32")
        end = index.offset(end_line - 1, end_column - 1, "utf-32")
        edits.append((start, end, replacement))
    edits.sort()
    applied: list[tuple[int, int, str]] = []
    for edit in edits:
        if applied and edit[0] < applied[-1][1]:
            continue  # overlaps the previous one: the next pass gets it
        applied.append(edit)
    out = text
    for start, end, replacement in reversed(applied):
        out = out[:start] + replacement + out[end:]
    return out, len(applied)


def unified(path: str, before: str, after: str) -> str:
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def apply_fixes(
    rows: list[Row],
    *,
    unsafe: bool,
    write: bool,
    recheck: Callable[[str, str | None], tuple[list[Row], str | None, int]],
) -> tuple[list[Row], int, str]:
    """Fix every file with fixable findings: (the rows that remain, fixes applied, unified diff).
    ``write``: write the files back (--fix); else only the diff (--diff)."""
    from wscodes.check.report import display
    from wscodes.core.scan import language_for

    by_path: dict[str, list[Row]] = {}
    for row in rows:
        by_path.setdefault(row.path, []).append(row)
    remaining: list[Row] = []
    diffs: list[str] = []
    total = 0
    for path in sorted(by_path):
        found = by_path[path]
        if not any(_wanted(r, unsafe) for r in found):
            remaining.extend(found)
            continue
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            print(f"wscode check: not fixed {path}: cannot read it ({exc.strerror or exc})", file=sys.stderr)
            remaining.extend(found)
            continue
        bom = data.startswith(BOM)
        try:
            original = data[len(BOM) if bom else 0 :].decode("utf-8")
        except UnicodeDecodeError:
            print(f"wscode check: not fixed {path}: not UTF-8 text", file=sys.stderr)
            remaining.extend(found)
            continue
        text, language, fixed_here = original, language_for(path), 0
        for _pass in range(MAX_PASSES):
            text, count = fix_text(text, found, unsafe=unsafe)
            fixed_here += count
            found = _recheck_text(path, language, text, recheck)
            if not count or not any(_wanted(r, unsafe) for r in found):
                break
        total += fixed_here
        remaining.extend(found)
        if text == original:
            continue
        if write:
            _write_back(path, (BOM if bom else b"") + text.encode("utf-8"))
        else:
            diffs.append(unified(display(path), original, text))
    return remaining, total, "".join(diffs)


def _recheck_text(
    path: str,
    language: str | None,
    text: str,
    recheck: Callable[[str, str | None], tuple[list[Row], str | None, int]],
) -> list[Row]:
    """The findings of the fixed ``text`` (reported as ``path``)."""
    from wscodes.check.engine import check_text

    if language is None:
        return recheck(path, language)[0]
    return check_text(path, language, text)[0]


def _write_back(path: str, data: bytes) -> None:
    """Write the fixed contents in place (as ruff does: links, owner and permissions stay)."""
    with open(path, "wb") as f:
        f.write(data)
