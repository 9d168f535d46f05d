"""The project around a file checked on its own: ``wscode check src/app.py`` and ``wscode check -
--stdin-filename src/app.py`` resolve the constants and close functions the file uses from the
other files of its project, as a check of the whole tree does (ruff's ``check FILE``), and so does
the language server for an open document (wscodes.lsp.project).

The project is the nearest folder up from the file with ``.git``, a ``wscodes.toml`` or a package
manifest (``root_for``); its files are listed as ``wscode check`` lists a tree (git's view of it,
else a walk that skips virtualenvs and build folders) and only those that mention a wanted name are
read (ripgrep finds them when installed).
"""

from __future__ import annotations

import logging
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection

    from wscodes.core.scan import ProjectIndex

log = logging.getLogger(__name__)

# What marks a project's root (the first folder up from a file that has one of these)
ROOT_MARKERS = (
    ".git", "wscodes.toml", "pyproject.toml", "package.json", "go.mod", "Cargo.toml", "pom.xml",
    "build.gradle", "build.gradle.kts", "composer.json", "Gemfile", "mix.exs", "pubspec.yaml",
    "build.sbt", "Package.swift", "CMakeLists.txt",
)  # fmt: skip


def root_for(path: str) -> str:
    """The project folder of the file at ``path`` (its own folder when none is marked)."""
    folder = os.path.dirname(os.path.abspath(path))
    here = folder
    while True:
        if any(os.path.exists(os.path.join(here, marker)) for marker in ROOT_MARKERS):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return folder
        here = parent


def search_project(
    index: ProjectIndex,
    root: str,
    wanted: Collection[str],
    calls: Collection[str],
    *,
    skip: Collection[str] = (),
    methods: Collection[str] = (),
    depth: int = 0,
) -> None:
    """Add to ``index`` what the files of the project at ``root`` (minus ``skip``) say about
    ``wanted`` (bare constant names: their definitions), ``calls`` (function names: the close
    functions of those names, and the functions of those names that do not close) and
    ``methods`` (close methods that may replace 1005/1006 before sending: project.guards). A
    function of ``calls`` that closes through another file's close function (``fail_session(ws,
    code)`` -> ``close_transport(ws, code)`` -> ``ws.close``) is found by searching, one level
    deeper (``depth``), for the functions its file calls with a code."""
    from wscodes.check.files import UsageError, select
    from wscodes.core.scan import needles, scan
    from wscodes.core.scan.project import defines_function, wrapper_candidates

    words = set(wanted) | set(calls) | set(methods)
    names = {*wanted, *(f"{m}()" for m in methods)}
    if not words:
        return
    skipped = {os.path.abspath(p) for p in skip}
    try:
        selection = select([root], jobs=1)
    except UsageError as exc:
        log.warning("cannot list %s: %s", root, exc)
        return
    try:
        for found, language in selection.files_with(words):
            key = os.path.abspath(found)
            if language is None or key in skipped:
                continue
            text = _read(found)
            if text is None:
                continue
            if names:
                index.add_file(key, text, language, names)
            defined = {name for name in calls if defines_function(text, name)}
            if not defined:
                continue
            closing: set[str] = set()
            if any(needle in text for needle in needles(language)):  # (a close function closes)
                specs = scan(text, language).wrapper_specs
                index.add_wrappers(key, language, specs)
                closing = {w.name for w in specs}
            if defined - closing and depth < 2:  # through another file's close function?
                inner = wrapper_candidates(text, parameters=True) - set(calls)
                if inner:
                    search_project(index, root, (), inner, skip=skip, depth=depth + 1)
                    if index.wrapper_names(text, language):
                        index.add_wrappers(key, language, scan(text, language, project=index).wrapper_specs)
            index.add_functions(key, text, language, defined)
    finally:
        selection.close()


MAX_BYTES = 2 * 1024 * 1024  # (larger files are data or minified: no definitions looked for there)


def _read(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES or b"\0" in data[:8192]:
        return None
    return data.decode("utf-8-sig", "replace")


def index_for_file(path: str, language: str, text: str, unresolved: Collection[str]) -> ProjectIndex | None:
    """What the project around ``path`` says about the names ``text`` sends without defining
    (``unresolved``, as ScanResult lists them) and the functions it calls with a close code; None
    when it says nothing that would change the check of ``text``."""
    from wscodes.core.scan import ProjectIndex
    from wscodes.core.scan.project import search_names, wrapper_candidates

    wanted = search_names({n for n in unresolved if not n.endswith("()")})
    methods = {n[:-2] for n in unresolved if n.endswith("()")}
    calls = wrapper_candidates(text)
    if not wanted and not calls and not methods:
        return None
    index = ProjectIndex()
    search_project(index, root_for(path), wanted, calls, skip=[path], methods=methods)
    if any(index.knows(n, language) for n in unresolved) or index.wrapper_names(text, language):
        return index
    return None
