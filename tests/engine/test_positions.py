"""LineIndex: str offsets <-> (line, character) in UTF-16 / UTF-8 / UTF-32, LSP line rules."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wscodes.core.positions import LineIndex


def test_ascii_lines_and_crlf() -> None:
    text = "ab\r\ncd\ref\ngh"
    index = LineIndex(text)
    assert index.position(0) == (0, 0)
    assert index.position(text.index("c")) == (1, 0)
    assert index.position(text.index("e")) == (2, 0)
    assert index.position(text.index("g")) == (3, 0)
    assert index.position(len(text)) == (3, 2)
    # between \r and \n of a CRLF: the end of line 0's content
    assert index.position(3) == (0, 2)
    assert index.offset(1, 1) == text.index("d")
    assert index.offset(0, 99) == 2  # clamped to the end of the line's content
    assert index.offset(99, 0) == len(text)
    assert index.offset(-1, 5) == 0


def test_emoji_counts_two_utf16_units_and_four_utf8_bytes() -> None:
    text = "a😀b\nx"
    index = LineIndex(text)
    b = text.index("b")
    assert index.position(b, "utf-16") == (0, 3)
    assert index.position(b, "utf-8") == (0, 5)
    assert index.position(b, "utf-32") == (0, 2)
    assert index.offset(0, 3, "utf-16") == b
    assert index.offset(0, 5, "utf-8") == b
    assert index.offset(0, 2, "utf-16") == 1  # inside the surrogate pair: snaps to the emoji's start


def test_cjk_is_one_utf16_unit_and_three_utf8_bytes() -> None:
    text = "名前 = ws.close(1006)"
    index = LineIndex(text)
    start = text.index("1006")
    assert index.position(start, "utf-16") == (0, start)
    assert index.position(start, "utf-8") == (0, start + 4)


def test_unicode_separators_do_not_break_lines() -> None:
    for sep in ("\u2028", "\u2029", "\u0085", "\x0c", "\x0b"):
        text = f"a{sep}b\nc"
        index = LineIndex(text)
        assert index.position(text.index("b")) == (0, 2), repr(sep)
        assert index.position(text.index("c")) == (1, 0), repr(sep)
        assert index.line_count == 2


_texts = st.text(alphabet=st.sampled_from(list("ab\r\n😀名\u2028\u0085 é")), max_size=60)


@given(_texts, st.sampled_from(["utf-16", "utf-8", "utf-32"]))
def test_offset_position_round_trip(text: str, encoding: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            continue  # inside a CRLF pair there is no position of its own
        line, character = index.position(offset, encoding)
        assert index.offset(line, character, encoding) == offset


@given(_texts, st.integers(-5, 80), st.integers(-5, 200))
def test_offset_is_clamped_into_the_document(text: str, line: int, character: int) -> None:
    assert 0 <= LineIndex(text).offset(line, character) <= len(text)
