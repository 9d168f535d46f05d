"""Text helpers every front end shares, so the terminal, the editor, Slack and the page word
things the same way (the facts' own words are on CloseCode: ``sender_text``, ``status_text``…)."""

from __future__ import annotations

__all__ = ["shorten"]

_TRAILING = ",;:—-"


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(_TRAILING) + "…"
