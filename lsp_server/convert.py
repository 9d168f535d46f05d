"""Engine results -> LSP types (diagnostics, quick fixes). Translation only: the core decides."""

from __future__ import annotations

from dataclasses import dataclass
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
        code_description=types.CodeDescription(href=finding.evidence.url) if finding.evidence.url else None,
        source=SOURCE,
        related_information=related,
    )


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
        edit = types.TextEdit(
            range=to_range(ctx.index, fix.start, fix.end, ctx.encoding), new_text=fix.replacement
        )
        if version is None:
            workspace_edit = types.WorkspaceEdit(changes={ctx.uri: [edit]})
        else:
            workspace_edit = types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=ctx.uri, version=version
                        ),
                        edits=[edit],
                    )
                ]
            )
        actions.append(
            types.CodeAction(
                title=fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                edit=workspace_edit,
                is_preferred=i == 0,
            )
        )
    return actions
