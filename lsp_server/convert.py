"""Engine results -> LSP types (diagnostics, quick fixes). Translation only: the core decides."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from wscodes.core.positions import LineIndex
    from wscodes.core.rules import Analysis, Finding

SOURCE = "wscodes"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}


def to_range(index: LineIndex, start: int, end: int, encoding: str) -> types.Range:
    sl, sc = index.position(start, encoding)
    el, ec = index.position(end, encoding)
    return types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec))


@dataclass(frozen=True)
class Context:
    """What a conversion needs besides the finding itself."""

    uri: str
    index: LineIndex
    encoding: str
    team_file_uri: str | None = None  # the project's team-codes file, for related information


def diagnostic(finding: Finding, ctx: Context) -> types.Diagnostic:
    related = None
    if ctx.team_file_uri is not None and finding.rule == "WSC010":
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(
                    uri=ctx.team_file_uri,
                    range=types.Range(
                        start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
                    ),
                ),
                message=f"document {finding.code} in the team's close codes file"
                if finding.code is not None
                else "the team's close codes file",
            )
        ]
    return types.Diagnostic(
        range=to_range(ctx.index, finding.start, finding.end, ctx.encoding),
        message=finding.message,
        severity=_SEVERITY.get(str(finding.severity), types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=_rule_page(finding),
        source=SOURCE,
        related_information=related,
    )


def _rule_page(finding: Finding) -> types.CodeDescription | None:
    """The rule's documentation page (what, why, example, fix), else its evidence."""
    return _page(finding.rule, finding.evidence.url)


@cache
def _page(rule_id: str, evidence_url: str) -> types.CodeDescription | None:
    from wscodes.core.rules import rule_for

    rule = rule_for(rule_id)
    href = (rule.url if rule is not None else "") or evidence_url
    return types.CodeDescription(href=href) if href else None


def diagnostics(analysis: Analysis | None, ctx: Context) -> list[types.Diagnostic]:
    if analysis is None:
        return []
    return [diagnostic(f, ctx) for f in analysis.findings]


def quick_fixes(
    finding: Finding, diag: types.Diagnostic, ctx: Context, version: int | None
) -> list[types.CodeAction]:
    """One quickfix per Fix of the finding, attached to its diagnostic (the first is preferred)."""
    actions = []
    for i, fix in enumerate(finding.fixes):
        actions.append(
            types.CodeAction(
                title=fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                edit=workspace_edit(ctx, version, fix.start, fix.end, fix.replacement),
                is_preferred=i == 0,
            )
        )
    return actions


def suppress_action(
    finding: Finding, diag: types.Diagnostic, ctx: Context, version: int | None, *, text: str, language: str
) -> types.CodeAction | None:
    """ "Suppress WSC001 on this line": the core's ``wscode: ignore[…]`` comment edit."""
    from wscodes.core.suppressions import suppression_edit

    edit = suppression_edit(text, language, finding.start, finding.rule)
    if edit.start == edit.end and not edit.new_text:  # already suppressed there
        return None
    return types.CodeAction(
        title=f"Suppress {finding.rule} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        edit=workspace_edit(ctx, version, edit.start, edit.end, edit.new_text),
    )


def workspace_edit(ctx: Context, version: int | None, start: int, end: int, text: str) -> types.WorkspaceEdit:
    """One text edit of the document, versioned when the client supports it."""
    edit = types.TextEdit(range=to_range(ctx.index, start, end, ctx.encoding), new_text=text)
    if version is None:
        return types.WorkspaceEdit(changes={ctx.uri: [edit]})
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=ctx.uri, version=version),
                edits=[edit],
            )
        ]
    )
