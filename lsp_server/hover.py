"""Hover text for a close code: built only from the core's ``CloseCode`` fields (no facts of our own)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from wscodes.core.registry import CloseCode

if TYPE_CHECKING:
    from wscodes.core.registry import Constant
    from wscodes.core.scan import Occurrence


_ROLE_TEXT = {
    "send": "sent by this call",
    "compare": "compared with a received close code here",
    "event": "a close event built here: the code is reported locally, never sent",
}
MAX_MEASURED = 6


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high}"
    return f"≥ {low}" if low is not None else f"≤ {high}"


def role_line(occurrence: Occurrence) -> str | None:
    """What the code does at this place in the source, in words (None: nothing to add)."""
    if occurrence.role == "bound":
        what = f"the bound of a range check ({_bounds(occurrence.range_low, occurrence.range_high)})"
        return f"{what}, not a code on its own"
    if occurrence.role == "mention":  # read as a close code from what surrounds it (never checked)
        return f"read as a close code from its context ({occurrence.api})"
    text = _ROLE_TEXT.get(occurrence.role)
    if occurrence.library_note:
        text = f"{text}: {occurrence.library_note}" if text else occurrence.library_note
    return text


@lru_cache(maxsize=4096)
def hover_text(code: CloseCode, constant: Constant | None, role: str | None, markdown: bool) -> str:
    """The hover for one code (cached: the same code hovers many times). ``role``: ``role_line``."""
    b = (lambda s: f"**{s}**") if markdown else (lambda s: s)
    lines = [f"{b(f'{code.code} {code.name}')} — {code.status_text}"]
    if constant is not None:
        lines.append(f"`{constant.name}` ({constant.library}) = {code.code}")
    if role:
        lines.append(f"_{role}_" if markdown else role)
    lines += ["", code.meaning, ""]
    rows = [
        ("Sent by", code.sender_text),
        ("In a Close frame", code.on_wire_text),
        ("Browser close()", code.browser_close_text),
        ("Reconnect?", code.retry_text),
        ("What to do", code.action),
    ]
    lines += [f"- {b(label)}: {text}" for label, text in rows]
    for note in code.notes:
        lines += ["", f"_{note}_" if markdown else note]
    measured = code.measured_highlights
    if measured:
        lines += ["", b("Measured") + " (real implementations on loopback):"]
        lines += [f"- {m.text}" for m in measured[:MAX_MEASURED]]
        if len(measured) > MAX_MEASURED:
            lines.append(f"- +{len(measured) - MAX_MEASURED} more: `wscode {code.code}`")
    for note in code.disagreements:
        lines += ["", f"{b('Sources disagree')}: {note}"]
    ref = code.reference
    lines += ["", f"[{ref.title}]({ref.url})" if markdown else f"{ref.title}: {ref.url}"]
    if not markdown:
        lines = [line.replace("`", "") for line in lines]
    return "\n".join(lines)


def occurrence_hover(code: CloseCode, occurrence: Occurrence, markdown: bool) -> str:
    return hover_text(code, occurrence.constant, role_line(occurrence), markdown)
