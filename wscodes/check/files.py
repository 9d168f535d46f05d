"""Which files ``wscode check`` reads, and the native prefilter that spares Python most of them.

Listing (the authority on what is checked):

- a file named on the command line is checked as is (an unknown language gets a note);
- a directory inside a git work tree is listed by ``git ls-files -co --exclude-standard``, so
  .gitignore is honoured;
- any other directory is walked, skipping SKIP_DIRS and folders that hold a ``pyvenv.cfg``,
  not following symbolic links.

In directories only files of a known language count (``core.scan.language_for``).

Prefilter: a file without one of ``core.scan.needles`` cannot hold a finding. Python applies
that test to every file it reads; on trees of NATIVE_PREFILTER_MIN files or more, native code
applies it first, so Python reads only the few files that can matter:

- with ripgrep installed (the fast way): per directory, ``rg --files`` lists what ripgrep's walk
  sees (W) and ``rg -l`` names the files of that walk holding a needle (M, multi-threaded), both
  started as soon as the command line is read, before Python imports the scanner (git lists a
  git work tree meanwhile; threads drain the listings). The first NATIVE_PREFILTER_MIN names of
  W tell a big tree; M streams into the workers. The listing above (S) stays the authority: the
  candidates are M ∩ S, plus S − W (files ripgrep's walk skips, such as a tracked file that
  .gitignore matches or a tracked symbolic link), which Python screens itself. For a plain
  directory S is W minus virtualenvs, so the walk itself is native too;
- without ripgrep: grep on batches of the listed paths, several at once (``prefiltered``).

Either way the findings are exactly those of reading every file (tests/engine/test_native_prefilter.py
compares them); files screened out are counted as checked but cannot be reported on, nor noted as
binary, huge or unreadable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from itertools import chain, islice

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

    from wscodes.core.teamcodes import ProjectConfig, Projects

    Exclude = Callable[[str], bool]  # a listed path -> whether the project excludes it

__all__ = [
    "NATIVE_PREFILTER_MIN",
    "SKIP_DIRS",
    "Exclusion",
    "Selection",
    "UsageError",
    "batches",
    "check_paths",
    "select",
]

NATIVE_PREFILTER_MIN = 2000  # files: from here on, native code screens them before Python reads any
GREP_BATCH = 2500  # paths per grep process
SKIP_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__",
        ".mypy_cache", ".ruff_cache", ".pytest_cache", "site-packages", ".direnv", ".eggs", ".wscode_cache",
    }
)  # fmt: skip

Item = tuple[str, "str | None"]  # (path, language)

# What ripgrep needs from the language specs (core/scan/languages.py), written out so that it
# starts before Python imports them: the union of every language's needles (``needles``), and
# every name ``language_for`` takes that has no "." or "," in it. tests/check/test_cache.py checks
# both against the specs: when it fails, paste what it prints here.
RG_NEEDLES = (
    ":stop",
    "LOSE",
    "Poco/Net/WebSocket",
    "WS_",
    "WebSocket",
    "cancel",
    "drogon",
    "ixwebsocket",
    "lose",
    "uWS",
)
RG_NAMES = (
    "astro", "c", "c#", "c++", "c_sharp", "cc", "cjs", "cpp", "cs", "csharp", "csx", "cts", "cuda-cpp",
    "cxx", "dart", "elixir", "ex", "exs", "gemspec", "go", "golang", "h", "h++", "hh", "hpp", "htm",
    "html", "hxx", "inl", "ipp", "java", "javascript", "javascriptreact", "js", "jsx", "kotlin", "kt",
    "kts", "lua", "m", "mjs", "mm", "mts", "objc", "objcpp", "objective-c", "objective-cpp", "php",
    "php3", "php4", "php5", "php8", "phtml", "py", "pyi", "python", "pyw", "rake", "rb", "rs", "ru",
    "ruby", "rust", "sc", "scala", "svelte", "swift", "tpp", "ts", "tsx", "typescript",
    "typescriptreact", "vue",
)  # fmt: skip


def language_for(name: str) -> str | None:
    """``core.scan.language_for`` (imported on first use: see RG_NEEDLES)."""
    from wscodes.core.scan.languages import language_for as lookup

    return lookup(name)


def is_excluded(project: ProjectConfig, path: str, *, folder: bool = False) -> bool:
    """``core.teamcodes.is_excluded`` (imported on first use)."""
    from wscodes.core.teamcodes import is_excluded as excluded

    return excluded(project, path, folder=folder)


class UsageError(Exception):
    """A bad command line: exit 2 with this message."""


# ---------------------------------------------------------------------------------------------
# Listing


def _in_git_work_tree(directory: str) -> bool:
    try:
        inside = subprocess.run(
            ["git", "-C", directory, "rev-parse", "--is-inside-work-tree"],
            capture_output=True, text=True, check=False, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    return inside.returncode == 0 and inside.stdout.strip() == "true"


class _Drain:
    """A started process's output, read to its end by a thread: the process never waits on a full
    pipe (a listing of 20,000 paths is ~700 KB; a pipe holds 64 KB) while Python does other work."""

    def __init__(self, command: list[str]) -> None:
        import threading

        self.chunks: list[bytes] = []
        self.count = 0  # NUL-terminated names so far
        self.code: int | None = None  # the exit status, once done; -1 if it could not start
        self._changed = threading.Condition()
        self.process = _spawn(command)
        if self.process is None:
            self.code = -1
            return
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()

    def _read(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        with process.stdout as out:
            fd = out.fileno()
            while chunk := os.read(fd, 1 << 16):
                with self._changed:
                    self.chunks.append(chunk)
                    self.count += chunk.count(b"\0")
                    self._changed.notify_all()
        code = process.wait()
        with self._changed:
            self.code = code
            self._changed.notify_all()

    def at_least(self, count: int) -> int:
        """Wait until ``count`` names are in or the process ended; how many are in."""
        with self._changed:
            self._changed.wait_for(lambda: self.code is not None or self.count >= count)
            return self.count

    def output(self) -> tuple[int, bytes]:
        """Wait for the end: (exit status, everything it printed)."""
        with self._changed:
            self._changed.wait_for(lambda: self.code is not None)
            assert self.code is not None
            return self.code, b"".join(self.chunks)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _git_listing(directory: str) -> _Drain:
    """``git ls-files`` of ``directory``, started (read it with _git_files)."""
    return _Drain(["git", "-C", directory, "ls-files", "-co", "--exclude-standard", "-z", "--", "."])


def _git_files(directory: str, listing: _Drain) -> list[str] | None:
    """Files git would track under ``directory`` (tracked + untracked, minus ignored), or None."""
    code, out = listing.output()
    if code != 0:
        return None
    prefix = directory if directory.endswith("/") else directory + "/"  # os.path.join, 20,000 times
    return [prefix + n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]


def _walk(directory: str) -> Iterator[str]:
    """Files under ``directory``, skipping VCS folders, node_modules, virtualenvs and caches."""
    stack = [directory]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name in SKIP_DIRS or os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
                        continue
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    yield entry.path
            except OSError:
                continue


def check_paths(paths: Sequence[str]) -> None:
    """Raise UsageError for a path that doesn't exist (before any work starts)."""
    for raw in paths:
        if not os.path.exists(raw):
            raise UsageError(f"{raw}: no such file or directory")


