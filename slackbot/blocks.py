"""Block Kit for answers: the text after ``/wscode`` in, a message (blocks + notification text) out.

The core decides what every code means (``core.search``); this module only lays it out. Anything
the user typed is shown only as escaped ``plain_text``; facts from the registry are escaped mrkdwn.
Every message leaves through ``limits.fit``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from wscodes.core.registry import CloseCode
from wscodes.core.search import Hit, SearchResult, listing, search
from wscodes.core.teamcodes import ProjectRegistry
from wscodes.core.wording import shorten
from wscodes.slack import limits
from wscodes.slack.text import clean, escape
from wscodes.slack.workspace import WORKSPACE_FILE

__all__ = [
    "ACTION_MORE",
    "ACTION_SHARE",
    "CARDS_PER_PAGE",
    "HELP",
    "LINES_PER_PAGE",
    "Reply",
    "Request",
    "answer",
    "code_line",
    "decode_value",
    "encode_value",
    "help_reply",
    "notice",
    "preview_text",
]

Block = dict[str, Any]

ACTION_MORE = "wscodes_more"
ACTION_SHARE = "wscodes_share"
CARDS_PER_PAGE = 3  # full cards (a word search, a pasted message)
LINES_PER_PAGE = 10  # one line per code (a range, the list)
MAX_PAGE = 1000
ECHO_CHARS = 200  # how much of the question is shown back
_HELP_WORDS = frozenset({"help", "-h", "--help", "?", "usage"})
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")


@dataclass(frozen=True)
class Request:
    """What to answer: the question (as typed, Slack's escaping undone) and which page."""

    query: str
    page: int = 0
    private: bool = True  # an ephemeral answer: offer "Share in channel"
    shared_by: str | None = None  # the user id of whoever shared it into the channel


@dataclass(frozen=True)
class Reply:
    blocks: list[Block]
    text: str  # the notification / fallback text: never contains user text

    def message(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


# -- action values ----------------------------------------------------------------------------


def encode_value(query: str, page: int, shared_by: str | None = None) -> str:
    """A button's value: the question, a page and who shared the message (so its next page still
    says so), as JSON that fits Slack's 2,000-unit limit."""
    extra = {"s": shared_by} if shared_by and _USER_ID.fullmatch(shared_by) else {}
    q = query
    while True:
        value = json.dumps({"q": q, "p": page, **extra}, ensure_ascii=False, separators=(",", ":"))
        over = limits.units(value) - limits.MAX_BUTTON_VALUE
        if over <= 0:
            return value
        q = q[: max(0, len(q) - over - 1)]


def decode_value(value: object) -> tuple[str, int, str | None]:
    """(question, page, sharer) from a button value; anything malformed is the empty question,
    page 0, no sharer."""
    try:
        obj = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        obj = None
    if not isinstance(obj, dict):
        return "", 0, None
    q, p, s = obj.get("q"), obj.get("p"), obj.get("s")
    page = p if isinstance(p, int) and not isinstance(p, bool) and 0 <= p <= MAX_PAGE else 0
    sharer = s if isinstance(s, str) and _USER_ID.fullmatch(s) else None
    return (clean(q) if isinstance(q, str) else ""), page, sharer


# -- small pieces -------------------------------------------------------------------------------


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": escape(text) or " ", "emoji": False}


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _context(*elements: dict[str, Any]) -> Block:
    return {"type": "context", "elements": list(elements)}


def _link(url: str, title: str) -> str:
    if not url.startswith(("https://", "http://")) or any(c in url for c in "<>| "):
        return escape(title)
    return f"<{url}|{escape(title)}>"


def _workspace_code(code: CloseCode) -> bool:
    return code.team and code.team_file == WORKSPACE_FILE


def _title(code: CloseCode) -> str:
    if _workspace_code(code):
        return f"{code.code} {code.name} (this workspace's code)"
    return f"{code.code} {code.name}" + (" (your team's code)" if code.team else "")


def on_wire_text(code: CloseCode) -> str:
    return (":white_check_mark: " if code.on_wire else ":no_entry: ") + escape(code.on_wire_text)


def browser_text(code: CloseCode) -> str:
    return (":white_check_mark: " if code.browser_close_allowed else ":no_entry: ") + escape(
        code.browser_close_text
    )


def _reference(code: CloseCode) -> str:
    if _workspace_code(code):
        return ":busts_in_silhouette: *This workspace's code* — defined with `/wscode define`"
    if code.team:
        where = code.reference.title  # "wscodes.toml (codes.4001)": no machine path
        return f":busts_in_silhouette: *Your team's code* — defined in {escape(where)}"
    return f":book: {_link(code.reference.url, code.reference.title)}"


def card(code: CloseCode, *, full: bool) -> list[Block]:
    """One code: name, meaning, who sends it, on the wire, browser close(), what to do, reference."""
    blocks = _memo(_CARDS, code, full, lambda: _card(code, full))
    return list(blocks)


# A code's blocks depend on the code alone (records are frozen), so they are built once per record
# and shared, read-only. Keyed by identity (hashing a record walks all its fields); the entry keeps
# the record alive, so its id can't be reused while cached.
_MEMO_SIZE = 2048
K = TypeVar("K")
V = TypeVar("V")
_CARDS: dict[tuple[int, bool], tuple[CloseCode, tuple[Block, ...]]] = {}
_LINES: dict[tuple[int, str], tuple[CloseCode, str]] = {}


def _memo(
    table: dict[tuple[int, K], tuple[CloseCode, V]], code: CloseCode, extra: K, build: Callable[[], V]
) -> V:
    """``build()``, remembered per (record, extra) in ``table`` (cleared when it grows too big)."""
    key = (id(code), extra)
    cached = table.get(key)
    if cached is None or cached[0] is not code:
        if len(table) >= _MEMO_SIZE:
            table.clear()
        cached = table[key] = (code, build())
    return cached[1]


MAX_MEASURED = 6  # measured behaviours on a full card


def _card(code: CloseCode, full: bool) -> tuple[Block, ...]:
    head = f"*{escape(_title(code))}*\n{escape(code.meaning)}"
    blocks: list[Block] = [
        _section(head),
        {
            "type": "section",
            "fields": [
                _mrkdwn(f"*Sent by*\n{escape(code.sender_text)}"),
                _mrkdwn(f"*In a Close frame*\n{on_wire_text(code)}"),
                _mrkdwn(f"*Browser close()*\n{browser_text(code)}"),
                _mrkdwn(f"*Reconnect?*\n{escape(code.retry_text)}"),
            ],
        },
        _section(f"*What to do*\n{escape(code.action)}"),
    ]
    if full and code.notes:
        blocks.append(_section("\n".join(f"• {escape(n)}" for n in code.notes)))
    measured = code.measured_highlights if full else ()
    if measured:
        shown = [f"• {escape(m.text)}" for m in measured[:MAX_MEASURED]]
        if len(measured) > MAX_MEASURED:
            shown.append(f"• +{len(measured) - MAX_MEASURED} more (`wscode {code.code}` in a terminal)")
        blocks.append(_section("*Measured* (real implementations on loopback)\n" + "\n".join(shown)))
    if full and code.disagreements:
        notes = "\n".join(f"• {escape(n)}" for n in code.disagreements)
        blocks.append(_section("*Sources disagree*\n" + notes))
    extras = [_mrkdwn(_reference(code))]
    if full and code.constants:
        names = ", ".join(f"`{escape(c.name)}` ({escape(c.library)})" for c in code.constants[:6])
        more = len(code.constants) - 6
        extras.append(_mrkdwn(f"Constants: {names}" + (f", +{more} more" if more > 0 else "")))
    blocks.append(_context(*extras))
    return tuple(blocks)


def code_line(code: CloseCode) -> str:
    """One line for a code: number, name, mark, meaning."""
    return _line(code, "")


def _line(code: CloseCode, why: str) -> str:
    return _memo(_LINES, code, why, lambda: _build_line(code, why))


def _build_line(code: CloseCode, why: str) -> str:
    team = " :busts_in_silhouette:" if code.team else ""
    shown_why = f"  _{escape(why)}_" if why else ""
    return f"*{code.code}* {escape(code.name)}{team} — {escape(shorten(code.meaning, 140))}{shown_why}"


def _you_asked(req: Request) -> Block:
    asked = req.query if len(req.query) <= ECHO_CHARS else req.query[:ECHO_CHARS] + "…"
    elements: list[dict[str, Any]] = []
    if req.shared_by and _USER_ID.fullmatch(req.shared_by):
        elements.append(_mrkdwn(f"Shared by <@{req.shared_by}>"))
    elements.append(_plain(f"/wscode {asked}"))
    return _context(*elements)


def _buttons(req: Request, pages: int) -> list[Block]:
    elements: list[dict[str, Any]] = []
    if req.page + 1 < pages:
        elements.append(
            {
                "type": "button",
                "action_id": ACTION_MORE,
                "text": _plain(f"More results ({req.page + 2}/{pages})"),
                "value": encode_value(req.query, req.page + 1, req.shared_by),
            }
        )
    if req.private:
        elements.append(
            {
                "type": "button",
                "action_id": ACTION_SHARE,
                "style": "primary",
                "text": _plain("Share in channel"),
                "value": encode_value(req.query, req.page),
            }
        )
    return [{"type": "actions", "elements": elements}] if elements else []


def _finish(req: Request, blocks: list[Block], text: str, pages: int = 1) -> Reply:
    fitted, fitted_text = limits.fit([_you_asked(req), *blocks, *_buttons(req, pages)], escape(text))
    return Reply(fitted, fitted_text)


# -- whole answers ------------------------------------------------------------------------------

HELP = (
    "*Look up WebSocket close codes* (RFC 6455, the IANA registry, the browser's `close()` rules)\n"
    "• `/wscode 1011` — one code: meaning, who sends it, whether it may be sent, what to do\n"
    "• `/wscode timeout`, `/wscode message too big` — search by words\n"
    "• `/wscode 3xxx`, `/wscode 4000-4999` — a range\n"
    "• `/wscode list` — every registered code (and your team's)\n"
    "• paste a log line or a browser error — each code in it explained\n"
    '• `/wscode define 4001 "Session expired" retry=after-fix sender=server "Refresh the token."`, '
    "`/wscode undefine 4001`, `/wscode export`, `/wscode import` — this workspace's own codes (admins)\n"
    "Answers are private; *Share in channel* posts one for everyone. "
    "Mention me (`@wscodes what is 1006?`) to get the answer in a thread."
)


def notice(text: str, code: str | None = None) -> Reply:
    """A short private message (an edit's result, an error), and optionally a block of text
    (``/wscode export``'s wscodes.toml) shown verbatim in a preformatted block."""
    blocks: list[Block] = [_section(escape(text))]
    if code is not None:
        blocks.append(_section(f"```\n{escape(code)}\n```"))
    fitted, fitted_text = limits.fit(blocks, escape(text))
    return Reply(fitted, fitted_text)


def help_reply(req: Request) -> Reply:
    return _finish(Request(query=req.query, private=False), [_section(HELP)], "How to use /wscode")


def _listing(query: str, registry: ProjectRegistry) -> SearchResult:
    rest = query.split(None, 1)[1] if " " in query.strip() else ""
    return search(rest, registry) if rest.strip() else listing(registry, query)


def _nothing(req: Request, res: SearchResult) -> Reply:
    blocks = [
        {"type": "section", "text": _plain(res.message or "No close code matches that.")},
        _section(
            "Try a number (`1006`), a range (`3xxx`, `4000-4999`), words such as `timeout`, "
            "`too big`, `policy`, or `/wscode list` for every code. `/wscode help` shows more."
        ),
    ]
    return _finish(req, blocks, "No close code matched")


def _page(hits: tuple[Hit, ...], page: int, size: int) -> tuple[tuple[Hit, ...], int, int]:
    pages = max(1, -(-len(hits) // size))
    page = min(page, pages - 1)
    return hits[page * size : (page + 1) * size], page, pages


def render(req: Request, res: SearchResult) -> Reply:
    """The message for one search result (one page of it)."""
    if not res.hits:
        return _nothing(req, res)
    if res.kind == "number":
        code = res.hits[0].code
        blocks = card(code, full=True)
        if res.message:
            blocks.append(_context(_mrkdwn(escape(res.message))))
        return _finish(req, blocks, f"{_title(code)} — {code.meaning}")
    if res.kind == "range":
        shown, page, pages = _page(res.hits, req.page, LINES_PER_PAGE)
        blocks = [_section(f"*{escape(res.message or 'Close codes')}* ({len(res.hits)})")]
        if page == 0:
            blocks += [_section(f"_{escape(r.name)}_: {escape(r.summary)}") for r in res.ranges]
        blocks.append(_section("\n".join(_line(h.code, h.why if h.score < 1 else "") for h in shown)))
        text = f"{res.message or 'Close codes'}: {len(res.hits)}"
        req = Request(req.query, page, req.private, req.shared_by)
        return _finish(req, blocks, text, pages)
    shown, page, pages = _page(res.hits, req.page, CARDS_PER_PAGE)
    blocks = []
    if page == 0:
        blocks += [_section(f"*What this says:* {escape(text)}") for text in res.explanations]
    for i, hit in enumerate(shown):
        if i or blocks:
            blocks.append({"type": "divider"})
        blocks += card(hit.code, full=False)
    if res.kind == "keyword" and len(res.hits) > 1:
        blocks.append(_context(_mrkdwn(f"{len(res.hits)} codes match, best first")))
    first = shown[0].code
    text = (
        f"{_title(first)} — {first.meaning}" if len(res.hits) == 1 else f"{len(res.hits)} close codes match"
    )
    req = Request(req.query, page, req.private, req.shared_by)
    return _finish(req, blocks, text, pages)


def answer(req: Request, registry: ProjectRegistry) -> Reply:
    """The reply to ``/wscode <req.query>`` (the query with Slack's escaping already undone)."""
    words = req.query.strip()
    if not words or words.lower() in _HELP_WORDS:
        return help_reply(req)
    if words.split(None, 1)[0].lower() == "list":
        return render(req, _listing(words, registry))
    return render(req, search(words, registry))


# -- offline preview --------------------------------------------------------------------------

_MRKDWN_LINK = re.compile(r"<([^<>|]+)\|([^<>]*)>")


def _unmrkdwn(text: str) -> str:
    text = _MRKDWN_LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def preview_text(blocks: list[Block]) -> str:
    """Roughly what Slack shows for ``blocks``, as terminal text."""
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind in ("header", "section") and isinstance(block.get("text"), dict):
            lines.append(_unmrkdwn(block["text"]["text"]))
        if kind == "section":
            lines += ["  " + _unmrkdwn(f["text"]).replace("\n", ": ", 1) for f in block.get("fields", [])]
        elif kind == "context":
            lines.append(" · ".join(_unmrkdwn(e.get("text", "")) for e in block.get("elements", [])))
        elif kind == "actions":
            lines.append("  ".join(f"[ {_unmrkdwn(e['text']['text'])} ]" for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("─" * 40)
    return "\n".join(lines)
