"""The native prefilters of `wscode check` (ripgrep, grep) change how fast, never what is found.

Each route runs `wscode check` in-process on the same tree: Python alone (no prefilter), ripgrep
(it walks and searches), grep (on Python's listing); findings, notes and the summary must match.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from _pytest.capture import CaptureResult
from hypothesis import given
from hypothesis import strategies as st

from wscodes.check import cli as check_cli
from wscodes.check import files
from wscodes.core.scan import language_for, needles
from wscodes.core.scan.languages import _NAMES

SNIPPETS = [
    b"def f():\n    return 1000\n",  # no needle
    b"ws.close(1006)\n",  # lose
    b"CLOSE_NORMAL = 1006\n",  # LOSE
    b"raise WebSocketException(code=1008)\n",  # WebSocket (Python only)
    b"status.WS_1008_POLICY_VIOLATION\n",  # WS_
    b"task.cancel(with: .goingAway, reason: nil)\n",  # cancel (Swift only)
    b"{:stop, :normal, state}\n",  # :stop (Elixir only)
    b"binary \x00 ws.close(1006)\n",  # binary with a needle: Python notes it
    b"timeout = 1000  # port 8080\n",
]
EXTENSIONS = [".py", ".js", ".ts", ".go", ".rs", ".java", ".kt", ".cs", ".swift", ".php", ".rb", ".ex"]
FINDING = b"ws.close(1006)\n"
RG = shutil.which("rg")
needs_rg = pytest.mark.skipif(RG is None, reason="ripgrep is not installed (CI installs it)")


def make_tree(root: Path, count: int) -> list[tuple[str, str | None]]:
    rng = random.Random(6455)
    made = []
    for i in range(count):
        path = root / f"d{i % 7}" / f"f{i}{rng.choice(EXTENSIONS)}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.choice(SNIPPETS) * rng.randint(1, 3))
        made.append((str(path), language_for(str(path))))
    return made


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def add_edge_cases(root: Path) -> None:
    """Files each listing must treat as Python's walk does."""
    write(root / "venv-like" / "pyvenv.cfg", b"home = /usr/bin\n")  # a virtualenv: skipped
    write(root / "venv-like" / "bin" / "activate_this.py", FINDING)
    write(root / "node_modules" / "pkg" / "index.js", FINDING)  # skipped by name
    write(root / "d1" / "__pycache__" / "x.py", FINDING)
    write(root / ".hidden" / "h.py", FINDING)  # dot folders are walked
    write(root / "src" / "Upper.PY", FINDING)  # extensions in any case
    write(root / "src" / "Rakefile", b"ws.close(1006)\n")
    write(root / "src" / "dir.py" / "inner.js", FINDING)  # a folder with an extension
    write(root / "src" / "with space.go", b"conn.Close(1006)\n")
    write(root / "src" / "notes.txt", FINDING)  # no language
    write(root / "src" / ".ignore", b"ignored_by_rg.py\n")  # ripgrep's own ignore file: not ours
    write(root / "src" / "ignored_by_rg.py", FINDING)
    write(root / "real" / "target.py", FINDING)
    (root / "link.py").symlink_to(root / "real" / "target.py")  # links are not followed
    (root / "linkdir").symlink_to(root / "real")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = check_cli.main(["--format", "json", "--jobs", "2", *args])
    out, err = capsys.readouterr()
    return code, out, err


def routes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> dict[str, tuple[int, str, str]]:
    """`wscode check ARGS` by each route: python (no prefilter), rg, grep."""
    results = {}
    with monkeypatch.context() as m:
        m.setattr(files, "NATIVE_PREFILTER_MIN", 10**9)
        results["python"] = run(capsys, *args)
    with monkeypatch.context() as m:
        m.setattr(files, "NATIVE_PREFILTER_MIN", 20)
        if RG is not None:
            results["rg"] = run(capsys, *args)
        m.setattr(files, "_tool", lambda name: None if name == "rg" else shutil.which(name))
        results["grep"] = run(capsys, *args)
    return results


def assert_same(results: dict[str, tuple[int, str, str]]) -> None:
    expected = results["python"]
    assert expected[1].count('"rule"') > 0
    for route, got in results.items():
        assert got == expected, f"{route} differs from reading every file in Python"


