"""Constants defined in another file of the workspace, for the editor: ``close(ABNORMAL)`` with
``ABNORMAL = 1006`` in ``codes.py`` is a WSC001 in the editor too, as it is in ``wscode check``.

The engine lists the constant-like names a document sends but doesn't bind
(``ScanResult.unresolved``); this module finds their definitions in the document's project (the
nearest folder up with a ``.git``, a project file or a package manifest) the way ``wscode check``'s
project pass does — the files ``wscode check`` would read that mention a name, through
``core.scan.ProjectIndex`` — and keeps them until a file changes (``forget``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Collection

from wscodes.core.scan import ProjectIndex

log = logging.getLogger(__name__)

# What marks a project's root (the first folder up from a document that has one of these)
ROOT_MARKERS = (
    ".git", "wscodes.toml", "pyproject.toml", "package.json", "go.mod", "Cargo.toml", "pom.xml",
    "build.gradle", "build.gradle.kts", "composer.json", "Gemfile", "mix.exs", "pubspec.yaml",
    "build.sbt", "Package.swift", "CMakeLists.txt",
)  # fmt: skip
_lock = threading.Lock()
_projects: dict[str, tuple[ProjectIndex, set[str]]] = {}  # root -> (index, names already searched)


def root_for(path: str) -> str:
    """The project folder of the file at ``path``."""
    folder = os.path.dirname(os.path.abspath(path))
    here = folder
    while True:
        if any(os.path.exists(os.path.join(here, marker)) for marker in ROOT_MARKERS):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return folder
        here = parent


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
    from wscodes.core.scan.project import search_names, wrapper_candidates

    root = root_for(path)
    calls = wrapper_candidates(text) if text is not None and language is not None else set()
    with _lock:
        index, searched = _projects.setdefault(root, (ProjectIndex(), set()))
        todo = {name for name in names if not name.endswith("()")} - searched
        new_calls = {name for name in calls if f"{name}(" not in searched}
        if not todo and not new_calls:
            return index
        searched |= todo | {f"{name}(" for name in new_calls}
        wanted = search_names(todo)
        if wanted or new_calls:
            _search(index, root, path, wanted, new_calls)
        return index


def _search(index: ProjectIndex, root: str, path: str, wanted: set[str], calls: set[str]) -> None:
    """Add to ``index`` the definitions of ``wanted`` and the close functions named ``calls`` that
    the files of the project (as ``wscode check`` lists them, minus ``path``) hold."""
    from wscodes.check.files import UsageError, select
    from wscodes.core.scan import needles, scan
    from wscodes.core.scan.project import defines_function
    from wscodes.lsp.workspace import read_source

    try:
        selection = select([root], jobs=1)
    except UsageError as exc:
        log.warning("cannot list %s: %s", root, exc)
        return
    try:
        for found, language in selection.files_with(wanted | calls):
            if language is None or os.path.abspath(found) == os.path.abspath(path):
                continue
            text = read_source(found, "utf-8-sig")  # (as wscode check's project pass reads)
            if text is None:
                continue
            key = os.path.abspath(found)
            if wanted:
                index.add_file(key, text, language)
            defined = {name for name in calls if defines_function(text, name)}
            if not defined:
                continue
            if any(needle in text for needle in needles(language)):  # (a close function closes)
                index.add_wrappers(key, language, scan(text, language).wrapper_specs)
            index.add_functions(key, text, language, defined)
    finally:
        selection.close()
