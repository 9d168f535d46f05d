"""From a code to its meaning and from a meaning to every use: definition, references, workspace
symbols, the team file's code lenses and hovers, and the action that documents a new code.

Everything here reads what is already known — an open document's latest analysis, the team file
(parsed by ``teamfile``), the workspace index — and only translates it to LSP types.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import from_fs_path

from wscodes.lsp import teamfile
from wscodes.lsp.hover import hover_text
from wscodes.lsp.workspace import usage_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from wscodes.core.registry import CloseCode
    from wscodes.core.scan import Occurrence
    from wscodes.core.teamcodes import ProjectRegistry
    from wscodes.lsp.documents import Document
    from wscodes.lsp.workspace import WorkspaceIndex

PRIVATE = range(4000, 5000)  # RFC 6455 §7.4.2: 4000–4999 are for private use


def occurrence_at(doc: Document, position: types.Position) -> Occurrence | None:
    """The engine's occurrence under the cursor in the analysed text (None: none, or unknown code)."""
    if doc.analysis is None or doc.analysed_index is None:
        return None
    offset = doc.analysed_index.offset(max(position.line, 0), max(position.character, 0), doc.encoding)
    occ = doc.occurrences.at(offset) if doc.occurrences is not None else doc.analysis.scan.at(offset)
    return occ if occ is not None and occ.code >= 0 else None


def code_at(doc: Document, position: types.Position) -> int | None:
    """The close code under the cursor: a use in source, or an entry of the team file."""
    if doc.team is not None:
        entry = doc.team.entry_at(position.line)
        return entry.code if entry is not None else None
    occ = occurrence_at(doc, position)
    return occ.code if occ is not None else None


def entry_location(path: str, text: str, code: int) -> types.Location | None:
    """Where the team file at ``path`` (with this text) documents ``code``."""
    team = teamfile.parse(text, path, validate=False)
    entry = team.entries.get(code)
    uri = from_fs_path(path)
    if entry is None or uri is None:
        return None
    return types.Location(uri=uri, range=teamfile.entry_range(team, entry))


def references(code: int, index: WorkspaceIndex, declaration: types.Location | None) -> list[types.Location]:
    """Every use of ``code`` in the workspace (its team-file entry first, when asked for)."""
    found = [declaration] if declaration is not None else []
    return found + [use.location for use in index.uses(code)]


def _symbol(name: str, container: str | None, location: types.Location) -> types.SymbolInformation:
    return types.SymbolInformation(
        name=name, kind=types.SymbolKind.Constant, location=location, container_name=container
    )


def workspace_symbols(
    query: str,
    team_codes: Iterable[tuple[CloseCode, types.Location]],
    registry: ProjectRegistry,
    index: WorkspaceIndex,
) -> list[types.SymbolInformation]:
    """Team codes (at their entries), constants that name a code (where defined), and every
    other code the workspace uses (at its first use) — whose number or name contains ``query``."""
    words = query.lower().split()

    def matches(*texts: str) -> bool:
        haystack = " ".join(texts).lower()
        return all(word in haystack for word in words)

    symbols: list[types.SymbolInformation] = []
    seen: set[int] = set()
    for code, location in team_codes:
        seen.add(code.code)
        if matches(str(code.code), code.name):
            symbols.append(_symbol(f"{code.code} {code.name}", "team code", location))
    first_use: dict[int, types.Location] = {}
    for use in sorted(index.all_uses(), key=lambda u: (u.uri, u.range.start.line)):
        described = registry.classify(use.code)
        if use.role == "define" and use.name and matches(use.name, str(use.code), described.name):
            symbols.append(_symbol(use.name, f"{use.code} {described.name}", use.location))
        first_use.setdefault(use.code, use.location)
    for number, location in sorted(first_use.items()):
        described = registry.classify(number)
        if number not in seen and matches(str(number), described.name):
            symbols.append(_symbol(f"{number} {described.name}", "used in the workspace", location))
    return symbols


def code_lenses(team: teamfile.TeamFile, index: WorkspaceIndex) -> list[types.CodeLens]:
    """One lens per documented code: "sent in 3 places, handled in 2"; it opens the references."""
    lenses = []
    uri = from_fs_path(team.path) or team.path
    for code, entry in sorted(team.entries.items()):
        where = teamfile.entry_range(team, entry)
        lenses.append(
            types.CodeLens(
                range=where,
                command=types.Command(
                    title=usage_text(index.counts(code)),
                    command="wscodes.findReferences",
                    arguments=[uri, where.start.line, where.start.character],
                ),
            )
        )
    return lenses


def team_hover(
    team: teamfile.TeamFile, position: types.Position, index: WorkspaceIndex, markdown: bool
) -> types.Hover | None:
    """On an entry's number: the code as every hover shows it, and how the workspace uses it;
    on a key: what the key means."""
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    entry = team.entry_at(position.line)
    if entry is not None and position.line == entry.line and team.config is not None:
        code = team.config.codes.get(entry.code)
        if code is not None:
            usage = usage_text(index.counts(entry.code))
            value = hover_text(code, None, "", markdown) + f"\n\nIn this workspace: {usage}."
            return types.Hover(
                contents=types.MarkupContent(kind=kind, value=value), range=teamfile.entry_range(team, entry)
            )
    text = teamfile.key_hover(team, position.line)
    if text is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=text if markdown else text.replace("`", ""))
    )


def undocumented_codes(doc: Document, range_: types.Range, registry: ProjectRegistry) -> list[Occurrence]:
    """Private codes (4000–4999) in ``range_`` that the team file doesn't document, once each."""
    if doc.analysis is None or doc.analysed_index is None:
        return []
    index = doc.analysed_index
    first = index.offset(range_.start.line, range_.start.character, doc.encoding)
    last = index.offset(range_.end.line, range_.end.character, doc.encoding)
    found: dict[int, Occurrence] = {}
    for occ in doc.analysis.scan.occurrences:
        if occ.end < first or occ.start > last or occ.code not in PRIVATE:
            continue
        if not registry.classify(occ.code).team:
            found.setdefault(occ.code, occ)
    return list(found.values())


def document_code_action(
    code: int,
    team_path: str,
    team_text: str | None,
    team_version: int | None,
    *,
    can_create: bool,
    versioned: bool,
    diagnostics: list[types.Diagnostic],
) -> types.CodeAction | None:
    """ "Document 4007 in wscodes.toml": append its entry to the team file (``team_text`` None: the
    file doesn't exist yet and is created, when the client can create files)."""
    uri = from_fs_path(team_path)
    if uri is None:
        return None
    name = os.path.basename(team_path)
    changes: list[types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile] = []
    if team_text is None:
        if not can_create:
            return None
        changes.append(types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)))
        team_text = ""
    edit = teamfile.append_edit(team_text, code, name)
    if not versioned and not changes:  # a client without documentChanges
        return types.CodeAction(
            title=f"Document {code} in {name}",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=diagnostics or None,
            edit=types.WorkspaceEdit(changes={uri: [edit]}),
        )
    changes.append(
        types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=team_version),
            edits=[edit],
        )
    )
    return types.CodeAction(
        title=f"Document {code} in {name}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=diagnostics or None,
        edit=types.WorkspaceEdit(document_changes=changes),
    )