def text_reports(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[CaptureResult[str], CaptureResult[str]]:
    """The default text report of ``wscode check ARGS``, read by Python alone and on the ripgrep route."""
    out = []
    for threshold in (10**9, 20):
        with monkeypatch.context() as m:
            m.setattr(files, "NATIVE_PREFILTER_MIN", threshold)
            capsys.readouterr()
            check_cli.main(list(args))
            out.append(capsys.readouterr())
    return out[0], out[1]


def test_grep_keeps_every_file_python_would_analyse(tmp_path: Path) -> None:
    made = make_tree(tmp_path, files.NATIVE_PREFILTER_MIN + 700)
    screened = [0]
    grep = shutil.which("grep")
    assert grep is not None
    kept = list(files.prefiltered(iter(made), grep, 2, screened))
    wanted = {f for f in made if any(n.encode() in Path(f[0]).read_bytes() for n in needles(f[1] or ""))}
    assert wanted <= set(kept)  # a superset: no finding can be lost
    # and not much more: only files with another language's needle get through as well
    assert all(
        any(n in Path(p).read_bytes() for n in (b"lose", b"LOSE", b"WS_", b"WebSocket", b"cancel", b":stop"))
        for p, _ in kept
    )
    assert screened[0] == len(made) - len(kept) > 0
    assert len(kept) == len(set(kept))


def test_only_big_trees_use_it_and_without_grep_everything_is_read(tmp_path: Path) -> None:
    small = make_tree(tmp_path / "small", 50)
    stream, languages = files.big_tree(iter(small))
    assert languages is None and list(stream) == small
    big = make_tree(tmp_path / "big", files.NATIVE_PREFILTER_MIN)
    stream, languages = files.big_tree(iter(big))
    assert languages == {lang for _, lang in big if lang} and list(stream) == big
    screened = [0]
    assert list(files.prefiltered(iter(big), None, 2, screened)) == big and screened == [0]


def test_a_failing_grep_loses_nothing(tmp_path: Path) -> None:
    made = make_tree(tmp_path, files.NATIVE_PREFILTER_MIN)
    broken = tmp_path / "grep"  # e.g. a grep without --null: it fails with status 2
    broken.write_text("#!/bin/sh\necho 'grep: unrecognized option' >&2\nexit 2\n")
    broken.chmod(0o755)
    screened = [0]
    assert sorted(files.prefiltered(iter(made), str(broken), 2, screened)) == sorted(made)
    assert screened == [0]


@needs_rg
def test_every_route_finds_the_same_in_a_plain_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree(tmp_path / "tree", 300)
    add_edge_cases(tmp_path / "tree")
    monkeypatch.chdir(tmp_path)
    results = routes(monkeypatch, capsys, "tree")
    assert_same(results)
    out = results["python"][1]
    assert "activate_this" not in out and "node_modules" not in out and "link.py" not in out
    assert "tree/.hidden/h.py" in out and "Upper.PY" in out and "ignored_by_rg.py" in out
    assert "files checked" not in results["python"][2]  # json: no summary; the text form below
    python_text, rg_text = text_reports(monkeypatch, capsys, "tree")
    assert rg_text == python_text and "files checked" in rg_text.err
    # several paths, overlapping, and '.' (paths printed without './')
    monkeypatch.chdir(tmp_path / "tree")
    assert_same(routes(monkeypatch, capsys, ".", "src", "d1", "src/Rakefile"))
    assert_same(routes(monkeypatch, capsys, "src", "src/Rakefile"))  # a file inside a directory before it
    assert_same(routes(monkeypatch, capsys, "./src/Rakefile", "src"))
    # what one path's walk skips (a virtualenv), a later path names: checked once, and it counts
    venv_file = routes(monkeypatch, capsys, ".", "venv-like/bin/activate_this.py")
    assert_same(venv_file)
    assert venv_file["python"][1].count("activate_this") == 1
    assert_same(routes(monkeypatch, capsys, ".", "venv-like"))


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(root), *args],
        check=True, capture_output=True,
    )  # fmt: skip


@needs_rg
def test_every_route_finds_the_same_in_a_git_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    make_tree(root, 300)
    add_edge_cases(root)
    write(root / ".gitignore", b"build/\nforced.py\n")
    write(root / "build" / "gen.py", FINDING)  # ignored: not checked
    write(root / "forced.py", FINDING)  # ignored but tracked (git add -f): checked
    write(root / "nested" / "inner.py", FINDING)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "add", "-f", "forced.py")
    git(root, "commit", "-qm", "tree")
    write(root / "untracked.js", FINDING)  # untracked, not ignored: checked
    git(root / "nested", "init", "-q")  # a repository inside (not a submodule): git lists nothing in it
    write(root / "nested" / "later.py", FINDING)
    results = routes(monkeypatch, capsys, str(root))
    assert_same(results)
    out = results["python"][1]
    assert "forced.py" in out and "untracked.js" in out and "link.py" in out  # git lists the link
    assert "build/gen.py" not in out and "node_modules" in out  # tracked, so checked