class _Source:
    """One command-line path: a file, a directory inside a git work tree, or one to walk."""

    __slots__ = ("_git", "_listing", "kind", "path")

    def __init__(self, raw: str) -> None:
        self.path = os.path.normpath(raw)
        self._git: list[str] | None = None
        self._listing: _Drain | None = None
        if not os.path.isdir(self.path):
            self.kind = "file"
        else:
            self.kind = "git" if _in_git_work_tree(self.path) else "walk"

    def start(self) -> None:
        """Start git listing the directory now (it is read when ``git`` is first asked for)."""
        if self.kind == "git" and self._listing is None and self._git is None:
            self._listing = _git_listing(self.path)

    def stop(self) -> None:
        """Stop a git listing nobody read."""
        if self._listing is not None:
            self._listing.stop()
            self._listing = None

    @property
    def git(self) -> list[str] | None:
        """What git lists (once); if git fails, the directory is walked instead."""
        if self.kind == "git" and self._git is None:
            self.start()
            assert self._listing is not None
            self._git = _git_files(self.path, self._listing)
            self._listing = None
            if self._git is None:
                self.kind = "walk"
        return self._git

    def names(self) -> Iterable[str]:
        """What Python lists in a directory (a walk is streamed, so listing and checking overlap)."""
        listed = self.git
        return listed if listed is not None else _walk(self.path)


