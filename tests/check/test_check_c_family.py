"""`wscode check` (a real subprocess) on C, C++ and Objective-C: every file kind it must select
(.c, .cpp, .c++, .m), and exactly the findings the fixtures' `expect:` markers name."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.check.test_check_cli import REPO, wscode_check

FIXTURES = ("tests/engine/fixtures/c", "tests/engine/fixtures/cpp", "tests/engine/fixtures/objc")
_EXPECT = re.compile(r"expect: ((?:WSC\d{3}\s*)+)")


def test_check_reads_c_cpp_and_objective_c_files_and_finds_what_the_fixtures_expect() -> None:
    expected = set()
    for folder in FIXTURES:
        for path in sorted((REPO / folder).iterdir()):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = _EXPECT.search(line)
                if m:
                    expected |= {
                        (path.relative_to(REPO).as_posix(), number, rule) for rule in m.group(1).split()
                    }
    assert {Path(p).suffix for p, _, _ in expected} == {".c", ".cpp", ".c++", ".m"}
    result = wscode_check("--format", "json", *FIXTURES)
    assert result.returncode == 1, result.stderr
    found = {(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)}
    assert found == expected
