"""Text in and out of Slack: undo Slack's escaping of what users type, escape what we echo.

Slack sends ``&``, ``<`` and ``>`` as ``&amp;``, ``&lt;``, ``&gt;`` and wraps mentions, channels and
links in ``<…>``. ``from_slack`` turns that back into the text the person typed; ``escape`` makes
any text inert again (no ``<!channel>`` ping, no ``<http://x|y>`` link). Text a user typed is only
ever shown in ``plain_text`` objects, so mrkdwn's ``*_~``` can't format it either.
"""

from __future__ import annotations

import re

__all__ = ["clean", "escape", "from_slack", "mention_text"]

_ANGLE = re.compile(r"<([^<>]*)>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LEADING_MENTIONS = re.compile(r"^\s*(?:<@[A-Z0-9]+(?:\|[^<>]*)?>\s*)+")


def clean(text: str) -> str:
    """No lone surrogates (they can't be encoded) and no control characters but tab and newline."""
    return _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text))


def _angle(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith(("@", "#")):  # <@U123|name>, <#C123|general>
        return target[0] + label if label else target
    if target.startswith("!"):  # <!channel>, <!here>, <!subteam^S1|@team>, <!date^…|fallback>
        if label:
            return label
        return "@" + target[1:].split("^", 1)[0]
    return label or target  # <https://x|label>, <mailto:a@b>


def from_slack(text: str) -> str:
    """What the person typed, from Slack's escaped form."""
    text = _ANGLE.sub(_angle, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return clean(text)


def mention_text(text: str) -> str:
    """An @mention's text without the leading bot mention(s), Slack's escaping undone."""
    return from_slack(_LEADING_MENTIONS.sub("", text))


def escape(text: str) -> str:
    """Inert in any Slack text object: ``&``, ``<``, ``>`` as entities, control characters gone."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