def _language_of_listed(name: str, memo: dict[str, str | None]) -> str | None:
    """``language_for(name)`` for a path with a directory part, memoised on what decides it: the
    text from the last '.' of the file name on (or the whole file name if it has no '.').
    (20,000 calls of language_for cost ~30 ms; a test checks both agree on any name.)"""
    slash = name.rfind("/")
    dot = name.rfind(".")
    return _language_of_tail(name[dot:] if dot > slash else name[slash + 1 :], memo)


def _tails(names: Iterable[str]) -> list[str]:
    """What decides the language of each name (see _language_of_listed), for a whole listing at once."""
    return [
        name[dot:] if (dot := name.rfind(".")) > (slash := name.rfind("/")) else name[slash + 1 :]
        for name in names
    ]


def _language_of_tail(tail: str, memo: dict[str, str | None]) -> str | None:
    found = memo.get(tail, memo)
    if found is memo:
        found = memo[tail] = language_for("_/x" + tail if tail.startswith(".") else "_/" + tail)
    return found  # type: ignore[return-value]


def _keyed(names: Iterable[str], seen: set[str], exclude: Exclude | None = None) -> Iterator[Item]:
    """(path, language) of the names of a known language not yet in ``seen`` (paths as the walk
    of '.' gives them, minus the './'), minus those ``exclude`` says the project excludes."""
    memo: dict[str, str | None] = {}
    for name in names:
        language = _language_of_listed(name, memo)
        if language is not None and (exclude is None or not exclude(name)):
            key = name[2:] if name.startswith("./") else name  # (_key, inlined: 20,000 calls)
            if key not in seen:
                seen.add(key)
                yield key, language


def _listing(sources: Sequence[_Source], exclusion: Exclusion | None) -> Iterator[Item]:
    seen: set[str] = set()
    for source in sources:
        exclude = exclusion.for_source(source) if exclusion is not None else None
        if source.kind == "file":
            if exclude is None or not exclude(source.path):
                yield from _keyed_file(source.path, seen)
        else:
            yield from _keyed(source.names(), seen, exclude)


# ---------------------------------------------------------------------------------------------
# Native prefilter with grep: batches of listed paths


def _patterns() -> list[str]:
    """The union of every language's needles: a superset of each file's own test."""
    return list(RG_NEEDLES)


def batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    while batch := list(islice(items, size)):
        yield batch


def _grep_batch(grep: str, patterns: Sequence[str], batch: list[Item]) -> tuple[int, list[Item]]:
    """How many files ``batch`` had, and those that contain a needle (all of them if grep fails:
    never lose one)."""
    command = [grep, "-l", "-F", "-s", "--null", *(f"-e{p}" for p in patterns), "--", *(p for p, _ in batch)]
    try:
        done = subprocess.run(
            command, capture_output=True, check=False, timeout=600, env={**os.environ, "LC_ALL": "C"}
        )
    except (OSError, subprocess.SubprocessError):
        return len(batch), batch
    if done.returncode not in (0, 1) and not done.stdout:
        return len(batch), batch
    matched = {os.fsdecode(name) for name in done.stdout.split(b"\0") if name}
    return len(batch), [item for item in batch if item[0] in matched]


def big_tree(files: Iterator[Item]) -> tuple[Iterator[Item], set[str] | None]:
    """``files`` unchanged, and the languages among the first NATIVE_PREFILTER_MIN when there are
    at least that many (a tree worth the native prefilter and workers from the start), else None."""
    head = list(islice(files, NATIVE_PREFILTER_MIN))
    languages = {lang for _, lang in head if lang} if len(head) == NATIVE_PREFILTER_MIN else None
    return chain(head, files), languages


def prefiltered(files: Iterator[Item], grep: str | None, jobs: int, screened: list[int]) -> Iterator[Item]:
    """``files`` minus those ``grep`` finds no needle in, streamed as grep answers (so the checking
    workers start while grep still runs). Adds the number screened out to ``screened[0]``.
    Without grep every file passes."""
    if grep is None:
        yield from files
        return
    patterns = _patterns()
    unknown: list[Item] = []  # named files of no known language: checked for their note

    def known() -> Iterator[Item]:
        for item in files:
            if item[1] is None:
                unknown.append(item)
            else:
                yield item

    from concurrent.futures import ThreadPoolExecutor  # (imports logging: only here)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        submitted = (
            pool.submit(_grep_batch, grep, patterns, batch) for batch in batches(known(), GREP_BATCH)
        )
        pending = list(islice(submitted, max(1, jobs) * 2))
        while pending:
            batch_size, kept = pending.pop(0).result()
            screened[0] += batch_size - len(kept)
            yield from kept
            pending.extend(islice(submitted, 1))
    yield from unknown


