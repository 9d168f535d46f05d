"""Find WebSocket close codes in source code: close calls, comparisons, library constants.

A number is a close code only in a close context: an argument of a close call
(``ws.close(1008)``, ``close(code=1008)``, ``FormatCloseMessage(1000, …)``, ``CloseFrame{code: …}``,
``{:close, 1000, "bye"}``), a comparison or ``case`` against a received close code
(``event.code === 1006``), or a WebSocket library's named constant (``CloseCode.GOING_AWAY``).

How: a regular expression finds *anchors* (a close-call name, a number next to ``==``/``case``,
a library constant's name, ``NAME = <number>``); tree-sitter then decides what each anchor really
is, so comments and strings never count. The same code analyses a whole file (the editor) or
only the top-level chunks around anchors (``wscode check``, see ``scan_regions``); both give the
same occurrences because every decision looks only inside the enclosing top-level chunk, and
file-level facts (constants defined elsewhere, browser or Node) come from the whole text.

tree-sitter is imported lazily (``wscode 1006`` must not pay for it).
"""

from __future__ import annotations

import re

from .languages import _GRAMMARS, EMBEDDED, LANGUAGES, grammar_available, language_for, needles, preload
from .model import Occurrence, ScanResult
from .names import name_code

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from .analyser import _Analyser, _Region
    from .chunks import _Lexical
    from .project import Definition, ProjectIndex

__all__ = [
    "LANGUAGES",
    "LARGE_TEXT",
    "Definition",
    "Occurrence",
    "ProjectIndex",
    "ScanResult",
    "language_for",
    "name_code",
    "needles",
    "preload",
    "scan",
    "scan_strict",
    "warm",
]


