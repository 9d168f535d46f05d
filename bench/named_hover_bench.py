"""Time what hover on names from other files costs the language server, on real checkouts.

    .venv/bin/python bench/named_hover_bench.py ROOT FILE [ROOT FILE ...]

For each FILE (relative to its project ROOT) it prints the median of three runs of: the scan of the
file, ``wscodes.lsp.project.resolve`` cold (after ``project.forget()``: ripgrep, the files read and
scanned for the names the file uses) and warm (the same names again: what an edit costs). With
``--lsp-root`` the project is what the language server would take (``root_for``: the nearest folder
up with a marker), not ROOT. Standard library and wscodes only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pairs", nargs="+", metavar="ROOT FILE")
    parser.add_argument("--lsp-root", action="store_true", help="the project is root_for(FILE), not ROOT")
    args = parser.parse_args()
    if len(args.pairs) % 2:
        parser.error("give ROOT FILE pairs")
    from wscodes.core.scan import language_for, scan
    from wscodes.lsp import project

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"resolve (hover names from other files), median of 3; load average {load}")
    for root, relative in zip(args.pairs[::2], args.pairs[1::2], strict=True):
        path = os.path.join(root, relative)
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError as exc:
            raise SystemExit(f"cannot read {path}: {exc.strerror}") from None
        language = language_for(path)
        if language is None:
            raise SystemExit(f"{path}: not a language wscode reads")
        scans, cold, warm = [], [], []
        for _ in range(3):
            started = time.perf_counter()
            result = scan(text, language)
            scans.append(time.perf_counter() - started)
            project.forget()
            project_root = None if args.lsp_root else root
            started = time.perf_counter()
            project.resolve(path, text, language, result, root=project_root)
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            resolved = project.resolve(path, text, language, result, root=project_root)
            warm.append(time.perf_counter() - started)
        named = sum(
            o.api.startswith("named: ") and " in this file" not in o.api for o in resolved.occurrences
        )
        ms = {
            name: statistics.median(times) * 1000
            for name, times in (("scan", scans), ("cold", cold), ("warm", warm))
        }
        print(
            f"  {relative} ({len(text) // 1000} kB): scan {ms['scan']:.1f} ms, "
            f"resolve cold {ms['cold']:.1f} ms, warm {ms['warm']:.1f} ms, {named} uses of other files' names"
        )


if __name__ == "__main__":
    main()
