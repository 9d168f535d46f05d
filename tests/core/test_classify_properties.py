"""classify() is total: every integer gets its range, its rules and plain advice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wscodes.core.registry import BrowserClose, Sender, Status, classify, data


@given(st.integers())
def test_classify_is_total_and_consistent(n: int) -> None:
    code = classify(n)
    assert code.code == n
    assert n in code.range
    assert code.meaning and code.action and code.name and code.reference.url
    assert code.browser_close_allowed == BrowserClose.accepts(n)
    if code.on_wire:
        assert 1000 <= n <= 4999
    else:
        assert code.sender is Sender.NONE
    if not 1000 <= n <= 4999:
        assert code.status is Status.INVALID
    json = code.to_json()
    assert json["code"] == n and json["range"]["id"] == code.range.id


@given(st.integers(min_value=1000, max_value=4999))
def test_registrable_ranges(n: int) -> None:
    code = classify(n)
    if n in data().codes:
        # An IANA entry: usable, or reserved (1004–1006, 1015: never in a Close frame).
        assert code.status is (Status.REGISTERED if code.on_wire else Status.RESERVED)
    elif n >= 4000:
        assert code.status is Status.PRIVATE
    else:
        assert code.status is Status.UNASSIGNED