def __getattr__(name: str) -> object:
    """``ProjectIndex`` and ``Definition`` (project.py), imported on first use: ``wscode check``
    starts ripgrep before Python compiles the scanner's patterns."""
    if name in ("ProjectIndex", "Definition"):
        from . import project

        return getattr(project, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def warm(languages: Iterable[str]) -> None:
    """Import the scanner and load these grammars now (e.g. before forking workers that all need
    them). The package itself imports them on first use, so that ``wscode check`` can start
    ripgrep, and ``wscode 1006`` or the language server answer, without waiting for them."""
    from . import analyser, anchors, chunks  # noqa: F401

    preload(languages)


def _sanitize(text: str) -> str:
    """Lone surrogates (possible in LSP text) -> U+FFFD: same length, and valid UTF-8 for the parser."""
    if text.isascii():
        return text
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


# Larger documents are parsed only around their anchors: the same occurrences (tests prove it on
# every fixture and on random text), but a 10 MB log-like file or binary junk no longer costs a
# full tree-sitter parse.
LARGE_TEXT = 100_000


def scan(
    text: str, language: str, *, runtime: str = "auto", project: ProjectIndex | None = None
) -> ScanResult:
    """Every close-code occurrence in ``text``. Never raises: bad input gives no occurrences.
    ``project``: the constants other files of the project define (see project.py)."""
    try:
        return scan_strict(text, language, runtime=runtime, windowed=len(text) > LARGE_TEXT, project=project)
    except Exception:  # a scanner bug must not take the editor down; tests call scan_strict
        return ScanResult(language=language, occurrences=())


def _repair(
    text: str, lang: str, analyser: _Analyser, broken: list[tuple[_Region, list[tuple[str, int, int]]]]
) -> None:
    """Decide each anchor that sat in the parser's error recovery in the largest window around
    it that parses without any error (see ``chunks._repair_windows``); failing that, the largest
    one that parses cleanly around the anchor; failing that, in the broken tree after all."""
    from .analyser import _Region
    from .chunks import _Loose, _repair_windows

    loose = _Loose(text)
    parsed: dict[tuple[int, int, str, str], _Region] = {}
    for region, anchors in broken:
        for anchor in anchors:
            fallback: _Region | None = None
            chosen: _Region | None = None
            for window in _repair_windows(text, loose, lang, anchor[1]):
                start, end, prefix, suffix = window
                if start <= region.start and end >= region.start + len(region.text) and not prefix:
                    continue  # no smaller than the region that failed
                sub = parsed.get(window)
                if sub is None:
                    sub = parsed[window] = _Region(text, start, end, lang, prefix, suffix)
                if not sub.root.has_error:
                    chosen = sub
                    break
                if fallback is None:
                    node = sub.node_at(anchor[1], anchor[2])
                    if node is not None and node.parent is not None and not sub.broken_at(node):
                        fallback = sub
            target = chosen or fallback
            if target is not None:
                analyser.run(target, [anchor], defer_broken=False)
            else:
                analyser.run(region, [anchor], defer_broken=False)


# A bracket left open (half-typed code) makes the chunk around it run to the end of the text, and
# tree-sitter's error recovery on such a text grows much faster than its size (10,000 lines of
# JavaScript after an unclosed "{": over a second). Texts larger than this are parsed in windows
# then, and such a chunk in pieces by lines alone (as _repair finds its windows): findings away
# from the error come from clean parses, and the anchors near it are repaired as usual.
UNBALANCED_TEXT = 16_000


def _unbalanced_tail(
    text: str, lexical: _Lexical, found: list[tuple[int, int, list[tuple[str, int, int]]]]
) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
    """``found`` (chunks by ``_chunks``), with a large last chunk that only ends because the text
    does, with brackets still open, split at top-level lines regardless of brackets."""
    if not found:
        return found
    start, end, group = found[-1]
    if end != len(text) or end - start <= UNBALANCED_TEXT or lexical.depth(end) == (0, 0, 0):
        return found
    from .chunks import _chunks, _Loose

    return found[:-1] + _chunks(text, _Loose(text), group)


def _wrapper_anchors(text: str, names: list[str]) -> list[tuple[str, int, int]]:
    """Where the file calls its own close functions ``names`` (``fail(``, ``self.fail(``)."""
    if not names:
        return []
    pattern = re.compile(r"(?<![\w$])(?:" + "|".join(map(re.escape, names)) + r")(?=\s*\()")
    return [("wrap", m.start(), m.end()) for m in pattern.finditer(text)]


def scan_strict(
    text: str,
    language: str,
    *,
    runtime: str = "auto",
    windowed: bool = False,
    sends_only: bool = False,
    project: ProjectIndex | None = None,
) -> ScanResult:
    """``scan`` without the safety net (tests use it, so bugs surface).

    ``windowed``: parse only the top-level chunks around anchors (same occurrences, less parsing).
    ``sends_only``: skip comparisons and free-standing constants, which never lead to a finding
    (``wscode check`` uses it; the editor wants them for hover).
    """
    lang = language_for(language) or language
    if lang in EMBEDDED:  # <script> blocks of .vue, .svelte, .astro, .html: scanned in place
        from .embedded import embedded_scripts
        from .runtime import embedded_runtime

        masked, inner = embedded_scripts(_sanitize(text), lang)
        runtime = embedded_runtime(lang, runtime)
        return scan_strict(
            masked, inner, runtime=runtime, windowed=windowed, sends_only=sends_only, project=project
        )
    if lang not in _GRAMMARS or not grammar_available(lang):
        return ScanResult(language=language, occurrences=())
    from . import chunks  # (imported here: see warm)
    from .analyser import _Analyser, _facts, _Region
    from .anchors import _anchors
    from .chunks import _CLASS_HEAD, _MEMBER_PREFIX, _chunks, _Lexical, _member_chunks

    text = _sanitize(text)
    anchors = _anchors(text, lang, sends_only=sends_only)
    if project is not None:  # calls of close functions that other files of the project define
        anchors += _wrapper_anchors(text, project.wrapper_names(text, lang))
    if not anchors:
        return ScanResult(language=lang, occurrences=())
    facts = _facts(text, lang, runtime)
    analyser = _Analyser(text, facts, project)
    broken: list[tuple[_Region, list[tuple[str, int, int]]]] = []  # anchors the parser lost

    def run(region: _Region, group: list[tuple[str, int, int]]) -> None:
        deferred = analyser.run(region, group)
        if deferred:
            broken.append((region, deferred))

    if not windowed and len(text) > UNBALANCED_TEXT and lang != "php":
        windowed = _Lexical(text).depth(len(text)) != (0, 0, 0)  # see _unbalanced_tail
    lexical = _Lexical(text) if windowed and lang != "php" else None  # (PHP parses after <?php only)
    whole: list[_Region] = []

    def analyse(anchors: list[tuple[str, int, int]]) -> None:
        if lexical is not None:
            for start, end, group in _unbalanced_tail(text, lexical, _chunks(text, lexical, anchors)):
                prefix = _MEMBER_PREFIX.get(lang)
                if prefix is not None and end - start > chunks.SUB_CHUNK and _CLASS_HEAD.match(text, start):
                    for sub_start, sub_end, sub_group in _member_chunks(text, lexical, start, end, group):
                        wrapper = prefix if sub_start != start else ""
                        run(_Region(text, sub_start, sub_end, lang, wrapper), sub_group)
                else:
                    run(_Region(text, start, end, lang), group)
        else:
            if not whole:
                whole.append(_Region(text, 0, len(text), lang))
            run(whole[0], anchors)
        if broken:
            _repair(text, lang, analyser, broken)
            broken.clear()

    analyse(anchors)
    for _round in range(3):  # the file's own close functions, then the functions that wrap those
        wrappers = analyser.take_wrappers()
        if not wrappers:
            break
        analyse(_wrapper_anchors(text, wrappers))
    occurrences = tuple(sorted(analyser.found.values(), key=lambda o: (o.start, o.end)))
    if not sends_only:  # (hover: the uses of the names the file defines as codes)
        from .uses import with_named_uses

        occurrences = with_named_uses(text, occurrences, lang)
    return ScanResult(
        language=lang,
        occurrences=occurrences,
        unresolved=tuple(sorted(analyser.unresolved)),
        wrappers=tuple(sorted(n for n, w in analyser.wrappers.items() if w.position >= 0)),
        wrapper_specs=analyser.wrapper_specs(),
    )