# ---------------------------------------------------------------------------------------------
# Native prefilter with ripgrep: it walks and searches a directory itself


def _rg_filters(kind: str) -> list[str]:
    """ripgrep options that make its walk see what the listing sees (a superset, at least)."""
    names = RG_NAMES  # every name language_for takes
    common = [
        "--no-config", "--no-messages", "--null",
        "--iglob", "*.{" + ",".join(names) + "}", "--iglob", "{rakefile,gemfile,guardfile}",
    ]  # fmt: skip
    if kind == "git":  # the work tree as git sees it: .gitignore yes, .ignore/.rgignore no, dotfiles yes
        return [*common, "--hidden", "--no-ignore-dot", "--glob", "!.git/"]
    # a plain directory: everything but SKIP_DIRS (virtualenvs are found by their pyvenv.cfg)
    return [*common, "--no-ignore", "--hidden", *(f"--glob=!{name}/" for name in sorted(SKIP_DIRS))]


class _Ripgrep:
    """The two ripgrep processes for one directory: its walk (W) and the files holding a needle (M)."""

    def __init__(self, rg: str, source: _Source) -> None:
        self.kind = source.kind  # the walk it does: "git" or "walk"
        self._walked: list[str] | None = None
        filters = _rg_filters(source.kind)
        search = [rg, "--files-with-matches", "--text", "--encoding=none", "--fixed-strings"]
        search += [f"--regexp={p}" for p in _patterns()]
        listing = [rg, "--files", "--threads=1", *filters]
        if source.kind == "walk":
            listing += ["--iglob", "pyvenv.cfg"]  # to find the virtualenvs the walk skips
        self.search = _spawn([*search, *filters, "--", source.path])
        self.listing = _Drain([*listing, "--", source.path])

    def close(self) -> None:
        self.listing.stop()
        if self.search is not None:
            if self.search.poll() is None:
                self.search.kill()
            self.search.wait()
            if self.search.stdout is not None:
                self.search.stdout.close()

    def at_least(self, count: int) -> int | None:
        """How many files ripgrep's walk has listed, once ``count`` are in or the walk is over
        (so a big tree is known as such long before its walk ends); None if ripgrep failed."""
        listed = self.listing.at_least(count)
        return None if self.listing.code not in (None, 0, 1, 2) else listed

    def sample(self) -> bytes:
        """The names the walk has listed so far (whole ones)."""
        data = b"".join(self.listing.chunks)
        return data[: data.rfind(b"\0") + 1]

    def walked(self) -> list[str] | None:
        """W: every file ripgrep's walk sees (and pyvenv.cfg files), or None if ripgrep failed."""
        if self._walked is None:
            code, out = self.listing.output()
            if code in (0, 1) or (code == 2 and out):
                self._walked = _names(out)
        return self._walked

    def matches(self) -> Iterator[str]:
        """M, streamed as ripgrep finds them; raises _Failed if ripgrep did not finish."""
        if self.search is None or self.search.stdout is None:
            raise _Failed
        fd = self.search.stdout.fileno()
        rest = b""
        while chunk := os.read(fd, 1 << 16):
            *names, rest = (rest + chunk).split(b"\0")
            for name in names:
                yield os.fsdecode(name)
        if self.search.wait() not in (0, 1, 2):
            raise _Failed


class _Failed(Exception):
    """ripgrep could not run or did not finish."""


def _spawn(command: list[str]) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
    except OSError:
        return None


def _names(out: bytes) -> list[str]:
    """NUL-separated paths, decoded as os.fsdecode would (at once: 20,000 calls cost ~20 ms)."""
    text = out.decode(sys.getfilesystemencoding(), "surrogateescape")
    return [n for n in text.split("\0") if n]


