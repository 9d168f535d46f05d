"""An independent check of a Slack message: Block Kit's published limits, and that nothing can ping or link.

Written from Slack's Block Kit reference, not from slackbot.limits, so that it can disagree with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

ALLOWED_ANGLE = re.compile(r"<(?:https://[^<>|\s]+\|[^<>]*|@U[A-Z0-9]+)>")
ENTITY = re.compile(r"&(?:amp|lt|gt);")


def length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def visible_texts(blocks: list[dict[str, Any]]) -> Iterator[str]:
    for text_object in text_objects(blocks):
        yield text_object["text"]


def text_objects(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        for key in ("text",):
            if isinstance(block.get(key), dict):
                yield block[key]
        yield from block.get("fields", [])
        if block["type"] == "context":
            yield from block["elements"]
        if block["type"] == "actions":
            for element in block["elements"]:
                yield element["text"]


def problems(message: dict[str, Any]) -> list[str]:
    """Every way ``message`` breaks a Slack limit or could ping, link or leak raw markup."""
    out: list[str] = []
    blocks = message["blocks"]
    if not 1 <= len(blocks) <= 50:
        out.append(f"{len(blocks)} blocks")
    if not isinstance(message.get("text"), str) or not message["text"] or length(message["text"]) > 40000:
        out.append("notification text")
    for block in blocks:
        kind = block["type"]
        if kind == "header" and length(block["text"]["text"]) > 150:
            out.append("header > 150")
        if kind == "section":
            if "text" not in block and "fields" not in block:
                out.append("empty section")
            if "text" in block and not 1 <= length(block["text"]["text"]) <= 3000:
                out.append("section text not 1..3000")
            if len(block.get("fields", [])) > 10 or any(
                length(f["text"]) > 2000 for f in block.get("fields", [])
            ):
                out.append("fields")
        if kind == "context" and not 1 <= len(block["elements"]) <= 10:
            out.append("context elements")
        if kind == "actions":
            if not 1 <= len(block["elements"]) <= 25:
                out.append("action elements")
            for button in block["elements"]:
                if not 1 <= length(button["text"]["text"]) <= 75:
                    out.append("button text")
                if length(button.get("value", "")) > 2000 or length(button["action_id"]) > 255:
                    out.append("button value / action_id")
    for obj in text_objects(blocks):
        text = obj["text"]
        if obj["type"] not in ("plain_text", "mrkdwn"):
            out.append(f"text type {obj['type']}")
        if not text:
            out.append("empty text object")
        if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text) or re.search(r"[\ud800-\udfff]", text):
            out.append("control character or lone surrogate")
        if "<!" in text:
            out.append("special mention")
        stripped = ALLOWED_ANGLE.sub("", text) if obj["type"] == "mrkdwn" else text
        if "<" in stripped or ">" in stripped:
            out.append(f"raw angle bracket in {obj['type']}: {text[:80]!r}")
        if "&" in ENTITY.sub("", stripped):
            out.append(f"unescaped & in {obj['type']}")
    return out
