"""The native (grep) prefilter of `wscode check` keeps exactly the files Python's check would read."""

from __future__ import annotations

import random
from pathlib import Path

from core import check_cli
from core.scan import language_for, needles

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


def make_tree(root: Path, count: int) -> list[tuple[str, str | None]]:
    rng = random.Random(6455)
    files = []
    for i in range(count):
        path = root / f"d{i % 7}" / f"f{i}{rng.choice(EXTENSIONS)}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.choice(SNIPPETS) * rng.randint(1, 3))
        files.append((str(path), language_for(str(path))))
    return files


def python_would_read(path: str, language: str | None) -> bool:
    data = Path(path).read_bytes()
    return language is not None and any(n.encode() in data for n in needles(language))


def test_grep_keeps_every_file_python_would_analyse(tmp_path: Path) -> None:
    files = make_tree(tmp_path, check_cli.NATIVE_PREFILTER_MIN + 700)
    screened = [0]
    grep = check_cli.shutil.which("grep")
    assert grep is not None
    kept = list(check_cli.prefiltered(iter(files), grep, 2, screened))
    wanted = {f for f in files if python_would_read(*f)}
    assert wanted <= set(kept)  # a superset: no finding can be lost
    # and not much more: only files with another language's needle get through as well
    assert all(
        any(n in Path(p).read_bytes() for n in (b"lose", b"LOSE", b"WS_", b"WebSocket", b"cancel", b":stop"))
        for p, _ in kept
    )
    assert screened[0] == len(files) - len(kept) > 0
    assert len(kept) == len(set(kept))


def test_only_big_trees_use_it_and_without_grep_everything_is_read(tmp_path: Path) -> None:
    small = make_tree(tmp_path / "small", 50)
    stream, languages = check_cli.big_tree(iter(small))
    assert languages is None and list(stream) == small
    big = make_tree(tmp_path / "big", check_cli.NATIVE_PREFILTER_MIN)
    stream, languages = check_cli.big_tree(iter(big))
    assert languages == {lang for _, lang in big if lang} and list(stream) == big
    screened = [0]
    assert list(check_cli.prefiltered(iter(big), None, 2, screened)) == big and screened == [0]


def test_a_failing_grep_loses_nothing(tmp_path: Path) -> None:
    files = make_tree(tmp_path, check_cli.NATIVE_PREFILTER_MIN)
    broken = tmp_path / "grep"  # e.g. a grep without --null: it fails with status 2
    broken.write_text("#!/bin/sh\necho 'grep: unrecognized option' >&2\nexit 2\n")
    broken.chmod(0o755)
    screened = [0]
    assert sorted(check_cli.prefiltered(iter(files), str(broken), 2, screened)) == sorted(files)
    assert screened == [0]
