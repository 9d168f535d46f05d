"""Scan an edited text from the scan of the text before the edit (the editor's didChange).

The windowed scan (``scan_strict(windowed=True)``) decides every anchor inside its top-level
chunk, from the chunk's text and a few file-level facts. So after an edit only the top-level
chunks that hold the changed lines are analysed again; the occurrences before them are kept and
those after them shifted. Anything an edit can change outside those chunks is compared, and the
text is scanned whole instead when one of them differs:

- the file's facts (browser or Node, the language), whether it mentions a close API at all, and
  which libraries it names (the engine picks a library's constant by the names in the text, and
  a library's lenient close API by a marker in it);
- the anchors outside the window (``_anchors`` runs on the whole text: a ``switch`` head, a list
  tested with ``includes`` or bound to a name make anchors far from the edit);
- the bindings (``NAME = 1006``) inside the window of every name bound there whose bindings
  changed, when that name appears outside the window (the engine resolves a name from bindings
  anywhere in the text);
- brackets left open at the end of either text (the chunks then run to the end of the text).

The property tests compare ``rescan`` with ``scan`` after random edits of every fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .languages import _GRAMMARS, EMBEDDED, SPECS, grammar_available, language_for, needles
from .model import Occurrence, ScanResult
from .uses import with_named_uses

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .analyser import _FileFacts
    from .chunks import _Lexical

Anchor = tuple[str, int, int]

MIN_TEXT = 8_000  # below this a whole scan costs little more than working out what changed


@dataclass(frozen=True)
class ScanState:
    """A text and its scan, with what ``rescan`` needs to reuse it after an edit."""

    text: str
    language: str  # as asked (a language id or name)
    runtime: str
    result: ScanResult
    anchors: tuple[Anchor, ...] | None = None  # the whole text's (None: not worked out yet)
    facts: tuple[object, ...] = ()
    # a text of at most LARGE_TEXT characters (scanned whole, not in windows) that parses without
    # an error: only then do its chunks decide what the whole parse decides
    clean: bool = False
    incremental: bool = False  # this scan reused the previous one (for tests and benchmarks)
    # a text with brackets left open: where its open tail starts (the last top-level line outside
    # brackets), after which the windowed scan cuts chunks by lines alone (None: not worked out)
    tail: int | None = None


def scan_state(text: str, language: str, *, runtime: str = "auto") -> ScanState:
    """The whole scan of ``text`` (``scan``), kept for ``rescan`` (which works out the rest of
    what it needs from the text when first asked: an editor that never edits never pays)."""
    from . import scan

    return ScanState(text, language, runtime, scan(text, language, runtime=runtime))


def _prepared(state: ScanState, lang: str) -> ScanState:
    """``state`` with its anchors, file facts and whether it parses cleanly worked out."""
    if state.anchors is not None:
        return state
    from . import LARGE_TEXT, _sanitize
    from .anchors import _anchors
    from .languages import _parser

    sane = _sanitize(state.text)
    clean = len(sane) <= LARGE_TEXT and not _parser(lang).parse(sane.encode("utf-8")).root_node.has_error
    anchors = tuple(_anchors(sane, lang))
    facts = _file_facts(sane, lang, state.runtime)
    return ScanState(state.text, state.language, state.runtime, state.result, anchors, facts, clean)


def rescan(
    previous: ScanState | None, text: str, language: str, *, runtime: str = "auto", min_text: int = MIN_TEXT
) -> ScanState:
    """The scan of ``text``, reusing ``previous`` (the scan of the text before an edit) where the
    edit cannot have changed it. The same occurrences as ``scan(text, language)``. Never raises."""
    if previous is not None and (previous.text, previous.language, previous.runtime) == (
        text,
        language,
        runtime,
    ):
        return previous
    lang = language_for(language) or language
    if (
        previous is None
        or previous.language != language
        or previous.runtime != runtime
        or len(text) < min_text
        or lang in EMBEDDED
        or lang not in _GRAMMARS
        or not grammar_available(lang)
        or lang == "php"  # (its code parses only after <?php: never in windows)
    ):
        return scan_state(text, language, runtime=runtime)
    try:
        reused = _rescan(previous, text, language, runtime)
    except Exception:
        reused = None
    return reused if reused is not None else scan_state(text, language, runtime=runtime)


def _file_facts(text: str, lang: str, runtime: str) -> tuple[object, ...]:
    """What the engine reads from the whole text: facts, a close API mentioned, libraries named."""
    from .analyser import _facts
    from .chunks import _Lexical
    from .library import _lenient
    from .names import _constant_table

    facts: _FileFacts = _facts(text, lang, runtime)
    table = _constant_table(facts.family if facts.family != "javascript" else facts.language)
    libraries = sorted({c.library.split("-")[0] for hits in table.by_key.values() for c in hits})
    lowered = text.lower()
    named = tuple(name for name in libraries if name in lowered)
    mentions = any(needle in text for needle in needles(lang))
    # the libraries whose lenient close APIs apply (library.lenient_api: by a marker in the text)
    markers = tuple(item.marker for item in _lenient().get(facts.family, ()) if item.marker in text)
    balanced = _Lexical(text).depth(len(text)) == (0, 0, 0)
    return (facts, mentions, named, markers, balanced)


def _common(old: str, new: str) -> tuple[int, int]:
    """(length of the common prefix, of the common suffix not overlapping it)."""
    limit = min(len(old), len(new))
    low, high = 0, limit  # the prefix: bisection on slices compared in C
    while low < high:
        mid = (low + high + 1) // 2
        if old[:mid] == new[:mid]:
            low = mid
        else:
            high = mid - 1
    prefix = low
    low, high = 0, limit - prefix
    while low < high:
        mid = (low + high + 1) // 2
        if old[len(old) - mid :] == new[len(new) - mid :]:
            low = mid
        else:
            high = mid - 1
    return prefix, low


# Any name followed (after a type annotation, perhaps) by an assignment or a blank and, later on
# its line, a digit: a superset of the lines ``_Analyser.bindings`` reads a name's value from.
# (A lookahead: every name on a line is tried, not only the first.)
_BOUND_NAME = re.compile(
    r"(?<![\w$])\$?(?=([A-Za-z_][\w$]*)[ \t]*(?::[^\n]*?)?(?:\|\|=|\?\?=|[:|?]?=|[ \t])[^\n]*?\d)"
)


_IDENTIFIER = re.compile(r"[A-Za-z_][\w$]*")
LARGE_WINDOW = 20_000


def _bindings_changed(old: str, new: str, facts: _FileFacts, outside: tuple[str, str]) -> set[str]:
    """Names whose bindings (as the engine reads them) differ between two versions of a window
    and that the text ``outside`` it (before, after) mentions."""
    from .analyser import _Analyser, _in_other_function

    if len(old) + len(new) > LARGE_WINDOW:  # (a data table: few names, many characters)
        names = set(_IDENTIFIER.findall(old)) | set(_IDENTIFIER.findall(new))
        names &= set(_IDENTIFIER.findall(outside[0])) | set(_IDENTIFIER.findall(outside[1]))
    else:
        names = {m.group(1) for m in _BOUND_NAME.finditer(old)} | {
            m.group(1) for m in _BOUND_NAME.finditer(new)
        }
    if not names:
        return set()
    before, after = _Analyser(old, facts), _Analyser(new, facts)

    def signature(analyser: _Analyser, text: str, name: str) -> list[tuple[object, ...]]:
        return [
            (at, indent, value, value_at, _in_other_function(text, at, indent))
            for at, indent, value, value_at in analyser.bindings(name)
        ]

    return {name for name in names if signature(before, old, name) != signature(after, new, name)}


def _starts_chunk(text: str, lexical: _Lexical, low: int, high: int) -> bool:
    """Does a top-level chunk start on a line break in ``text[low:high]``?"""
    from .chunks import _TOP_LEVEL, _continues_head

    return any(
        not lexical.inside(m.start()) and not _continues_head(text, m.start())
        for m in _TOP_LEVEL.finditer(text, low, high)
    )


def _open_tail(text: str, lexical: _Lexical) -> int:
    """Where the open tail of a text with brackets left open starts: the last top-level line
    outside brackets, strings and comments (0: none). The chunk from there runs to the end of the
    text, and the windowed scan cuts it by lines alone (``scan._unbalanced_tail``)."""
    from .chunks import _TOP_LEVEL, _continues_head

    last = 0
    for m in _TOP_LEVEL.finditer(text):  # in order: each state is counted from the one before
        if not lexical.inside(m.start()) and not _continues_head(text, m.start()):
            last = m.start() + 1
    return last


def _member_window(  # noqa: PLR0917 - each pair is (old, new)
    lang: str,
    texts: tuple[str, str],
    lexicals: tuple[_Lexical, _Lexical],
    tops: tuple[_Lexical, _Lexical],
    chunk: tuple[int, int],
    edit: tuple[int, int, int],
) -> tuple[int, int] | None:
    """The members around an edit (from the start of the first one's line to the start of the
    next one's) when the top-level ``chunk`` around it is a class that the windowed scan cuts
    into members, in both texts alike (``chunks._member_chunks``); else None.

    ``texts``, ``lexicals`` and ``tops`` (what decides the top-level chunks): (old, new);
    ``edit``: (start of the first changed line, end of the last one in the new text, length of
    the common prefix)."""
    from . import chunks
    from .chunks import _CLASS_HEAD, _MEMBER_INDENT, _MEMBER_PREFIX, _member_boundary

    old, new = texts
    old_lexical, lexical = lexicals
    start, end = chunk
    first, last, prefix = edit
    delta = len(new) - len(old)
    old_end = end - delta
    if _MEMBER_PREFIX.get(lang) is None or min(end - start, old_end - start) <= chunks.SUB_CHUNK:
        return None
    # one top-level chunk in both texts (no top-level line starts one among the changed lines)
    old_top, top = tops
    if _starts_chunk(new, top, first, last) or _starts_chunk(old, old_top, first, last - delta):
        return None
    head = _CLASS_HEAD.match(new, start)
    indent = _MEMBER_INDENT.search(new, start, end)
    # the class head and the members' indentation lie before the edit: the same in both texts
    if head is None or indent is None or max(head.end(), indent.end()) >= prefix:
        return None
    if _MEMBER_INDENT.search(old, start, old_end) is None:
        return None
    boundary = _member_boundary(indent.group(1))
    depth = lexical.depth(indent.start())
    low = start
    if first > start + 1:  # a member boundary whose line (and what the pattern reads) is unchanged
        reach = len(indent.group(1)) + 16
        found = chunks._boundary_before(new, lexical, boundary, first - 1, start, depth=depth)
        while found is not None and found + reach > prefix:
            found = chunks._boundary_before(new, lexical, boundary, found - 1, start, depth=depth)
        low = start if found is None else found
    high = chunks._boundary_after(new, lexical, boundary, last, end, depth=depth)
    high = end if high is None else high
    old_high = high - delta
    if high < end and (  # the same member boundary in the old text
        old_lexical.inside(old_high - 1, depth)
        or boundary.match(old, old_high - 1) is None
        or chunks._continues_head(old, old_high - 1)
    ):
        return None
    return low, high


def _shifted(occ: Occurrence, delta: int) -> Occurrence:
    """``occ`` moved by ``delta`` (a copy of its fields, without ``Record.__init__``'s checks: an
    edit near the top of a large file shifts hundreds of them)."""
    from .._record import assemble

    values = dict(occ.__dict__)
    values["start"] += delta
    values["end"] += delta
    if occ.reason_start is not None:
        values["reason_start"] += delta
    if occ.reason_end is not None:
        values["reason_end"] += delta
    return assemble(Occurrence, values)


_MEMBER_SUFFIX = {name: spec.member_wrap[1] for name, spec in SPECS.items() if spec.member_wrap}

SHIFTED_FIELDS = frozenset({"start", "end", "reason_start", "reason_end"})  # every offset field


def _rescan(previous: ScanState, text: str, language: str, runtime: str) -> ScanState | None:
    from . import LARGE_TEXT, UNBALANCED_TEXT, _repair, _sanitize, chunks
    from .analyser import _Analyser, _Region
    from .anchors import _anchors
    from .chunks import _CLASS_HEAD, _MEMBER_PREFIX, _TOP_LEVEL, _chunks, _Lexical, _Loose, _member_chunks

    lang = language_for(language) or language
    old, new = _sanitize(previous.text), _sanitize(text)
    lexical, old_lexical = _Lexical(new), _Lexical(old)
    balanced = lexical.depth(len(new)) == (0, 0, 0)
    if balanced != (old_lexical.depth(len(old)) == (0, 0, 0)):
        return None
    whole = balanced and len(new) <= LARGE_TEXT  # scan() parses the whole text, not windows
    if whole != (balanced and len(old) <= LARGE_TEXT):
        return None
    if not balanced and (  # (a small unbalanced text is parsed whole: UNBALANCED_TEXT)
        min(len(old), len(new)) <= UNBALANCED_TEXT
        # the edit opened or closed a string, comment or bracket: the lines after it may change
        or lexical.state(len(new)) != old_lexical.state(len(old))
    ):
        return None
    prefix, suffix = _common(old, new)
    delta = len(new) - len(old)
    # The changed lines, then the top-level chunks around them (the same in both texts outside).
    first = new.rfind("\n", 0, prefix) + 1
    new_last, old_last = new.find("\n", len(new) - suffix), old.find("\n", len(old) - suffix)
    new_last = len(new) if new_last < 0 else new_last
    old_last = len(old) if old_last < 0 else old_last
    # Brackets left open: the windowed scan cuts the chunks after the open tail's start by lines
    # alone (scan._unbalanced_tail), and those before it as usual.
    top, old_top = lexical, old_lexical  # what decides top-level chunks around the edit
    tail = None
    if not balanced:
        old_tail = previous.tail if previous.tail is not None else _open_tail(old, old_lexical)
        if old_tail > old_last:  # the edit is before the open tail: it stays where it was
            tail = old_tail + delta
        elif (old_tail == 0 or old_tail + 16 <= prefix) and not _starts_chunk(
            new, lexical, first - 1, new_last
        ):  # in the open tail (and no line outside brackets starts among the changed lines)
            tail = old_tail
            if min(len(new), len(old) - delta) - tail <= UNBALANCED_TEXT:
                return None  # (a small open tail is one chunk)
            top, old_top = _Loose(new), _Loose(old)
        else:
            return None
    start = 0
    if first > 1:  # a boundary whose line (and what the pattern reads after it) is unchanged
        found = chunks._boundary_before(new, top, _TOP_LEVEL, first - 1, 0)
        while found is not None and found + 16 > prefix:
            found = chunks._boundary_before(new, top, _TOP_LEVEL, found - 1, 0)
        start = found or 0
    end = chunks._boundary_after(new, top, _TOP_LEVEL, new_last, len(new))
    end = len(new) if end is None else end
    old_end = end - delta
    if end < len(new) and (  # the same boundary in the old text: same depth, not in a string
        old_top.inside(old_end - 1) or _TOP_LEVEL.match(old, old_end - 1) is None
    ):
        return None
    if old_end < old_last or (tail is not None and top is lexical and end > tail):
        return None
    # One large class (or object, impl…) around the edit: only the members around it, as the
    # windowed scan cuts them (chunks._member_chunks).
    cls = (start, end)
    members = _member_window(
        lang, (old, new), (old_lexical, lexical), (old_top, top), cls, (first, new_last, prefix)
    )
    if members is not None:
        start, end = members
        old_end = end - delta
    if end - start > len(new) // 2:  # (most of the text: scan it whole)
        return None
    previous = _prepared(previous, lang)
    if whole and not previous.clean:
        return None
    facts = _file_facts(new, lang, runtime)
    if facts != previous.facts:
        return None
    # Anchors: the whole text's, exactly the old ones outside the window.
    anchors = _anchors(new, lang)
    inside = [a for a in anchors if start <= a[1] < end]
    outside = [a for a in anchors if not start <= a[1] < end]
    kept = [a for a in previous.anchors or () if a[1] < start] + [
        (a[0], a[1] + delta, a[2] + delta) for a in previous.anchors or () if a[1] >= old_end
    ]
    if sorted(outside) != sorted(kept):
        return None
    # Names bound in the window whose bindings changed, used elsewhere: any chunk may change.
    around = (new[:start], new[end:])
    changed = _bindings_changed(old[start:old_end], new[start:end], facts[0], around)  # type: ignore[arg-type]
    for name in changed:
        word = re.compile(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])")
        if word.search(new, 0, start) or word.search(new, end):
            return None
    # Analyse the window as the windowed scan would.
    analyser = _Analyser(new, facts[0])  # type: ignore[arg-type]
    broken: list[tuple[_Region, list[Anchor]]] = []

    class Unclean(Exception):
        pass

    def run(region: _Region, group: list[Anchor]) -> None:
        if whole and region.root.has_error:
            raise Unclean  # the whole parse may decide otherwise there: scan the whole text
        deferred = analyser.run(region, group)
        if deferred:
            broken.append((region, deferred))

    # the top-level chunks of the window's anchors, or the class chunk that holds the window
    todo = [] if not inside else [(*cls, inside)] if members is not None else _chunks(new, top, inside)
    try:
        for chunk_start, chunk_end, group in todo:
            wrap = _MEMBER_PREFIX.get(lang)
            large = chunk_end - chunk_start > chunks.SUB_CHUNK
            if wrap is not None and large and _CLASS_HEAD.match(new, chunk_start):
                for sub_start, sub_end, sub_group in _member_chunks(
                    new, lexical, chunk_start, chunk_end, group
                ):
                    # (scan_strict parses a member after the wrap's head alone; a text scanned
                    # whole must parse cleanly in every region: its members, and the class head
                    # with the first one, get the wrap's tail too, but for the last, which holds
                    # the class's own)
                    head = wrap if sub_start != chunk_start else ""
                    closing = _MEMBER_SUFFIX.get(lang, "") if whole and sub_end != chunk_end else ""
                    run(_Region(new, sub_start, sub_end, lang, head, closing), sub_group)
            else:
                run(_Region(new, chunk_start, chunk_end, lang), group)
    except Unclean:
        return None
    if broken:
        _repair(new, lang, analyser, broken)
    if previous.result.wrappers or any(w.position >= 0 for w in analyser.wrappers.values()):
        return None  # the file's own close functions: their calls anywhere depend on them (a whole scan)
    window = [o for o in analyser.found.values() if start <= o.start < end]
    before = [o for o in previous.result.occurrences if o.start < start]
    after = [_shifted(o, delta) for o in previous.result.occurrences if o.start >= old_end]
    occurrences = tuple(sorted([*before, *window, *after], key=lambda o: (o.start, o.end)))
    occurrences = with_named_uses(text, occurrences, lang)  # (made again over the whole text: see uses.py)
    # The names for the project to resolve (ScanResult.unresolved): the window's and the earlier
    # scan's, a superset of what a whole scan lists (a front end looks them up and, if the project
    # defines one, scans the whole text with it: an extra name costs a lookup, never a finding).
    unresolved = tuple(sorted(set(previous.result.unresolved) | analyser.unresolved))
    result = ScanResult(language=lang, occurrences=occurrences, unresolved=unresolved)
    return ScanState(
        text, language, runtime, result, tuple(anchors), facts, clean=whole, incremental=True, tail=tail
    )
