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
}


@lru_cache(maxsize=4096)
def hover_text(code: CloseCode, constant: Constant | None, role: str, markdown: bool) -> str:
    """The hover for one code (cached: the same code hovers many times)."""
    b = (lambda s: f"**{s}**") if markdown else (lambda s: s)
    lines = [f"{b(f'{code.code} {code.name}')} — {code.status_text}"]
    if constant is not None:
        lines.append(f"`{constant.name}` ({constant.library}) = {code.code}")
    if role in _ROLE_TEXT:
        lines.append(f"_{_ROLE_TEXT[role]}_" if markdown else _ROLE_TEXT[role])
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
    ref = code.reference
    lines += ["", f"[{ref.title}]({ref.url})" if markdown else f"{ref.title}: {ref.url}"]
    if not markdown:
        lines = [line.replace("`", "") for line in lines]
    return "\n".join(lines)


def occurrence_hover(code: CloseCode, occurrence: Occurrence, markdown: bool) -> str:
    return hover_text(code, occurrence.constant, occurrence.role, markdown)
