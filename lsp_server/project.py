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


def index_for(path: str, names: Collection[str]) -> ProjectIndex:
    """The definitions of ``names`` (as ``ScanResult.unresolved`` lists them) in the project of
    ``path``, searched once per name until ``forget``."""
    from wscodes.check.files import UsageError, select
    from wscodes.core.scan.project import search_names
    from wscodes.lsp.workspace import read_source

    root = root_for(path)
    with _lock:
        index, searched = _projects.setdefault(root, (ProjectIndex(), set()))
        todo = {name for name in names if not name.endswith("()")} - searched
        if not todo:
            return index
        searched |= todo
        wanted = search_names(todo)
        if not wanted:
            return index
        try:
            selection = select([root], jobs=1)
        except UsageError as exc:
            log.warning("cannot list %s: %s", root, exc)
            return index
        try:
            for found, language in selection.files_with(wanted):
                if language is None or os.path.abspath(found) == os.path.abspath(path):
                    continue
                text = read_source(found, "utf-8-sig")  # (as wscode check's project pass reads)
                if text is not None:
                    index.add_file(os.path.abspath(found), text, language)
        finally:
            selection.close()
        return index
