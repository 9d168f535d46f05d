"""``wscode check``'s cache of per-file results, like ruff's ``.ruff_cache``.

A file's findings are a pure function of its bytes, its path (which names its language, its
runtime and its project settings), the settings in force for it and the code that checks it. So
each checked file's result is stored under a key hashing all of those:

- the file's path, language and bytes;
- the project file that applies to it (its path and bytes) and the ``per-file-ignores`` rule ids
  it gets, plus the command line's rule options (``--select``, ``--ignore``, ``--runtime``,
  ``--report-unused-suppressions``);
- the checking code: every file of the installed ``wscodes`` and ``wscodes.core`` packages
  (name, size, modification time: a reinstall or an edit changes it), the tree-sitter
  distributions beside them (names carry versions) and the Python version.

Results are stored per path (a path's new result replaces its old one, so the cache grows
with the number of files checked, not with their versions). A hit gives back the file's rows,
how many findings were suppressed, and what the project pass needs (the constants the file
sends without defining them, the guarded close methods it defines), so nothing is parsed. The
second pass (constants defined in other files) is never cached: it depends on other files.

Layout: ``DIR/<FORMAT>-<hash>.json``, one JSON file per checking code and command line (the
hash covers both), read at the start and written at the end to a temporary name then renamed
(concurrent runs never see half a file; the later one keeps both runs' results), plus a
``.gitignore`` (``*``) and a ``CACHEDIR.TAG`` so git and backup tools skip the folder. The default DIR is
``.wscode_cache`` in the working directory (``--cache-dir`` or ``$WSCODE_CACHE_DIR`` choose
another; ``--no-cache`` or ``$WSCODE_NO_CACHE=1`` neither reads nor writes it). A cache that
cannot be written is not used.

Pruning: when a run writes the file, the results of files that no longer exist are dropped
(a path is tested only if this run did not look it up: a warm run that reads every entry tests
none, and a run that changes nothing writes nothing). Paths are tested as the runs that stored
them named them (relative to the working directory, like the default folder). Results of older
wscodes versions or command lines live in other files of the folder and stay until it is deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CACHE_DIR_NAME", "CACHE_ENV", "NO_CACHE_ENV", "Cache", "Entry", "code_fingerprint"]

CACHE_DIR_NAME = ".wscode_cache"
CACHE_ENV = "WSCODE_CACHE_DIR"
NO_CACHE_ENV = "WSCODE_NO_CACHE"
FORMAT = 1  # bump when the layout or an entry's shape changes
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by wscode check.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

# One file's result: rows without their path (path, line… as tuples), the count of suppressed
# findings, the names it sends without defining them (None: none), its guarded close methods
# and close functions ({"guard": [name, owner, group]} or {"wrapper": its fields}).
Entry = tuple[list[list[Any]], int, "list[str] | None", list[Any]]


def code_fingerprint() -> bytes:
    """What identifies the checking code: the installed wscodes packages' files (name, size,
    modification time), the tree-sitter distributions beside them, the Python version. ~1 ms."""
    import wscodes
    import wscodes.core

    parts: list[str] = [sys.version, str(FORMAT)]
    roots = sorted({os.path.dirname(os.path.abspath(m.__file__ or "")) for m in (wscodes, wscodes.core)})
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(names):
                if name.endswith((".pyc", ".tmp")):
                    continue
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(
                    f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns}"
                )
    from importlib.util import find_spec

    spec = find_spec("tree_sitter")
    if spec is not None and spec.origin:
        site = os.path.dirname(os.path.dirname(spec.origin))
        with contextlib.suppress(OSError):
            parts += sorted(n for n in os.listdir(site) if n.lower().startswith("tree_sitter"))
    return "\n".join(parts).encode("utf-8", "surrogateescape")


class Cache:
    """The results stored under ``directory`` for one run's checking code and command line
    (``context``): one file, ``<FORMAT>-<hash of both>.json``, mapping each checked path to the key
    of what was checked there and its result. Read once at the start (``load``); what the run
    adds is written back at the end (``save``), merged into what the file then holds."""

    def __init__(self, directory: str, context: Mapping[str, object], code: bytes | None = None) -> None:
        self.directory = directory
        base = hashlib.blake2b(digest_size=20)
        base.update(code if code is not None else code_fingerprint())
        base.update(json.dumps(context, sort_keys=True, default=sorted).encode())
        self._base = base
        self.file = os.path.join(directory, f"{FORMAT}-{base.hexdigest()[:24]}.json")
        self.entries: dict[str, list[Any]] = {}  # path -> [key, entry], as loaded
        self.fresh: dict[str, list[Any]] = {}  # what this process stored since the last take()
        self.seen: set[str] = set()  # the paths looked up in this process (they exist: see save)

    def load(self) -> None:
        """Read the stored results (none if the file is missing, unreadable or malformed)."""
        self.entries = _read_pack(self.file)

    def key(self, path: str, language: str, settings: bytes, data: bytes) -> str:
        h = self._base.copy()
        for part in (path.encode("utf-8", "surrogateescape"), language.encode(), settings):
            h.update(len(part).to_bytes(4, "little"))
            h.update(part)
        h.update(data)
        return h.hexdigest()

    def get(self, path: str, key: str) -> Entry | None:
        """The result stored for ``path`` if it was stored under ``key``, else None."""
        self.seen.add(path)
        found = self.fresh.get(path) or self.entries.get(path)
        if found is None or found[0] != key:
            return None
        entry = found[1]
        if not (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], list)):
            return None
        rows, suppressed, unresolved, guards = entry
        if not isinstance(suppressed, int) or not isinstance(guards, list):
            return None
        return rows, suppressed, unresolved, guards

    def put(self, path: str, key: str, entry: Entry) -> None:
        self.fresh[path] = [key, list(entry)]

    def take(self) -> dict[str, list[Any]]:
        """What was stored since the last take (a worker hands it to the main process)."""
        fresh, self.fresh = self.fresh, {}
        return fresh

    def save(self) -> None:
        """Write what this run stored, merged into the file as it is now (another run may have
        written it meanwhile), minus the results of files that no longer exist; silently nothing
        if the folder cannot be written."""
        if not self.fresh:
            return
        try:
            self._prepare()
            merged = _read_pack(self.file)
            merged.update(self.fresh)
            _prune(merged, self.seen, self.fresh)
            temporary = f"{self.file}.{os.getpid()}.tmp"
            with open(temporary, "w", encoding="utf-8") as f:
                f.write(json.dumps(merged, ensure_ascii=False, separators=(",", ":")))
            os.replace(temporary, self.file)
        except OSError:
            return
        self.entries, self.fresh = merged, {}

    def _prepare(self) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG."""
        os.makedirs(self.directory, exist_ok=True)
        for name, text in ((".gitignore", "# created by wscode check\n*\n"), ("CACHEDIR.TAG", TAG)):
            target = os.path.join(self.directory, name)
            if not os.path.exists(target):
                with open(target, "w", encoding="utf-8") as f:
                    f.write(text)


def _prune(stored: dict[str, list[Any]], seen: set[str], fresh: Mapping[str, object]) -> None:
    """Drop from ``stored`` the paths that no longer exist; those this run read (``seen``, or
    checked in a worker: ``fresh``) are not tested."""
    exists = os.path.exists
    for path in [p for p in stored if p not in seen and p not in fresh and not exists(p)]:
        del stored[path]


def _read_pack(file: str) -> dict[str, list[Any]]:
    try:
        with open(file, "rb") as f:
            found = json.loads(f.read())
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, list) and len(v) == 2}
