"""Find the occurrence under the cursor in O(log n): the same answer as ``ScanResult.at``.

``ScanResult.at`` walks every occurrence; a 10,000-line file can hold thousands, and hover is
the request an editor sends most. The index is built once per analysis, in the worker thread.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wscodes.core.scan import Occurrence


class OccurrenceIndex:
    __slots__ = ("_by_start", "_longest", "_starts")

    def __init__(self, occurrences: Sequence[Occurrence]) -> None:
        ordered = sorted(enumerate(occurrences), key=lambda pair: pair[1].start)
        self._by_start = ordered
        self._starts = [occ.start for _, occ in ordered]
        self._longest = max((occ.end - occ.start for occ in occurrences), default=0)

    def at(self, offset: int) -> Occurrence | None:
        """The shortest occurrence with start <= offset <= end (the first one on a tie), or None."""
        hi = bisect_right(self._starts, offset)
        lo = bisect_left(self._starts, offset - self._longest)
        best: tuple[int, int, Occurrence] | None = None
        for position, occ in self._by_start[lo:hi]:
            if occ.end >= offset:
                key = (occ.end - occ.start, position, occ)
                if best is None or key[:2] < best[:2]:
                    best = key
        return None if best is None else best[2]
