"""Hover, inlay hints, completion and quick fixes from a document's latest analysis.

Each function reads what the scheduler stored; none of them analyses anything again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types

from wscodes.lsp import convert
from wscodes.lsp.hover import hover_text, occurrence_hover

if TYPE_CHECKING:
    from wscodes.core.registry import CloseCode
    from wscodes.core.teamcodes import ProjectRegistry
    from wscodes.lsp.documents import Document

# Completion needs to know that the cursor sits where a close code goes, before there is any
# code to scan: the argument list of a call whose name contains "close" (close, Close,
# FormatCloseMessage, CloseAsync, close_code…), optionally after `code=` / `code:`, or the
# right-hand side of a comparison with `.code` / `close_code`. Only digits may be typed so far.
_SEND_CONTEXT = re.compile(
    r"(?i:[a-z_][\w.:]*close\w*)\s*[({]\s*(?:[\w.]+\s*,\s*)?(?:(?:code|status|statusCode|closeCode)\s*[=:]\s*)?(?P<digits>\d*)$"
)
# Objective-C selectors: [ws closeWithCode:10, [task cancelWithCloseCode:10
_SELECTOR_CONTEXT = re.compile(r"(?i:\b[a-z_]*close\w*code)\s*:\s*(?P<digits>\d*)$")
_COMPARE_CONTEXT = re.compile(
    r"(?i:\bcode\b|close_code|closeCode|status_code)\s*(?:===?|!==?|<=?|>=?)\s*(?P<digits>\d*)$"
)
_LOOKBEHIND = 200


def hover(
    doc: Document, position: types.Position, registry: ProjectRegistry, markdown: bool
) -> types.Hover | None:
    if doc.analysis is None or doc.analysed_index is None:
        return None
    offset = doc.analysed_index.offset(max(position.line, 0), max(position.character, 0), doc.encoding)
    occurrence = doc.occurrences.at(offset) if doc.occurrences is not None else doc.analysis.scan.at(offset)
    if occurrence is None or occurrence.passthrough:  # a received code passed through: its value is unknown
        return None
    code = registry.classify(occurrence.code)
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
            value=occurrence_hover(code, occurrence, markdown) + registry_link(code, markdown),
        ),
        range=convert.to_range(doc.analysed_index, occurrence.start, occurrence.end, doc.encoding),
    )


def registry_link(code: CloseCode, markdown: bool) -> str:
    """The IANA registry entry, for a code it lists, when the hover's reference is another source."""
    for source in code.sources:
        if source.id == "iana" and source != code.reference:
            return f"\n[{source.title}]({source.url})" if markdown else f"\n{source.title}: {source.url}"
    return ""


def inlay_hints(doc: Document, range_: types.Range, registry: ProjectRegistry) -> list[types.InlayHint]:
    if doc.analysis is None or doc.analysed_index is None:
        return []
    index = doc.analysed_index
    first = index.offset(max(range_.start.line, 0), max(range_.start.character, 0), doc.encoding)
    last = index.offset(max(range_.end.line, 0), max(range_.end.character, 0), doc.encoding)
    hints = []
    for occ in doc.analysis.scan.occurrences:
        if occ.end < first or occ.start > last or occ.code < 0 or occ.role == "mention":
            continue  # (a mention is read from its context: for hover, not worth a hint on every line)
        code = registry.classify(occ.code)
        if occ.kind == "literal":
            label, left = f": {code.name}", False
        else:
            label, left = f"= {code.code}", True
        line, character = index.position(occ.end, doc.encoding)
        hints.append(
            types.InlayHint(
                position=types.Position(line=line, character=character),
                label=label,
                padding_left=left,
                tooltip=f"{code.code} {code.name}: {code.meaning}",
            )
        )
    return hints


def completion_context(doc: Document, position: types.Position) -> tuple[str, int, int] | None:
    """("send" | "compare", start offset of the digits typed so far, cursor offset), or None."""
    offset = doc.offset_at(position)
    line_start = max(doc.text.rfind("\n", 0, offset), doc.text.rfind("\r", 0, offset)) + 1
    before = doc.text[max(line_start, offset - _LOOKBEHIND) : offset]
    for role, pattern in (
        ("send", _SEND_CONTEXT),
        ("send", _SELECTOR_CONTEXT),
        ("compare", _COMPARE_CONTEXT),
    ):
        match = pattern.search(before)
        if match:
            return role, offset - len(match.group("digits")), offset
    return None


def _completion_candidates(
    registry: ProjectRegistry, role: str, browser_only: bool
) -> list[tuple[str, CloseCode]]:
    """(group, code): the team's codes first, then registered ones; for sending, only sendable codes."""
    ordered: list[tuple[str, CloseCode]] = []
    known = registry.known()
    for code in known:
        if code.team:
            ordered.append(("0", code))
    for code in known:
        if code.team:
            continue
        if role == "send" and (not code.on_wire or (browser_only and not code.browser_close_allowed)):
            continue
        ordered.append(("1", code))
    return ordered


def completion(
    doc: Document,
    position: types.Position,
    registry: ProjectRegistry,
    runtime: str,
    *,
    markdown: bool,
    label_details: bool = False,
) -> types.CompletionList | None:
    context = completion_context(doc, position)
    if context is None:
        return None
    role, start, end = context
    from wscodes.core.scan.runtime import browser_code
    from wscodes.lsp.scheduler import _path_of, language_of

    language = language_of(doc.language_id, doc.uri)
    browser_only = language is not None and browser_code(doc.text, language, runtime, _path_of(doc.uri))
    edit_range = doc.range_of(start, end)
    items = []
    for group, code in _completion_candidates(registry, role, browser_only):
        number = str(code.code)
        items.append(
            types.CompletionItem(
                label=number,
                label_details=types.CompletionItemLabelDetails(description=code.name)
                if label_details
                else None,
                kind=types.CompletionItemKind.Constant,
                detail=f"{number} {code.name}" + (" (team code)" if code.team else ""),
                documentation=types.MarkupContent(
                    kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
                    value=hover_text(code, None, "", markdown),
                ),
                sort_text=f"{group}-{number:0>5}",
                filter_text=number,
                text_edit=types.TextEdit(range=edit_range, new_text=number),
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)


def code_actions(
    doc: Document, params: types.CodeActionParams, version_edits: bool
) -> list[types.CodeAction]:
    if doc.analysis is None or doc.analysed_index is None:
        return []
    quickfix = str(types.CodeActionKind.QuickFix.value)
    if params.context.only and not any(
        quickfix == k or quickfix.startswith(f"{k}.") for k in params.context.only
    ):
        return []
    index = doc.analysed_index
    first = index.offset(params.range.start.line, params.range.start.character, doc.encoding)
    last = index.offset(params.range.end.line, params.range.end.character, doc.encoding)
    ctx = convert.Context(uri=doc.uri, index=index, encoding=doc.encoding)
    actions: list[types.CodeAction] = []
    version = doc.version if version_edits else None
    language = doc.analysis.scan.language  # as the engine read the document
    suppressions: list[types.CodeAction] = []
    for finding, diag in zip(doc.analysis.findings, doc.diagnostics, strict=False):
        if finding.end < first or finding.start > last:
            continue
        actions += convert.quick_fixes(finding, diag, ctx, version)
        if doc.analysed_revision == doc.revision:  # the offsets are those of the current text
            action = convert.suppress_action(finding, diag, ctx, version, text=doc.text, language=language)
            if action is not None:
                suppressions.append(action)
    return actions + suppressions  # the fixes first: they are what the user most likely wants