def _outside_virtualenvs(root: str, walked: list[str]) -> list[str]:
    """``walked`` minus pyvenv.cfg files and everything under a folder (below ``root``) that holds one."""
    marker = os.sep + "pyvenv.cfg"  # ripgrep prints paths under root: there is always a separator
    venvs = {n[: -len(marker)] for n in walked if n.endswith(marker)} - {root}
    if not venvs:
        return walked  # (the pyvenv.cfg files themselves are of no language: they drop out later)
    files = [n for n in walked if not n.endswith(marker)]
    prefixes = tuple(v + os.sep for v in venvs)
    return [n for n in files if not n.startswith(prefixes)]


class Selection:
    """What to check: the files Python should read (``files``, streamed); once they are read, how
    many were listed (``listed``) and which of those read turned out not to be listed
    (``excluded``: their results must be dropped); for a big tree, ``languages`` to preload.

    With ripgrep, its listing (W) decides whether the tree is big; then the candidates stream as
    ripgrep finds them, checked only for a known language, and the authoritative listing (S) is
    read afterwards, while the workers analyse: it settles the count, the files ripgrep's walk
    missed (read then) and those read in error (say, inside a virtualenv).
    """

    def __init__(self, sources: list[_Source], jobs: int, ripgrep: dict[int, _Ripgrep] | None) -> None:
        self._sources = sources
        self._jobs = jobs
        self._ripgrep = ripgrep  # by id() of the source; None: Python lists
        self._decided = False
        self._head: Iterator[Item] = iter(())  # Python's listing (its start already read)
        self._languages: set[str] | None = None
        self._listed = 0  # the count comes from the listings; files screened out are just not read
        self._excluded: set[str] = set()
        self._read: set[str] = set()  # the keys given to read so far
        self.exclusion: Exclusion | None = None  # the projects' exclude patterns (set before files())

    def _decide(self) -> None:
        """Big tree or not: from ripgrep's walks if they ran, else from Python's listing."""
        if self._decided:
            return
        self._decided = True
        if self._ripgrep is not None:
            found: int | None = sum(1 for s in self._sources if s.kind == "file")
            for rg in self._ripgrep.values():
                listed = rg.at_least(NATIVE_PREFILTER_MIN - (found or 0))
                found = None if listed is None or found is None else found + listed
            if found is not None and found >= NATIVE_PREFILTER_MIN:
                # the languages of the files listed so far (workers load any other themselves)
                sample = _names(b"".join(rg.sample() for rg in self._ripgrep.values()))
                memo: dict[str, str | None] = {}
                self._languages = {lang for t in set(_tails(sample)) if (lang := _language_of_tail(t, memo))}
                return
            self.close()  # a small tree (or a broken ripgrep): Python lists it
            self._ripgrep = None
        self._head, self._languages = big_tree(_listing(self._sources, self.exclusion))

    def languages(self) -> set[str] | None:
        """The languages of a big tree (to load their grammars before forking), else None."""
        self._decide()
        return self._languages

    def files(self) -> Iterator[Item]:
        """The files to read, streamed."""
        self._decide()
        if self._ripgrep is None:  # Python lists; grep screens a big tree
            grep = _tool("grep") if self._languages is not None else None
            yield from prefiltered(self._counted(self._head), grep, self._jobs, [0])
            return
        seen: set[str] = set()
        for source in self._sources:
            if source.kind == "file":
                exclude = self.exclusion.for_source(source) if self.exclusion is not None else None
                if exclude is not None and exclude(source.path):
                    continue
                for key, language in _keyed_file(source.path, seen):
                    self._listed += 1
                    yield from self._read_once(key, language)
            else:
                yield from self._native(source, self._ripgrep[id(source)], seen)

    def _read_once(self, key: str, language: str | None) -> Iterator[Item]:
        """``(key, language)`` unless the file was read already (an earlier path's ripgrep found it
        outside that path's listing): then its results simply count now."""
        self._excluded.discard(key)
        if key not in self._read:
            self._read.add(key)
            yield key, language

    def _counted(self, items: Iterator[Item]) -> Iterator[Item]:
        for item in items:
            self._listed += 1
            yield item

    def _native(self, source: _Source, rg: _Ripgrep, seen: set[str]) -> Iterator[Item]:
        """M (the files ripgrep found a needle in), then, from the listing S: S − W (the files its
        walk did not see); records what was read but is not in S. If ripgrep failed, the listing
        is Python's and grep screens it."""
        given: dict[str, str] = {}  # found: key -> language
        given_names: dict[str, str] = {}  # and their names (as the listing spells them) -> key
        taken = set(seen)  # keys earlier sources listed
        failed = False
        exclude = self.exclusion.for_source(source) if self.exclusion is not None else None
        try:
            for name in rg.matches():
                key = _key(name)
                language = language_for(name)
                if exclude is not None and exclude(name):
                    continue
                if language is not None and key not in taken and key not in given:
                    given[key] = language
                    given_names[name] = key
                    if key not in self._read:
                        self._read.add(key)
                        yield key, language
        except _Failed:
            failed = True
        walked = None if failed else rg.walked()
        by_git = source.git  # (a git that fails to list makes the source a walk)
        if walked is None or source.kind != rg.kind:  # Python lists what is left; grep screens it
            rest = dict(_keyed(source.names(), seen, exclude))
            self._listed += len(rest)
            self._settle(given.keys() - rest.keys(), given.keys() & rest.keys())
            left = (item for item in rest.items() if item[0] not in given)
            for key, language in prefiltered(left, _tool("grep"), self._jobs, [0]):
                yield from self._read_once(key, language)
            return
        if source.kind == "walk":
            listed = _outside_virtualenvs(source.path, walked)
            unseen: set[str] = set()
        else:
            assert by_git is not None
            listed = by_git
            unseen = set(by_git).difference(walked)  # S − W
        if seen or source is not self._sources[-1]:  # keys matter across paths: the long way
            items = dict(_keyed(listed, seen, exclude))
            self._listed += len(items)
            self._settle(given.keys() - items.keys(), given.keys() & items.keys())
            for key in sorted(key for key in map(_key, unseen) if key in items and key not in given):
                yield from self._read_once(key, items[key])
            return
        # The one (or last) path: no key can repeat, so S is ``listed`` of a known language.
        memo: dict[str, str | None] = {}
        if exclude is not None:
            assert self.exclusion is not None
            listed = self.exclusion.keep(listed)
        counted = Counter(_tails(listed))  # (20,000 names, a few dozen endings)
        count = sum(n for tail, n in counted.items() if _language_of_tail(tail, memo) is not None)
        names = set(listed)
        self._listed += count
        inside = {key for name, key in given_names.items() if name in names}
        self._settle(given.keys() - inside, inside)
        for name in sorted(unseen):
            language = _language_of_listed(name, memo)
            if language is not None and _key(name) not in given:
                yield from self._read_once(_key(name), language)

    def _settle(self, outside: Iterable[str], inside: Iterable[str]) -> None:
        """Files this path's ripgrep found: those outside its listing don't count (unless a later
        path lists them); those inside do, whoever read them."""
        self._excluded.update(outside)
        self._excluded.difference_update(inside)

    def files_with(self, words: Collection[str]) -> Iterator[Item]:
        """The files of a known language under the checked paths that hold one of ``words`` (as a
        whole word), minus those the projects exclude: where ``wscode check`` looks for the
        definitions of constants that files send without defining them (``cli.project_pass``).
        ripgrep searches the directories when it is installed; else Python lists and reads them."""
        if not words:
            return
        rg = _tool("rg")
        encoded = [w.encode() for w in words]
        seen: set[str] = set()
        for source in self._sources:
            exclude = self.exclusion.for_source(source) if self.exclusion is not None else None
            if source.kind == "file" or rg is None:
                for key, language in _listing([source], self.exclusion):
                    if language is None or key in seen:
                        continue
                    seen.add(key)
                    try:
                        with open(key, "rb") as fh:
                            data = fh.read(4 * 1024 * 1024)
                    except OSError:
                        continue
                    if any(w in data for w in encoded):
                        yield key, language
                continue
            command = [rg, "--files-with-matches", "--text", "--fixed-strings", "--word-regexp"]
            command += [f"--regexp={w}" for w in sorted(words)]
            try:
                done = subprocess.run(
                    [*command, *_rg_filters(source.kind), "--", source.path],
                    capture_output=True, check=False, timeout=600,
                )  # fmt: skip
            except (OSError, subprocess.SubprocessError):
                continue
            memo: dict[str, str | None] = {}
            for name in _names(done.stdout):
                key = _key(name)
                language = _language_of_listed(name, memo)
                if language is None or key in seen or (exclude is not None and exclude(name)):
                    continue
                seen.add(key)
                yield key, language

    def listed(self) -> int:
        """How many files were listed: read or screened out (once ``files`` is exhausted)."""
        return self._listed

    def excluded(self) -> set[str]:
        """Files read that the listing does not hold (once ``files`` is exhausted)."""
        return self._excluded

    def close(self) -> None:
        for rg in (self._ripgrep or {}).values():
            rg.close()
        for source in self._sources:
            source.stop()


