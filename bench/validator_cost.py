"""What WSC012/WSC013 (core/scan/validators.py) cost `wscode check`'s engine on real trees.

    python bench/validator_cost.py --src DIR [--src DIR ...] [--runs 3]

For every file a language spec claims that holds a needle (as `wscode check` screens them), times
``analyse(windowed=True)`` (what `wscode check` runs per file) with the validator rules on and with
them off, and ``validators()`` alone; prints the medians of ``--runs`` passes, the ratio, and how
many files the validator pass parsed at all. The trees are the real-repo checkouts of
bench/real_repos.py (see its docstring).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from wscodes.core.rules import RuleConfig, analyse
from wscodes.core.scan import language_for, needles, warm
from wscodes.core.scan.validators import _sites, validators
from wscodes.core.teamcodes import builtin_registry

SKIP = {".git", "node_modules", ".venv", "venv", "__pycache__"}


def files(roots: list[str]) -> list[tuple[str, str]]:
    out = []
    for root in roots:
        for directory, subdirs, names in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if d not in SKIP)
            for name in sorted(names):
                path = os.path.join(directory, name)
                language = language_for(path)
                if language is None or os.path.getsize(path) > 2_000_000:
                    continue
                try:
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                except (OSError, UnicodeDecodeError):
                    continue
                if any(n in text for n in needles(language)):
                    out.append((text, language))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", action="append", required=True, help="a tree to read (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    missing = [s for s in args.src if not os.path.isdir(s)]
    if missing:
        print(f"validator_cost: no such directory: {missing[0]}", file=sys.stderr)
        return 2
    texts = files(args.src)
    warm({language for _text, language in texts})
    registry = builtin_registry()
    on, off = RuleConfig(), RuleConfig.from_settings({"rules": {"WSC012": "off", "WSC013": "off"}})

    def timed(run: object) -> float:
        start = time.perf_counter()
        for text, language in texts:
            run(text, language)  # type: ignore[operator]
        return time.perf_counter() - start

    passes: dict[str, list[float]] = {"rules on": [], "rules off": [], "validators()": []}
    for _ in range(args.runs):
        passes["rules on"].append(timed(lambda t, lang: analyse(t, lang, registry, on, windowed=True)))
        passes["rules off"].append(timed(lambda t, lang: analyse(t, lang, registry, off, windowed=True)))
        passes["validators()"].append(timed(validators))
    parsed = sum(1 for text, _language in texts if _sites(text))
    print(f"{len(texts)} files with a needle; the validator pass parsed {parsed} of them")
    medians = {name: statistics.median(times) for name, times in passes.items()}
    for name, value in medians.items():
        print(f"  {name:<14} median {value:.2f} s over {args.runs} passes")
    print(f"  rules on / rules off: {medians['rules on'] / medians['rules off']:.3f}")
    print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
