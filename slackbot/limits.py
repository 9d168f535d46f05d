"""Slack's Block Kit limits, enforced in one place: every message the bot sends goes through ``fit``.

Lengths are counted in UTF-16 code units, which is never less than Slack's character count, so a
message that fits here fits in Slack. Text is cut (with "…") without leaving half an entity or half
a ``<link|label>`` behind; a button whose value would be cut is dropped rather than broken.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "MAX_ACTION_ELEMENTS",
    "MAX_ACTION_ID",
    "MAX_BLOCKS",
    "MAX_BLOCK_ID",
    "MAX_BUTTON_TEXT",
    "MAX_BUTTON_VALUE",
    "MAX_CONTEXT_ELEMENTS",
    "MAX_CONTEXT_TEXT",
    "MAX_FIELDS",
    "MAX_FIELD_TEXT",
    "MAX_HEADER_TEXT",
    "MAX_MESSAGE_TEXT",
    "MAX_SECTION_TEXT",
    "MAX_URL",
    "clip",
    "fit",
    "units",
]

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 3000
MAX_ACTION_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
MAX_BLOCK_ID = 255
MAX_URL = 3000
MAX_MESSAGE_TEXT = 3000  # the notification text; Slack allows 40,000 but shows far less

_DANGLING = re.compile(r"(?:&[#A-Za-z0-9]{0,8}|<[^<>]*)$")


def units(text: str) -> int:
    """Length in UTF-16 code units (an emoji outside the BMP counts 2)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def clip(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` units, else its longest clean prefix that fits, plus "…"."""
    if 2 * len(text) <= limit or units(text) <= limit:
        return text
    raw = text.encode("utf-16-le", "surrogatepass")[: 2 * (limit - 1)]
    cut = raw.decode("utf-16-le", "ignore")  # a split surrogate pair is dropped, not kept half
    return _DANGLING.sub("", cut) + "…"


def _fit_text(obj: Any, limit: int) -> Any:
    if isinstance(obj, dict) and isinstance(text := obj.get("text"), str):
        fitted = clip(text, limit) or " "
        return obj if fitted is text else {**obj, "text": fitted}
    return obj


def _fit_element(el: Any) -> Any:
    if not isinstance(el, dict) or el.get("type") != "button":
        return el
    value = el.get("value")
    if isinstance(value, str) and units(value) > MAX_BUTTON_VALUE:
        return None
    if units(str(el.get("action_id", ""))) > MAX_ACTION_ID:
        return None
    url = el.get("url")
    if isinstance(url, str) and units(url) > MAX_URL:
        return None
    return {**el, "text": _fit_text(el.get("text"), MAX_BUTTON_TEXT)}


def _fit_block(block: Block) -> Block | None:
    kind = block.get("type")
    out = dict(block)
    if isinstance(out.get("block_id"), str) and units(out["block_id"]) > MAX_BLOCK_ID:
        del out["block_id"]
    if kind == "header":
        out["text"] = _fit_text(out.get("text"), MAX_HEADER_TEXT)
    elif kind == "section":
        if "text" in out:
            out["text"] = _fit_text(out["text"], MAX_SECTION_TEXT)
        if "fields" in out:
            out["fields"] = [_fit_text(f, MAX_FIELD_TEXT) for f in out["fields"][:MAX_FIELDS]]
        if "accessory" in out:
            accessory = _fit_element(out["accessory"])
            if accessory is None:
                del out["accessory"]
            else:
                out["accessory"] = accessory
    elif kind == "context":
        out["elements"] = [_fit_text(e, MAX_CONTEXT_TEXT) for e in out.get("elements", [])][
            :MAX_CONTEXT_ELEMENTS
        ]
    elif kind == "actions":
        kept = [e for e in map(_fit_element, out.get("elements", [])) if e is not None]
        if not kept:
            return None
        out["elements"] = kept[:MAX_ACTION_ELEMENTS]
    return out


def fit(blocks: list[Block], text: str) -> tuple[list[Block], str]:
    """The same message, within Slack's limits (at most 50 blocks: the last one, the buttons, kept)."""
    fitted = [b for b in map(_fit_block, blocks) if b is not None]
    if len(fitted) > MAX_BLOCKS:
        fitted = [*fitted[: MAX_BLOCKS - 1], fitted[-1]]
    return fitted, clip(text, MAX_MESSAGE_TEXT) or " "