class Exclusion:
    """The projects' ``exclude``/``extend-exclude`` patterns (core.teamcodes.is_excluded), each file
    judged by the project file nearest to it. A path named on the command line is checked even if
    excluded (a named folder's own files too), unless ``force`` (``--force-exclude``): then named
    files are also skipped in SKIP_DIRS folders and when git ignores them."""

    def __init__(self, projects: Projects, force: bool) -> None:
        self._projects = projects
        self._force = force
        self._folders: dict[str, ProjectConfig | None] = {}  # folder -> its project, if it excludes
        self._ignored: set[str] | None = None

    def _project(self, folder: str) -> ProjectConfig | None:
        found = self._folders.get(folder, _UNKNOWN)
        if found is _UNKNOWN:
            project = self._projects.for_folder(folder or ".")
            found = self._folders[folder] = project if project.exclude else None
        return found  # type: ignore[return-value]

    def file(self, name: str) -> bool:
        """Whether the listed file ``name`` is excluded."""
        slash = name.rfind("/")
        project = self._project(name[:slash] if slash > 0 else ("/" if slash == 0 else "."))
        return project is not None and is_excluded(project, name)

    def keep(self, names: list[str]) -> list[str]:
        """``names`` (files listed under a directory) minus those ``file`` excludes, with one
        project lookup per folder (a tree of 20,000 files has ~1,000 folders)."""
        slashes = [name.rfind("/") for name in names]
        folders = {
            name[:slash] if slash > 0 else ("/" if slash == 0 else ".")
            for name, slash in zip(names, slashes, strict=True)
        }
        projects = {folder: self._project(folder) for folder in folders}
        if not any(projects.values()):
            return names
        return [
            name
            for name, slash in zip(names, slashes, strict=True)
            if (project := projects[name[:slash] if slash > 0 else ("/" if slash == 0 else ".")]) is None
            or not is_excluded(project, name)
        ]

    def for_source(self, source: _Source) -> Exclude | None:
        """The test for one command-line path's files (None: nothing to exclude)."""
        if source.kind == "file":
            return self._named if self._force else None
        if not self._force:
            project = self._projects.for_folder(source.path)
            if is_excluded(project, source.path, folder=True):
                return None  # named on the command line: checked anyway
        return self.file

    def _named(self, path: str) -> bool:
        parts = os.path.normpath(os.path.abspath(path)).split(os.sep)
        if any(part in SKIP_DIRS for part in parts[:-1]):
            return True
        if self.file(path):
            return True
        return _git_ignores(path)


