"""The server's own copy of every open document, kept in step with the editor.

pygls's workspace splits lines with ``str.splitlines``, which also breaks at U+2028, U+2029,
U+0085, form feed and friends; editors and LSP break lines only at ``\\n``, ``\\r\\n`` and
``\\r``. An incremental edit on a line after such a character would land in the wrong place,
so this store applies edits itself, through ``core.positions.LineIndex`` (the same line rules
the engine uses for every position it reports).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lsprotocol import types

from wscodes.core.positions import LineIndex

if TYPE_CHECKING:
    from wscodes.core.rules import Analysis
    from wscodes.core.scan.incremental import ScanState
    from wscodes.lsp.lookup import OccurrenceIndex
    from wscodes.lsp.teamfile import TeamFile


@dataclass
class Document:
    uri: str
    language_id: str
    version: int  # the editor's version number
    text: str
    encoding: str = "utf-16"
    # ours, unique across the store: a new one on every change (and on every settings change),
    # so a stale analysis is recognised whatever version numbers the client sends
    revision: int = 0
    _index: LineIndex | None = field(default=None, repr=False)
    # The latest analysis and the text/version it was computed from (None until the first one).
    analysis: Analysis | None = None
    analysed_revision: int | None = None
    analysed_index: LineIndex | None = field(default=None, repr=False)
    diagnostics: list[types.Diagnostic] = field(default_factory=list, repr=False)  # [i] is findings[i]
    occurrences: OccurrenceIndex | None = field(default=None, repr=False)
    team: TeamFile | None = field(default=None, repr=False)  # set when the document is a team file
    scan_state: ScanState | None = field(default=None, repr=False)  # the latest analysis's scan

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def adopt_index(self, index: LineIndex) -> None:
        """Reuse the analysis's index of the (unchanged) current text instead of building another."""
        self._index = index

    @property
    def fresh(self) -> bool:
        """True when the stored analysis describes the current text."""
        return self.analysed_revision == self.revision

    def apply(self, change: types.TextDocumentContentChangeEvent) -> None:
        """Apply one content change (whole text, or a range in the negotiated encoding)."""
        if isinstance(change, types.TextDocumentContentChangePartial):
            index = self.index
            start = index.offset(change.range.start.line, change.range.start.character, self.encoding)
            end = index.offset(change.range.end.line, change.range.end.character, self.encoding)
            if end < start:
                start, end = end, start
            self.text = self.text[:start] + change.text + self.text[end:]
        else:
            self.text = change.text
        self._index = None

    def offset_at(self, position: types.Position) -> int:
        """The str offset of an editor position in the current text (clamped, never raises)."""
        return self.index.offset(max(position.line, 0), max(position.character, 0), self.encoding)

    def position_at(self, offset: int, index: LineIndex | None = None) -> types.Position:
        line, character = (index or self.index).position(offset, self.encoding)
        return types.Position(line=line, character=character)

    def range_of(self, start: int, end: int, index: LineIndex | None = None) -> types.Range:
        return types.Range(start=self.position_at(start, index), end=self.position_at(end, index))


class DocumentStore:
    """Open documents by URI. Unknown URIs are simply absent: every feature answers 'nothing'."""

    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self._revisions = itertools.count(1)
        self.encoding = "utf-16"

    def touch(self, doc: Document) -> None:
        """Mark the document's inputs as changed: its stored analysis is stale from now on."""
        doc.revision = next(self._revisions)

    def open(self, item: types.TextDocumentItem) -> Document:
        doc = Document(
            uri=item.uri,
            language_id=item.language_id,
            version=item.version,
            text=item.text,
            encoding=self.encoding,
            revision=next(self._revisions),
        )
        self._docs[item.uri] = doc
        return doc

    def change(self, params: types.DidChangeTextDocumentParams) -> Document | None:
        doc = self._docs.get(params.text_document.uri)
        if doc is None:
            return None
        for change in params.content_changes:
            doc.apply(change)
        doc.version = params.text_document.version
        self.touch(doc)
        return doc

    def close(self, uri: str) -> Document | None:
        return self._docs.pop(uri, None)

    def get(self, uri: str) -> Document | None:
        return self._docs.get(uri)

    def __iter__(self) -> Iterator[Document]:
        return iter(list(self._docs.values()))

    def __len__(self) -> int:
        return len(self._docs)
