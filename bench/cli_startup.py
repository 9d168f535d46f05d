"""Start-up of `wscode 1006` versus a bare `python -c pass` (goal: ratio ≤ 2.0).

Installs this checkout (non-editable, as users get it; `--no-deps`, since the lookup path
needs none) into a throw-away venv, then alternates the two commands RUNS times and prints
the medians and their ratio. Also prints in-process search latency for a few queries.

    python bench/cli_startup.py [--runs 40] [--keep-venv DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def _time(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--keep-venv", type=Path, help="reuse/keep the benchmark venv here")
    args = ap.parse_args()
    runs = max(20, args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        from _install import install  # bench/ is on sys.path: this script's folder

        venv = Path(install(str(args.keep_venv or Path(tmp) / "venv"), deps=False)).parent
        python, wscode = str(venv / "bin" / "python"), str(venv / "bin" / "wscode")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["WSCODES_CONFIG"] = ""
        for _ in range(3):  # warm the page cache
            _time([wscode, "1006"], env)
            _time([python, "-c", "pass"], env)
        bare, ours = [], []
        for _ in range(runs):
            bare.append(_time([python, "-c", "pass"], env))
            ours.append(_time([wscode, "1006"], env))
        search_us = subprocess.run(
            [
                python,
                "-c",
                "import time\nfrom wscodes.core.search import search\nsearch('warm up')\n"
                "for q in ['1006','timeout','connection dropped','sent 1011 keepalive ping timeout',"
                "'overloded','3xxx']:\n"
                "    ts=[]\n"
                "    for _ in range(2000):\n"
                "        t=time.perf_counter(); search(q); ts.append(time.perf_counter()-t)\n"
                "    ts.sort(); print(f'  search {q!r:40} median {ts[len(ts)//2]*1e6:6.1f} us'"
                "  f'  p99 {ts[int(len(ts)*0.99)]*1e6:6.1f} us')",
            ],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout

    mb, mo = statistics.median(bare), statistics.median(ours)
    print(f"runs: {runs}")
    print(f"python -c pass : median {mb * 1000:6.1f} ms")
    print(f"wscode 1006    : median {mo * 1000:6.1f} ms")
    print(f"ratio          : {mo / mb:.2f}  (goal <= 2.0)")
    print("in-process search latency (2000 calls each):")
    print(search_us, end="")


if __name__ == "__main__":
    main()
