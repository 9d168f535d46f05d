"""``wscode html``: the searchable close-code reference as one self-contained, offline HTML page.

The page is generated from the same registry as every other front end, so it cannot disagree
with the editor, CI or Slack. Everything it needs is inlined: the CSS, the script, and the data
— every known code as ``CloseCode.to_json()`` (plus display strings), the ranges, a template per
range for numbers that are not codes, and the core's word index
(``core.search.index_for(registry).to_json()``). The script only applies the core's documented
scoring to that index and mirrors ``core.search.search``'s number/range parsing with the core's
own regular expressions (translated below), so the page ranks exactly as ``wscode`` does.

No network: a Content-Security-Policy with ``default-src 'none'`` and hashes for the one inline
style and script; works from ``file://`` and from any static host.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import html
import json
import os
import sys
import unicodedata
from functools import cache
from importlib import resources

import wscodes.core.search as core_search
from wscodes.core.errors import ConfigError
from wscodes.core.registry import SENDER_TEXT, CloseCode, CodeRange, Source, classify, data
from wscodes.core.search import KEEP_RATIO, MAX_DIGITS, MAX_QUERY, index_for
from wscodes.core.teamcodes import ProjectRegistry, discover

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

__all__ = ["main", "page_data", "render_page"]

PLACEHOLDER = "{n}"  # where a number goes in a range's template record
DATA_ELEMENT_ID = "wscodes-data"
INTEGER = r"[+-]?[0-9]+"  # what core.search._is_integer accepts (ASCII digits, one optional sign)

# --------------------------------------------------------------------------- the data


def _public_source(src: dict[str, str]) -> dict[str, str]:
    """Team sources point at a local file (a machine path): keep its name, drop the file URL."""
    if src.get("url", "").startswith("file:"):
        return {"title": src["title"], "url": ""}
    return src


def code_view(code: CloseCode) -> dict[str, Any]:
    """``code.to_json()`` plus the display strings the page shows (the terminal's wording)."""
    view = code.to_json()
    view["reference"] = _public_source(view["reference"])
    view["sources"] = [_public_source(s) for s in view["sources"]]
    view["display"] = {
        "sender": code.sender_text,
        "on_wire": code.on_wire_text,
        "browser": code.browser_close_text,
        "retry": code.retry_text[:1].upper() + code.retry_text[1:],
        "status": code.status_text,
    }
    view["team_file"] = os.path.basename(code.team_file) if code.team_file else None
    return view


def _range_view(r: CodeRange) -> dict[str, Any]:
    return {
        **r.to_json(),
        "status": r.status,
        "advice": r.advice,
        "sender": r.sender.value,
        "on_wire": r.on_wire,
        "notes": list(r.notes),
        "sources": [s.to_json() for s in r.sources],
    }


def _replace_strings(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace_strings(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _replace_strings(v, old, new) for k, v in value.items()}
    return value


def _candidates(r: CodeRange, avoid: set[int]) -> list[int]:
    low = r.low if r.low is not None else (r.high or 0) - 98_765
    high = r.high if r.high is not None else low + 98_765
    step = max((high - low) // 17, 1)
    return [n for n in range(low + 3, high + 1, step) if n not in avoid and n in r]


def _template_of(n: int) -> dict[str, Any]:
    view = code_view(classify(n))
    if PLACEHOLDER in json.dumps(view):
        raise AssertionError(f"registry text contains the placeholder {PLACEHOLDER!r}")
    view["code"] = None
    view["constants"] = []
    replaced: dict[str, Any] = _replace_strings(view, str(n), PLACEHOLDER)
    return replaced


def range_template(r: CodeRange, avoid: set[int]) -> dict[str, Any]:
    """The record of any unregistered number in ``r``, with ``{n}`` where the number goes.

    Built from ``classify`` on two probe numbers whose templates agree (a probe whose digits
    also occur in the range's fixed text gives a different template and is skipped), so the
    page renders ``classify(n)`` for any ``n`` exactly as the core does, without a copy of
    its wording.
    """
    templates: list[dict[str, Any]] = []
    for n in _candidates(r, avoid):
        t = _template_of(n)
        if any(t == seen for seen in templates):
            return t
        templates.append(t)
    raise AssertionError(f"no stable template for range {r.id}")


@cache
def _digit_zeros() -> list[int]:
    """Code points of every Unicode '0' digit: Python's ``\\d`` and ``int()`` accept them all."""
    return [
        cp
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) == "Nd" and unicodedata.decimal(chr(cp)) == 0
    ]


@cache
def _whitespace() -> str:
    """Every character Python's ``str.strip()`` and ``\\s`` treat as white space."""
    return "".join(c for c in map(chr, range(0x110000)) if c.isspace())


def _js_class_chars(chars: str) -> str:
    return "".join(f"\\u{{{ord(c):x}}}" for c in chars)


def js_regex(pattern: str) -> dict[str, str]:
    """A Python ``re`` pattern as a JavaScript RegExp (``u`` flag) that matches the same text.

    Python's ``\\d`` and ``\\s`` are Unicode-aware and ``.`` only excludes ``\\n``; a leading
    ``(?i)`` becomes the ``i`` flag. Raises ValueError on a construct this does not translate.
    """
    flags = "u"
    if pattern.startswith("(?i)"):
        pattern, flags = pattern[4:], "iu"
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1]
            if nxt == "d":
                out.append("\\p{Nd}")
            elif nxt == "s":
                ws = _js_class_chars(_whitespace())
                out.append(ws if in_class else f"[{ws}]")
            elif nxt in "AZ":
                raise ValueError(f"cannot translate \\{nxt} in {pattern!r}")
            else:
                out.append(ch + nxt)
            i += 2
            continue
        if ch == "(" and pattern.startswith("(?", i) and pattern[i + 2] not in ":=!<":
            raise ValueError(f"cannot translate inline flags or named groups in {pattern!r}")
        if ch == "(" and pattern.startswith("(?<", i) and pattern[i + 3] not in "=!":
            raise ValueError(f"cannot translate named groups in {pattern!r}")
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch == "." and not in_class:
            out.append("[^\\n]")
            i += 1
            continue
        out.append(ch)
        i += 1
    return {"source": "".join(out), "flags": flags}


def page_data(registry: ProjectRegistry) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-able data."""
    reg = data()
    known = registry.known()
    known_numbers = {c.code for c in known}
    constant_numbers = {c.code for c in reg.constants}
    other_constants: dict[str, list[dict[str, str | int]]] = {}
    for c in reg.constants:
        if c.code not in known_numbers:
            other_constants.setdefault(str(c.code), []).append(c.to_json())
    avoid = known_numbers | constant_numbers
    bc = reg.browser_close
    return {
        "iana_registry_updated": reg.iana_registry_updated,
        "team_file": os.path.basename(registry.config.path)
        if registry.team and registry.config.path
        else None,
        "codes": [code_view(c) for c in known],
        "ranges": [_range_view(r) for r in reg.ranges],
        "unregistered": {r.id: range_template(r, avoid) for r in reg.ranges},
        "constants": other_constants,
        "browser_close": {"allowed": bc.allowed, "code_error": bc.code_error, "summary": bc.summary},
        "index": index_for(registry).to_json(),
        "search": {
            "max_query": MAX_QUERY,
            "max_digits": MAX_DIGITS,
            "keep_ratio": KEEP_RATIO,
            "whitespace": _whitespace(),
            "digit_zeros": _digit_zeros(),
            "number": js_regex(INTEGER),
            "range_x": js_regex(core_search.RANGE_X),
            "range_span": js_regex(core_search.RANGE_SPAN),
            "code_in_text": js_regex(core_search.CODE_IN_TEXT),
            "messages": [
                {
                    "id": m.id,
                    "pattern": js_regex(m.pattern),
                    "code_pattern": js_regex(m.code_pattern) if m.code_pattern else None,
                    "explanation": m.explanation,
                    "codes": list(m.codes),
                }
                for m in reg.messages
            ],
        },
    }


def _json_for_script(value: object) -> str:
    """JSON safe inside <script type="application/json">: no '<', '>', '&' or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# --------------------------------------------------------------------------- the HTML

e = html.escape


def _link(src: Source | dict[str, str]) -> str:
    title, url = (src.title, src.url) if isinstance(src, Source) else (src["title"], src["url"])
    if not url:
        return e(title)
    return f'<a href="{e(url)}" rel="noreferrer">{e(title)}</a>'


def _badges(view: dict[str, Any]) -> str:
    out = []
    if view["team"]:
        out.append('<span class="badge team">your team</span>')
    if view["on_wire"]:
        out.append('<span class="badge ok">may be sent</span>')
    else:
        out.append('<span class="badge bad">never sent</span>')
    if view["browser_close_allowed"]:
        out.append('<span class="badge ok">browser close() ok</span>')
    return "".join(out)


def _row(label: str, value_html: str) -> str:
    return f"<dt>{e(label)}</dt><dd>{value_html}</dd>"


def _entry(view: dict[str, Any]) -> str:
    n = view["code"]
    d = view["display"]
    rows = [
        _row("Meaning", e(view["meaning"])),
        _row("Who sends it", e(d["sender"])),
        _row("In a Close frame", e(d["on_wire"])),
        _row("Browser close()", e(d["browser"])),
        _row("What to do", e(view["action"])),
        _row("Reconnect?", e(d["retry"])),
        _row("Range", f'<a href="#range-{e(view["range"]["id"])}">{e(view["range"]["name"])}</a>'),
    ]
    if view["constants"]:
        items = "".join(
            f'<li><code>{e(c["name"])}</code> <span class="lib">{e(c["library"])}</span></li>'
            for c in view["constants"]
        )
        rows.append(_row("Constants", f'<ul class="constants">{items}</ul>'))
    if view["notes"]:
        rows.append(_row("Notes", "<ul>" + "".join(f"<li>{e(x)}</li>" for x in view["notes"]) + "</ul>"))
    if view["sources_disagree"]:
        items = "".join(f"<li>{e(x)}</li>" for x in view["sources_disagree"])
        rows.append(_row("Sources disagree", f"<ul>{items}</ul>"))
    if view["iana"]:
        iana = view["iana"]
        bits = [f"“{e(iana['description'])}”"]
        if iana.get("contact"):
            bits.append(f"contact: {e(iana['contact'])}")
        if iana.get("date"):
            bits.append(e(iana["date"]))
        rows.append(_row("IANA entry", ", ".join(bits)))
    if view["team_file"]:
        rows.append(_row("Defined in", f"<code>{e(view['team_file'])}</code>"))
    rows.append(_row("Reference", _link(view["reference"])))
    rows.append(_row("Sources", "<ul>" + "".join(f"<li>{_link(s)}</li>" for s in view["sources"]) + "</ul>"))
    cls = "entry team" if view["team"] else "entry"
    return (
        f'<details class="{cls}" id="{n}"><summary><span class="num">{n}</span> '
        f'<span class="name">{e(view["name"])}</span> {_badges(view)}</summary>'
        f'<dl>{"".join(rows)}</dl><p class="permalink"><a href="#{n}">Link to {n}</a></p></details>'
    )


def _range_section(r: CodeRange) -> str:
    span = (
        f"below {r.high + 1}"
        if r.low is None and r.high is not None
        else f"above {r.low - 1}"
        if r.high is None and r.low is not None
        else f"{r.low}–{r.high}"
    )
    notes = "".join(f"<p>{e(x)}</p>" for x in r.notes)
    who = f"<p><strong>Who sends them:</strong> {e(SENDER_TEXT[r.sender])}</p>" if r.on_wire else ""
    return (
        f'<section class="range" id="range-{e(r.id)}" aria-labelledby="range-{e(r.id)}-h">'
        f'<h3 id="range-{e(r.id)}-h">{e(r.name)} <span class="span">{e(span)}</span></h3>'
        f"<p>{e(r.summary)}</p><p><strong>What to do:</strong> {e(r.advice)}</p>"
        f"{who}{notes}"
        f'<p class="sources">{", ".join(_link(s) for s in r.sources)}</p></section>'
    )


def _faq(registry: ProjectRegistry) -> list[tuple[str, str]]:
    """The frequent questions, answered from the registry's own fields."""
    reg = data()
    c1006, c1001, c1000 = registry.classify(1006), registry.classify(1001), registry.classify(1000)
    bc = reg.browser_close
    private = next(r for r in reg.ranges if r.status == "private")
    libs = next(r for r in reg.ranges if r.status == "registered-range")
    answers = [
        (
            "What does close code 1006 mean?",
            f'<p><a href="#1006">1006 {e(c1006.name)}</a>: {e(c1006.meaning)}</p>'
            f"<p><strong>What to do:</strong> {e(c1006.action)}</p>"
            f"<p>{e(c1006.notes[0]) if c1006.notes else ''}</p>",
        ),
        (
            "Why does close(1001) throw in the browser?",
            f'<p>{e(bc.summary)}</p><p><a href="#1001">1001 {e(c1001.name)}</a> is not '
            f"{e(bc.allowed)}, so <code>WebSocket.close(1001)</code> throws "
            f"<code>{e(c1001.browser_close_error or '')}</code>. {e(c1001.meaning)} "
            f"Who sends it: {e(c1001.sender_text)}.</p>"
            f'<p>From a page, close with <a href="#1000">1000</a> or a code in '
            f'<a href="#range-{e(private.id)}">{e(private.name)}</a>.</p>',
        ),
    ]
    team = [c for c in registry.known() if c.team]
    team_html = ""
    if team:
        items = "".join(f'<li><a href="#{c.code}">{c.code} {e(c.name)}</a></li>' for c in team)
        team_html = f"<p>This project already defines its own codes:</p><ul>{items}</ul>"
    answers.append(
        (
            "Which code should my app use?",
            f'<p><strong>A normal close:</strong> <a href="#1000">1000 {e(c1000.name)}</a> — '
            f"{e(c1000.meaning)}</p>"
            f"<p><strong>Your application's own reasons:</strong> {e(private.summary)} "
            f"{e(private.advice)}</p>{team_html}"
            f"<p><strong>A library or framework:</strong> {e(libs.advice)}</p>"
            f"<p>Never send a code marked “never sent”, nor anything outside "
            f'<a href="#range-{e(libs.id)}">3000–3999</a> and '
            f'<a href="#range-{e(private.id)}">4000–4999</a> besides the defined 1000–1015 that may '
            "be sent.</p>",
        )
    )
    answers.append(
        (
            "How long may a close reason be?",
            f"<p>{e(reg.close_frame.summary)}</p><p>{e(bc.summary)}</p>",
        )
    )
    return answers


def _asset(name: str) -> str:
    return resources.files("wscodes").joinpath("html_assets", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_page(registry: ProjectRegistry) -> str:
    """The complete page as one string."""
    payload = page_data(registry)
    css, script = _asset("page.css"), _asset("page.js")
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    entries = "\n".join(_entry(v) for v in payload["codes"])
    ranges = "\n".join(_range_section(r) for r in data().ranges)
    faq = "\n".join(
        f'<section class="qa" aria-labelledby="faq-{i}"><h3 id="faq-{i}">{e(q)}</h3>{a}</section>'
        for i, (q, a) in enumerate(_faq(registry))
    )
    team_file = payload["team_file"]
    team_note = (
        f'<p class="team-note">Includes <span class="badge team">your team</span> codes from '
        f"<code>{e(team_file)}</code>.</p>"
        if team_file
        else ""
    )
    return _asset("page.html").format_map(
        {
            "csp": e(csp),
            "css": css,
            "script": script,
            "data_id": DATA_ELEMENT_ID,
            "data": _json_for_script(payload),
            "entries": entries,
            "ranges": ranges,
            "faq": faq,
            "team_note": team_note,
            "team_suffix": " and your team's own codes (marked)" if team_file else "",
            "iana_updated": e(payload["iana_registry_updated"]),
            "sources": ", ".join(_link(s) for s in _main_sources()),
        }
    )


def _main_sources() -> Iterable[Source]:
    seen = {"rfc6455-7.4.1", "rfc6455-7.4.2", "iana", "whatwg-close", "rfc6455-5.5.1"}
    return [s for k, s in data().sources.items() if k in seen]


# --------------------------------------------------------------------------- the command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wscode html",
        description="Write the searchable close-code reference as one self-contained HTML page "
        "(no network; opens from file:// or any static host). Your team's codes are included.",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the HTML file to write, or - for stdout"
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="team-codes file (default: $WSCODES_CONFIG, else wscodes.toml or pyproject.toml "
        "[tool.wscodes] found upward)",
    )
    return parser


def _fail(message: str) -> int:
    sys.stderr.write(f"wscode html: error: {message}\n")
    return 2


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    try:
        registry = ProjectRegistry(discover(args.config))
    except ConfigError as exc:
        return _fail(str(exc))
    if args.output == "-":
        sys.stdout.write(render_page(registry))
        return 0
    out = os.path.abspath(args.output)
    if os.path.isdir(out):
        return _fail(f"{args.output} is a directory — give a file name, e.g. {args.output}/close-codes.html")
    if not os.path.isdir(os.path.dirname(out)):
        return _fail(f"{os.path.dirname(args.output) or '.'}: no such directory")
    page = render_page(registry)
    tmp = f"{out}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(page)
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return _fail(f"cannot write {args.output}: {exc.strerror or exc}")
    sys.stderr.write(f"wrote {args.output} ({len(page.encode('utf-8')) // 1024} KiB)\n")
    return 0