@needs_rg
@pytest.mark.parametrize(
    "script",
    [
        "#!/bin/sh\necho 'rg: unknown flag' >&2\nexit 2\n",  # an old or broken ripgrep
        "#!/bin/sh\nprintf 'tree/d1/f1.py\\0'\nkill -9 $$\n",  # dies part-way
        # lists like ripgrep, but its search dies after one name: Python screens the rest
        f"#!/bin/sh\ncase \"$*\" in *--files-with-matches*) printf 'tree/d1/f1.py\\0'; kill -9 $$;; esac\n"
        f'exec {RG} "$@"\n',
    ],
)
def test_a_failing_ripgrep_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], script: str
) -> None:
    make_tree(tmp_path / "tree", 300)
    add_edge_cases(tmp_path / "tree")
    monkeypatch.chdir(tmp_path)
    broken = tmp_path / "rg"
    broken.write_text(script)
    broken.chmod(0o755)
    with monkeypatch.context() as m:
        m.setattr(files, "NATIVE_PREFILTER_MIN", 10**9)
        expected = run(capsys, "tree")
    with monkeypatch.context() as m:
        m.setattr(files, "NATIVE_PREFILTER_MIN", 20)
        m.setattr(files, "_tool", lambda name: str(broken) if name == "rg" else shutil.which(name))
        assert run(capsys, "tree") == expected


def test_ripgrep_filters_cover_every_extension_the_scanner_knows() -> None:
    """ripgrep's walk must see at least the files language_for accepts."""
    accepted = [f"x.{ext}" for ext in _NAMES if "." not in ext] + ["Rakefile", "GEMFILE", "guardfile"]
    glob = next(a for a in files._rg_filters("walk") if a.startswith("*.{"))
    listed = set(glob[3:-1].split(","))
    for name in accepted:
        assert language_for("./" + name) is not None
        base = name.rsplit(".", 1)[-1].lower() if "." in name else None
        assert base in listed or name.lower() in ("rakefile", "gemfile", "guardfile"), name
    assert os.sep == "/"  # the walk and ripgrep print paths the same way only with '/'


@given(
    st.lists(
        st.text(alphabet="abRrKkEeFfIiLlGgMmPpYyTtSsJjXx.\\/#_ \u212a\u0130", max_size=14),
        min_size=1,
        max_size=4,
    )
)
def test_the_listing_knows_the_same_languages_as_the_scanner(parts: list[str]) -> None:
    """_language_of_listed memoises language_for on the end of the file name: same answers."""
    memo: dict[str, str | None] = {}
    for name in ("./" + "/".join(parts), "dir/" + parts[-1], "./a.b/" + parts[0]):
        assert files._language_of_listed(name, memo) == language_for(name), name
        assert files._language_of_listed(name, memo) == language_for(name), name  # from the memo
    for name in ("./.py", "./a.b/Rakefile", "./x.PY", "./a\\b.rb", "./x.a\\gemfile", "./x.", "./Makefile"):
        assert files._language_of_listed(name, memo) == language_for(name), name
    names = ["./" + "/".join(parts), "dir/" + parts[-1], "./a.b/" + parts[0], "./.py", "./a.b/Rakefile"]
    tails = files._tails(names)  # the whole listing at once: the same answers
    assert [files._language_of_tail(t, {}) for t in tails] == [language_for(n) for n in names]


