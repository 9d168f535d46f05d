"""Scripts embedded in markup: the ``<script>`` blocks of ``.vue``, ``.svelte``, ``.astro`` and
``.html`` files (and an Astro component's ``---`` front matter), scanned as JavaScript or
TypeScript in place — everything else is blanked to spaces, so offsets, lines and columns stay
those of the file."""

from __future__ import annotations

import re

from .languages import EMBEDDED

__all__ = ["EMBEDDED", "embedded_scripts"]

_SCRIPT = re.compile(r"(?is)<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>")
_TYPESCRIPT = re.compile(r"""(?i)\blang\s*=\s*["']?(?:ts|typescript|tsx)\b""")
# Scripts that are not code the browser runs (templates, data, import maps)
_NOT_CODE = re.compile(
    r"""(?i)\btype\s*=\s*["']?(?!(?:module|text/javascript|application/javascript)\b)[\w/+.-]+"""
)
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_BLANK = re.compile(r"[^\r\n]")


def embedded_scripts(text: str, kind: str) -> tuple[str, str]:
    """(text with everything but the scripts blanked, "javascript" or "typescript")."""
    spans: list[tuple[int, int]] = []
    typescript = kind == "astro"  # Astro's front matter and scripts are TypeScript
    if kind == "astro":
        front = _FRONT_MATTER.match(text)
        if front is not None:
            spans.append(front.span("body"))
    for m in _SCRIPT.finditer(text):
        attrs = m.group("attrs")
        if _NOT_CODE.search(attrs):
            continue
        spans.append(m.span("body"))
        typescript = typescript or _TYPESCRIPT.search(attrs) is not None
    parts: list[str] = []
    at = 0
    for start, end in sorted(spans):
        parts.append(_BLANK.sub(" ", text[at:start]))
        parts.append(text[start:end])
        at = end
    parts.append(_BLANK.sub(" ", text[at:]))
    return "".join(parts), "typescript" if typescript else "javascript"