_UNKNOWN = object()


def _git_ignores(path: str) -> bool:
    """Whether git would ignore ``path`` (False outside a git work tree or without git)."""
    try:
        done = subprocess.run(
            ["git", "-C", os.path.dirname(os.path.abspath(path)), "check-ignore", "-q", "--",
             os.path.abspath(path)],
            capture_output=True, check=False, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _tool(name: str) -> str | None:
    """The path of a native tool (``rg``, ``grep``), or None; tests replace it."""
    return shutil.which(name)


def _key(name: str) -> str:
    return name[2:] if name.startswith("./") else name


def _keyed_file(path: str, seen: set[str]) -> Iterator[Item]:
    if path not in seen:
        seen.add(path)
        yield path, language_for(path)


def select(paths: Sequence[str], jobs: int) -> Selection:
    """Plan the check of ``paths``; ripgrep starts on every directory at once (it is stopped
    again if the tree turns out small). Raises UsageError."""
    check_paths(paths)
    sources = [_Source(raw) for raw in paths]
    rg = _tool("rg") if any(s.kind != "file" for s in sources) else None
    ripgrep = {id(s): _Ripgrep(rg, s) for s in sources if s.kind != "file"} if rg else None
    for source in sources:
        source.start()  # git lists while ripgrep searches
    return Selection(sources, jobs, ripgrep)
