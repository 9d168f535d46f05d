"""A bracket left open near the top of a large text (half-typed code): the chunks after it are
parsed in pieces by lines (core.scan.UNBALANCED_TEXT), and every close code after the error is
found exactly as in the same text without it."""

from __future__ import annotations

from typing import Any

import pytest

from wscodes.core.scan import UNBALANCED_TEXT, analyser, scan

BLOCKS = {
    "javascript": (
        "function half(ws, {\n",
        """\
function stop{i}(ws, event) {{
  if (event.code === 1006) {{
    retry({i});
  }}
  switch (event.code) {{
    case 4001:
      return;
  }}
  ws.close(1006, "oops {i}");
}}

""",
    ),
    "python": (
        "def half(ws, (\n",
        """\
async def stop_{i}(ws, event):
    if event.code == 1006:
        retry({i})
    await ws.close(1001, "bye {i}")


""",
    ),
}


@pytest.mark.parametrize("language", sorted(BLOCKS))
@pytest.mark.parametrize("blocks", [200, 1500])  # below and above core.scan.LARGE_TEXT
def test_findings_after_an_open_bracket_survive_unchanged(
    language: str, blocks: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken_head, block = BLOCKS[language]
    good = "".join(block.format(i=i) for i in range(blocks))
    assert len(good) > UNBALANCED_TEXT
    expected = [(o.start, o.end, o.code, o.role, o.api) for o in scan(good, language).occurrences]
    assert len(expected) >= 2 * blocks
    shift = len(broken_head)
    parsed: list[int] = []  # the size of every text handed to tree-sitter
    real = analyser._parser

    class Recording:
        def __init__(self, language: str) -> None:
            self.parser = real(language)

        def parse(self, source: bytes, *args: Any) -> Any:
            parsed.append(len(source))
            return self.parser.parse(source, *args)

    monkeypatch.setattr(analyser, "_parser", Recording)
    found = [
        (o.start - shift, o.end - shift, o.code, o.role, o.api)
        for o in scan(broken_head + good, language).occurrences
    ]
    assert found == expected
    # the text after the open bracket was never parsed in one piece (tree-sitter's recovery on
    # it is what made such a file cost seconds)
    assert parsed and max(parsed) <= 2 * UNBALANCED_TEXT