def test_each_file_follows_its_nearest_project_file_on_every_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A monorepo: the root documents 4001, package b documents 4002 and turns WSC001 off."""
    monkeypatch.delenv("WSCODES_CONFIG", raising=False)
    root = tmp_path / "mono"
    make_tree(root / "noise", 300)
    write(root / "wscodes.toml", b'[codes.4001]\nname = "Root code"\n')
    write(root / "packages" / "b" / "pyproject.toml", b'[tool.wscodes]\nrules = {WSC001 = "off"}\n'
          b'[tool.wscodes.codes.4002]\nname = "B code"\n')  # fmt: skip
    sends = b"ws.close(4001)\nws.close(4002)\nws.close(1006)\n"
    write(root / "app.py", sends)
    write(root / "packages" / "b" / "src" / "b.py", sends)
    monkeypatch.chdir(root)
    results = routes(monkeypatch, capsys, "--severity", "hint", ".")
    assert_same(results)
    found = {(f["path"], f["line"], f["rule"]) for f in json.loads(results["python"][1])}
    assert ("app.py", 2, "WSC010") in found and ("app.py", 3, "WSC001") in found  # 4002 is not the root's
    assert ("packages/b/src/b.py", 1, "WSC010") in found  # 4001 is not b's
    assert not {f for f in found if f[0].startswith("packages/b/") and f[2] == "WSC001"}  # off in b
    assert ("packages/b/src/b.py", 2, "WSC010") not in found and ("app.py", 1, "WSC010") not in found
    # --config names one file for every path
    with monkeypatch.context() as m:
        m.setattr(files, "NATIVE_PREFILTER_MIN", 10**9)
        one = {(f["path"], f["rule"]) for f in json.loads(run(capsys, "--config", "wscodes.toml", ".")[1])}
    assert ("packages/b/src/b.py", "WSC001") in one
    # a bad project file found on the way stops the run with exit 2 and says which
    write(root / "packages" / "b" / "pyproject.toml", b"[tool.wscodes]\nrules = [\n")
    for route in ("python", "rg"):
        with monkeypatch.context() as m:
            m.setattr(files, "NATIVE_PREFILTER_MIN", 10**9 if route == "python" else 20)
            code, _out, err = run(capsys, ".")
        assert code == 2 and "packages/b/pyproject.toml" in err and "Traceback" not in err, (route, err)


# Paths that overlap in every way that matters: a tree and its parts, a file inside a folder
# given before or after it, a folder the walk skips (a virtualenv, node_modules) named directly.
PATH_POOL = [".", "src", "src/Rakefile", "venv-like", "venv-like/bin/activate_this.py", "node_modules", "d1"]


@needs_rg
@pytest.mark.parametrize("in_git", [False, True], ids=["plain", "git"])
def test_every_pair_of_overlapping_paths_finds_the_same_on_every_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], in_git: bool
) -> None:
    """Differential: each ordered pair of paths (spelled plain, with ./, with a trailing / or
    absolute) on every route against reading every file: findings, notes and the count."""
    from itertools import product

    root = tmp_path / "tree"
    make_tree(root, 200)
    add_edge_cases(root)
    if in_git:
        write(root / ".gitignore", b"d2/\n")
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "tree")

    def spelled(path: str, i: int) -> str:
        forms = [path, "./" + path, path + "/" if (root / path).is_dir() else path, str(root / path)]
        return forms[i % len(forms)]

    monkeypatch.chdir(root)
    differ = []
    for i, (first, second) in enumerate(product(PATH_POOL, repeat=2)):
        args = [spelled(first, i), spelled(second, i // 4)]
        results = routes(monkeypatch, capsys, "--jobs", "1", *args)  # one process: quicker
        if any(got != results["python"] for got in results.values()):
            differ.append(args)
    assert not differ, differ


@needs_rg
@pytest.mark.parametrize("in_git", [False, True], ids=["plain", "git"])
def test_excludes_per_file_ignores_and_suppressions_agree_on_every_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], in_git: bool
) -> None:
    """The project's exclude/extend-exclude, per-file-ignores and suppression comments, in the
    root's project file and in a nested one: the same findings and count on every route."""
    monkeypatch.delenv("WSCODES_CONFIG", raising=False)
    root = tmp_path / "repo"
    make_tree(root / "noise", 300)
    write(root / "wscodes.toml", b'exclude = ["vendor/"]\nextend-exclude = ["*.gen.js"]\n'
          b'[per-file-ignores]\n"tests/**" = ["WSC001"]\n')  # fmt: skip
    write(root / "pkg" / "wscodes.toml", b'extend-exclude = ["skip_me.py"]\n')
    write(root / "vendor" / "lib.js", FINDING)
    write(root / "web" / "bundle.gen.js", FINDING)
    write(root / "tests" / "test_close.py", b"ws.close(1006)\nws.close(1004)\n")
    write(root / "pkg" / "skip_me.py", FINDING)
    write(root / "pkg" / "vendor" / "kept.py", FINDING)  # the root's pattern doesn't apply under pkg/
    write(root / "app.py", b"ws.close(1006)  # wscode: ignore[WSC001]\nws.close(1004)\n")
    if in_git:
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "tree")
    monkeypatch.chdir(root)
    results = routes(monkeypatch, capsys, ".")
    assert_same(results)
    found = {(f["path"], f["line"], f["rule"]) for f in json.loads(results["python"][1])}
    paths = {f[0] for f in found}
    assert not paths & {"vendor/lib.js", "web/bundle.gen.js", "pkg/skip_me.py"}
    assert "pkg/vendor/kept.py" in paths
    assert ("tests/test_close.py", 2, "WSC002") in found and ("tests/test_close.py", 1, "WSC001") not in found
    assert ("app.py", 2, "WSC002") in found and ("app.py", 1, "WSC001") not in found
    # the summary counts neither the excluded files nor the suppressed finding as findings
    python_text, rg_text = text_reports(monkeypatch, capsys, ".")
    assert rg_text == python_text and "1 suppressed" in rg_text.err
    # a path named on the command line is checked although excluded; --force-exclude skips it
    assert_same(routes(monkeypatch, capsys, ".", "vendor/lib.js"))
    named = json.loads(routes(monkeypatch, capsys, "vendor/lib.js")["python"][1])
    assert [f["path"] for f in named] == ["vendor/lib.js"]
    assert json.loads(routes(monkeypatch, capsys, "--force-exclude", "vendor/lib.js")["python"][1]) == []
    assert_same(routes(monkeypatch, capsys, "vendor"))
    assert json.loads(routes(monkeypatch, capsys, "vendor")["python"][1])  # a named folder too
