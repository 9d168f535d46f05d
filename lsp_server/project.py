"""Constants and close functions defined in another file of the workspace, for the editor:
``close(ABNORMAL)`` with ``ABNORMAL = 1006`` in ``codes.py``, or ``close_with(ws, 1006)`` with
``close_with`` closing with its parameter in ``util.py``, is a WSC001 in the editor too, as it is
in ``wscode check``.

The engine lists the constant-like names a document sends but doesn't bind
(``ScanResult.unresolved``), and ``core.scan.project.wrapper_candidates`` the functions it calls
with something that reads as a close code; this module finds their definitions in the document's
project (the nearest folder up with a ``.git``, a project file or a package manifest) the way
``wscode check FILE`` does (``wscodes.check.project``: the files ``wscode check`` would read that
mention a name, through ``core.scan.ProjectIndex``) and keeps them until a file changes (``forget``).

For hover, the names a document uses as constants without binding them itself (``throw new
ParserException(WebsocketCloseCode::PROTOCOL_ERROR)``, ``case PSWebSocketStatusCodeProtocolError:``;
``core.scan.uses.project_names``) are looked for the same way: the project's files that hold one
of them and a number that may be a close code are scanned once (``uses.named_definitions``: what
the analyser reads as a close code there), and each use of a name they bind to one code becomes a
hover-only mention (``named_uses``). ``resolve`` does both for a document's scan.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Collection
from typing import TYPE_CHECKING

from wscodes.check.project import ROOT_MARKERS, root_for
from wscodes.core.scan import ProjectIndex

if TYPE_CHECKING:
    from wscodes.core.scan import ScanResult

__all__ = ["MAX_CALLS_TEXT", "ROOT_MARKERS", "forget", "index_for", "named_uses", "resolve", "root_for"]

log = logging.getLogger(__name__)

MAX_CALLS_TEXT = 500_000
_lock = threading.Lock()
_projects: dict[str, tuple[ProjectIndex, set[str]]] = {}  # root -> (index, names already searched)


def forget() -> None:
    """Files changed on disk: search again when next asked."""
    with _lock:
        _projects.clear()


def index_for(
    path: str,
    names: Collection[str],
    text: str | None = None,
    language: str | None = None,
    root: str | None = None,
) -> ProjectIndex:
    """The definitions of ``names`` (as ``ScanResult.unresolved`` lists them) in the project of
    ``path``, searched once per name until ``forget``; with the document's ``text`` and
    ``language``, also the close functions other files define that it calls
    (``project.wrapper_candidates``): ``close_with(ws, 1006)`` with ``close_with`` in ``util.py``."""
    from wscodes.check.project import search_project
    from wscodes.core.scan.project import search_names, wrapper_candidates

    root = root or root_for(path)
    # (a document larger than MAX_CALLS_TEXT is not searched for calls: ~0.3 s a megabyte, per edit)
    large = text is None or len(text) > MAX_CALLS_TEXT
    calls = wrapper_candidates(text) if text is not None and language is not None and not large else set()
    with _lock:
        index, searched = _projects.setdefault(root, (ProjectIndex(root), set()))
        todo = set(names) - searched  # (a method as "close()": see project.guards)
        new_calls = {name for name in calls if f"{name}(" not in searched}
        if not todo and not new_calls:
            return index
        searched |= todo | {f"{name}(" for name in new_calls}
        constants = search_names({name for name in todo if not name.endswith("()")})
        methods = {name[:-2] for name in todo if name.endswith("()")}
        search_project(index, root, constants, new_calls, skip=[path], methods=methods)
        return index


MAX_NAMED_FILES = 400  # files scanned for one document's names at most (a huge project: the first ones)


MAX_FILE_BYTES = 2 * 1024 * 1024  # (larger files are data or minified: no names looked for there)


def _read(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_FILE_BYTES or b"\0" in data[:8192]:
        return None
    return data.decode("utf-8-sig", "replace")


def named_index(
    path: str, text: str, language: str, result: ScanResult, root: str | None = None
) -> ProjectIndex | None:
    """The project's close-code names that the document at ``path`` uses without binding them
    (``uses.project_names``), looked for once per name until ``forget``; None when it uses none."""
    from wscodes.core.scan.uses import project_names

    names = project_names(text, result.occurrences, language)
    if not names:
        return None
    return _named_search(path, names, root)


def _named_search(path: str, names: set[str], root: str | None) -> ProjectIndex | None:
    from wscodes.check.files import UsageError, select
    from wscodes.core.scan.languages import language_for
    from wscodes.core.scan.uses import may_name_codes, named_definitions

    root = root or root_for(path)
    with _lock:
        index, searched = _projects.setdefault(root, (ProjectIndex(root), set()))
        todo = {n for n in names if f"named:{n}" not in searched}
        if not todo:
            return index if names & index.named_names() else None
        searched |= {f"named:{n}" for n in todo}
        try:
            selection = select([root], jobs=1)
        except UsageError as exc:
            log.warning("cannot list %s: %s", root, exc)
            return index
        try:
            scanned = 0
            for found, file_language in selection.files_with(todo):
                key = os.path.abspath(found)
                if index.has_named(key):
                    continue  # (the document's own file too: another document may need its names)
                source = _read(key)
                lang = file_language or language_for(key)
                if source is None or lang is None or not may_name_codes(source, todo):
                    continue  # (another name may make it worth a scan later)
                index.add_named(key, named_definitions(source, lang, key))
                scanned += 1
                if scanned >= MAX_NAMED_FILES:
                    break
        finally:
            selection.close()
        return index if names & index.named_names() else None


def named_uses(
    path: str, text: str, language: str, result: ScanResult, root: str | None = None
) -> ScanResult:
    """``result`` with a hover-only mention at each use of a name another file of the project binds
    to one close code (``uses.with_named_uses`` with the project)."""
    index = named_index(path, text, language, result, root)
    if index is None:
        return result
    from wscodes.core.scan import ScanResult
    from wscodes.core.scan.uses import with_named_uses

    occurrences = with_named_uses(
        text, result.occurrences, language, project=index, path=os.path.abspath(path)
    )
    if occurrences == result.occurrences:
        return result
    return ScanResult(
        language=result.language,
        occurrences=occurrences,
        unresolved=result.unresolved,
        wrappers=result.wrappers,
        wrapper_specs=result.wrapper_specs,
    )


def resolve(
    path: str, text: str, language: str, result: ScanResult, *, runtime: str = "auto", root: str | None = None
) -> ScanResult:
    """A document's ``result`` (``scan`` or ``rescan`` of ``text``) with what its project says:
    the constants it sends and the close functions it calls that other files define (scanned
    again with them), and the names other files bind to close codes (hover)."""
    from wscodes.core.scan import scan

    known = index_for(path, result.unresolved, text, language, root)
    if any(known.knows(name, language) for name in result.unresolved) or known.wrapper_names(text, language):
        result = scan(text, language, runtime=runtime, project=known)
    return named_uses(path, text, language, result, root)
