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
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection

from wscodes.check.project import ROOT_MARKERS, root_for
from wscodes.core.scan import ProjectIndex

__all__ = ["MAX_CALLS_TEXT", "ROOT_MARKERS", "forget", "index_for", "root_for"]

log = logging.getLogger(__name__)

MAX_CALLS_TEXT = 500_000
_lock = threading.Lock()
_projects: dict[str, tuple[ProjectIndex, set[str]]] = {}  # root -> (index, names already searched)


def forget() -> None:
    """Files changed on disk: search again when next asked."""
    with _lock:
        _projects.clear()


def index_for(
    path: str, names: Collection[str], text: str | None = None, language: str | None = None
) -> ProjectIndex:
    """The definitions of ``names`` (as ``ScanResult.unresolved`` lists them) in the project of
    ``path``, searched once per name until ``forget``; with the document's ``text`` and
    ``language``, also the close functions other files define that it calls
    (``project.wrapper_candidates``): ``close_with(ws, 1006)`` with ``close_with`` in ``util.py``."""
    from wscodes.check.project import search_project
    from wscodes.core.scan.project import search_names, wrapper_candidates

    root = root_for(path)
    # (a document larger than MAX_CALLS_TEXT is not searched for calls: ~0.3 s a megabyte, per edit)
    large = text is None or len(text) > MAX_CALLS_TEXT
    calls = wrapper_candidates(text) if text is not None and language is not None and not large else set()
    with _lock:
        index, searched = _projects.setdefault(root, (ProjectIndex(), set()))
        todo = set(names) - searched  # (a method as "close()": see project.guards)
        new_calls = {name for name in calls if f"{name}(" not in searched}
        if not todo and not new_calls:
            return index
        searched |= todo | {f"{name}(" for name in new_calls}
        constants = search_names({name for name in todo if not name.endswith("()")})
        methods = {name[:-2] for name in todo if name.endswith("()")}
        search_project(index, root, constants, new_calls, skip=[path], methods=methods)
        return index
