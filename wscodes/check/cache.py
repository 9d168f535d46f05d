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

A hit gives back the file's rows, how many findings were suppressed, and what the project pass
needs (the constants the file sends without defining them, the guarded close methods it
defines), so nothing is parsed. The second pass (constants defined in other files) is never
cached: it depends on other files.

Layout: ``DIR/<2 hex>/<38 hex>``, one small JSON file per entry, written to a temporary name and
renamed (parallel workers and concurrent runs never see half an entry), plus a ``.gitignore``
(``*``) and a ``CACHEDIR.TAG`` so git and backup tools skip the folder. The default DIR is
``.wscode_cache`` in the working directory (``--cache-dir`` or ``$WSCODE_CACHE_DIR`` choose
another; ``--no-cache`` or ``$WSCODE_NO_CACHE=1`` neither reads nor writes it). Nothing is ever
evicted: delete the folder to reclaim its space. A cache that cannot be written is not used.
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
# as (name, owner, group).
Entry = tuple[list[list[Any]], int, "list[str] | None", list[list[Any]]]


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
    """The entries under ``directory`` for one run's command line (``context``)."""

    def __init__(self, directory: str, context: Mapping[str, object], code: bytes | None = None) -> None:
        self.directory = directory
        base = hashlib.blake2b(digest_size=20)
        base.update(code if code is not None else code_fingerprint())
        base.update(json.dumps(context, sort_keys=True, default=sorted).encode())
        self._base = base
        self._made: set[str] = set()
        self._writable = True

    def exists(self) -> bool:
        """Whether the folder is there (a first run finds none: every file is a miss)."""
        return os.path.isdir(self.directory)

    def key(self, path: str, language: str, settings: bytes, data: bytes) -> str:
        h = self._base.copy()
        for part in (path.encode("utf-8", "surrogateescape"), language.encode(), settings):
            h.update(len(part).to_bytes(4, "little"))
            h.update(part)
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key[2:])

    def get(self, key: str) -> Entry | None:
        """The entry stored under ``key``, or None (missing, unreadable or malformed)."""
        try:
            with open(self._path(key), "rb") as f:
                found = json.loads(f.read())
        except (OSError, ValueError):
            return None
        if not (isinstance(found, list) and len(found) == 4 and isinstance(found[0], list)):
            return None
        rows, suppressed, unresolved, guards = found
        if not isinstance(suppressed, int) or not isinstance(guards, list):
            return None
        return rows, suppressed, unresolved, guards

    def put(self, key: str, entry: Entry) -> None:
        """Store ``entry`` (silently not, if the folder cannot be written)."""
        if not self._writable:
            return
        final = self._path(key)
        folder = os.path.dirname(final)
        try:
            if folder not in self._made:
                self._prepare()
                os.makedirs(folder, exist_ok=True)
                self._made.add(folder)
            temporary = f"{final}.{os.getpid()}.tmp"
            with open(temporary, "w", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
            os.replace(temporary, final)
        except OSError:
            self._writable = False

    def _prepare(self) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG (once)."""
        if self.directory in self._made:
            return
        os.makedirs(self.directory, exist_ok=True)
        for name, text in ((".gitignore", "# created by wscode check\n*\n"), ("CACHEDIR.TAG", TAG)):
            target = os.path.join(self.directory, name)
            if not os.path.exists(target):
                with open(target, "w", encoding="utf-8") as f:
                    f.write(text)
        self._made.add(self.directory)
