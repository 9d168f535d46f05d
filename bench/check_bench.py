"""Benchmark `wscode check` against ripgrep on a generated source tree, plus didOpen-style timings.

    .venv/bin/python bench/check_bench.py [--files 20000] [--runs 5] [--tree /tmp/wscodes-bench-tree]
                                          [--venv /tmp/wscodes-bench-venv | --editable]
                                          [--close-rate 0.03] [--no-git] [--no-cache-runs] [--no-single]

Generates (once; reused if present) a tree of valid source files in six languages (~12 KB each,
~3% with WebSocket close calls; the rest has timeouts, ports, sizes, HTTP statuses, comments and
strings with numbers), then prints medians for `rg -n '[Cc]lose\\('` and `wscode check --no-cache`
(cold: every candidate file is analysed) on the same tree in the same run (interleaved), their
ratio, and the findings count; then `wscode check` with its cache: a first run into an empty cache
(it analyses and writes) and a second run (warm: nothing changed, nothing is parsed). Then the same
for a copy of the tree committed to git (made once), which is what CI checks. Then it times
`analyse()` on a 10,000-line file and on a 1 MB file (what the language server does on didOpen).

Adversarial trees: ``--close-rate 1`` (every file holds close calls: the prefilter lets everything
through), ``--files 100000`` (a huge tree); ``--no-git`` skips the git copy, ``--no-single`` the
analyse() timings.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

LANGS = {
    "py": (
        "def {f}(items, limit={n}):\n"
        '    """Return the first {n} items of {f}; retries after 1000 ms."""\n'
        "    total = 0\n"
        "    for i, item in enumerate(items):\n"
        "        if i > limit:\n"
        "            break\n"
        "        total += len(str(item)) + {n}  # 404 is an HTTP status\n"
        "    time.sleep({n} / 1000)\n"
        '    log.info("port %d status %d", 8080, 503)\n'
        "    return total\n\n\n",
        "async def {f}(websocket):\n"
        "    try:\n"
        "        await websocket.send_text('hello')\n"
        "    except Exception:\n"
        "        await websocket.close(code=1006)\n"
        "    if websocket.close_code == 1006:\n"
        "        await websocket.close(code=4001, reason='expired')\n\n\n",
        "import time\nimport logging\n\nlog = logging.getLogger(__name__)\nTIMEOUT = 1000\n\n\n",
    ),
    "js": (
        "function {f}(items, limit = {n}) {{\n"
        "  // retry after 1000 ms; 404 and 500 are HTTP statuses\n"
        "  let total = 0;\n"
        "  for (const item of items) {{\n"
        "    if (total > limit) break;\n"
        "    total += String(item).length + {n};\n"
        "  }}\n"
        "  setTimeout(() => console.log('done', total), 1000);\n"
        "  server.listen(8080);\n"
        "  return res.status(404).json({{ error: 'not found {n}' }});\n"
        "}}\n\n",
        "function {f}(url) {{\n"
        "  const ws = new WebSocket(url);\n"
        "  ws.onclose = (event) => {{ if (event.code === 1006) setTimeout(() => {f}(url), 1000); }};\n"
        "  ws.onerror = () => ws.close(1001, 'bye');\n"
        "  return ws;\n"
        "}}\n\n",
        "'use strict';\nconst MAX = 1000;\n\n",
    ),
    "ts": (
        "export function {f}(items: string[], limit: number = {n}): number {{\n"
        "  /* sizes: 1024, 4096; ports: 3000 */\n"
        "  let total: number = 0;\n"
        "  for (const item of items) {{\n"
        "    if (total > limit) {{ break; }}\n"
        "    total += item.length + {n};\n"
        "  }}\n"
        "  window.setTimeout((): void => undefined, 1000);\n"
        "  return total;\n"
        "}}\n\n",
        "export function {f}(socket: WebSocket): void {{\n"
        "  socket.close(1000, 'bye');\n"
        "  socket.close(1006);\n"
        "}}\n\n",
        "const DELAY_MS: number = 1000;\n\n",
    ),
    "go": (
        "func {f}(items []string, limit int) int {{\n"
        "\t// wait 1000 ms, then retry; 404 is an HTTP status\n"
        "\ttotal := 0\n"
        "\tfor _, item := range items {{\n"
        "\t\tif total > limit {{\n"
        "\t\t\tbreak\n"
        "\t\t}}\n"
        "\t\ttotal += len(item) + {n}\n"
        "\t}}\n"
        "\ttime.Sleep(1000 * time.Millisecond)\n"
        '\thttp.Error(w, "not found", 404)\n'
        "\treturn total\n"
        "}}\n\n",
        "func {f}(c *websocket.Conn) {{\n"
        '\tc.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(1006, "bye"))\n'
        "\tc.WriteMessage(websocket.CloseMessage,\n"
        '\t\twebsocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))\n'
        "}}\n\n",
        'package main\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nvar w http.ResponseWriter\n\n',
    ),
    "java": (
        "    static int {f}(java.util.List<String> items, int limit) {{\n"
        "        // sleep 1000 ms; 8080 is a port\n"
        "        int total = 0;\n"
        "        for (String item : items) {{\n"
        "            if (total > limit) {{ break; }}\n"
        "            total += item.length() + {n};\n"
        "        }}\n"
        '        System.out.println("status " + 404 + " size " + 1024);\n'
        "        return total;\n"
        "    }}\n\n",
        "    void {f}(javax.websocket.Session session) throws Exception {{\n"
        '        session.close(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "bye"));\n'
        "    }}\n\n",
        "public class Gen{k} {{\n    static final int TIMEOUT = 1000;\n\n",
    ),
    "rs": (
        "pub fn {f}(items: &[String], limit: usize) -> usize {{\n"
        "    // retry after 1000 ms; 404 is an HTTP status\n"
        "    let mut total = 0;\n"
        "    for item in items {{\n"
        "        if total > limit {{\n"
        "            break;\n"
        "        }}\n"
        "        total += item.len() + {n};\n"
        "    }}\n"
        "    std::thread::sleep(std::time::Duration::from_millis(1000));\n"
        "    total\n"
        "}}\n\n",
        "pub fn {f}() -> CloseFrame<'static> {{\n"
        '    CloseFrame {{ code: CloseCode::Abnormal, reason: "bye".into() }}\n'
        "}}\n\n",
        "use std::time::Duration;\n\nconst TIMEOUT_MS: u64 = 1000;\n\n",
    ),
}


def generate(
    tree: str, files: int, target_size: int = 12_000, seed: int = 6455, close_rate: float = 0.03
) -> None:
    rng = random.Random(seed)
    tmp = tree + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    exts = list(LANGS)
    for i in range(files):
        ext = exts[i % len(exts)]
        plain, closing, header = LANGS[ext]
        folder = os.path.join(tmp, f"pkg{i % 97:02d}", f"mod{i % 13:02d}")
        os.makedirs(folder, exist_ok=True)
        parts = [header.format(k=i)]
        size = len(parts[0])
        with_close = rng.random() < close_rate
        j = 0
        while size < target_size:
            block = plain.format(f=f"fn_{i}_{j}", n=rng.randint(1, 99999))
            parts.append(block)
            size += len(block)
            j += 1
        if with_close:
            parts.insert(rng.randint(1, len(parts)), closing.format(f=f"ws_{i}_{j}"))
        if ext == "java":
            parts.append("}\n")
        with open(os.path.join(folder, f"f{i}.{ext}"), "w", encoding="utf-8") as f:
            f.write("".join(parts))
    os.replace(tmp, tree)


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Wall time and CPU time (user + system, all processes) of one run of ``command``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, result


def compare(
    label: str, tree: str, rg: str | None, runs: int, program: list[str], *, cache_runs: bool
) -> bytes:
    """``wscode check --no-cache`` against ``rg -n '[Cc]lose\\('`` on ``tree``, runs interleaved
    (so both see the same machine load); prints medians and the ratio; then (``cache_runs``) the
    cache's first and second runs. Returns wscode's JSON output."""
    wscode = [*program, "check", "--no-cache", "--format", "json", tree]
    baseline = [rg, "-n", "[Cc]lose\\(", tree] if rg else None
    subprocess.run(wscode, capture_output=True, check=False)  # warm the page cache for both
    walls: dict[str, list[float]] = {"rg": [], "wscode": []}
    cpus: dict[str, list[float]] = {"rg": [], "wscode": []}
    results: dict[str, subprocess.CompletedProcess[bytes]] = {}
    for _ in range(runs):
        for name, command in (("rg", baseline), ("wscode", wscode)):
            if command is None:
                continue
            wall, cpu, results[name] = timed(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"{label}:")
    if baseline:
        lines = results["rg"].stdout.count(b"\n")
        print(
            f"  rg -n '[Cc]lose\\(': median {statistics.median(walls['rg']):.3f} s wall, "
            f"{statistics.median(cpus['rg']):.3f} s CPU ({lines} lines)"
        )
    else:
        print("  rg not found (apt-get install ripgrep): no baseline")
    import json

    check = results["wscode"]
    findings = len(json.loads(check.stdout or b"[]"))
    print(
        f"  wscode check: median {statistics.median(walls['wscode']):.3f} s wall, "
        f"{statistics.median(cpus['wscode']):.3f} s CPU, {findings} findings (exit {check.returncode})"
    )
    if baseline:
        ratios = sorted(w / r for w, r in zip(walls["wscode"], walls["rg"], strict=True))
        ratio = statistics.median(walls["wscode"]) / statistics.median(walls["rg"])
        print(
            f"  ratio wscode check / rg: {ratio:.1f}x wall (goal <= 3x; "
            f"per-run ratios {ratios[0]:.1f}-{ratios[-1]:.1f})"
        )
    if cache_runs:
        cached(tree, runs, program, check.stdout, statistics.median(walls["rg"]) if baseline else None)
    return check.stdout


def cached(tree: str, runs: int, program: list[str], expected: bytes, rg_median: float | None) -> None:
    """``wscode check`` with its cache: into an empty cache (writes every entry), then again (warm)."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="wscodes-bench-cache-")
    wscode = [*program, "check", "--cache-dir", os.path.join(folder, "c"), "--format", "json", tree]
    walls: dict[str, list[float]] = {"first": [], "warm": []}
    cpus: dict[str, list[float]] = {"first": [], "warm": []}
    same = True
    try:
        for _ in range(runs):
            shutil.rmtree(os.path.join(folder, "c"), ignore_errors=True)
            for name in ("first", "warm"):
                wall, cpu, result = timed(wscode)
                walls[name].append(wall)
                cpus[name].append(cpu)
                same = same and result.stdout == expected
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for name, what in (("first", "empty cache (writes it)"), ("warm", "warm cache (nothing changed)")):
        wall = statistics.median(walls[name])
        ratio = f", {wall / rg_median:.1f}x rg" if rg_median else ""
        print(
            f"  wscode check, {what}: median {wall:.3f} s wall, "
            f"{statistics.median(cpus[name]):.3f} s CPU{ratio}"
        )
    print(f"  same findings with and without the cache: {same}")


def git_copy(tree: str) -> str:
    """The same tree as a git work tree (committed), made once: what CI checks out."""
    copy = tree + "-git"
    if not os.path.isdir(os.path.join(copy, ".git")):
        print(f"copying {tree} into a git work tree at {copy} …", file=sys.stderr)
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(tree, copy)
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-C", copy]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "bench tree"]):
            subprocess.run([*git, *args], check=True)
    return copy


def tree_stats(tree: str) -> tuple[int, float]:
    count = 0
    total = 0
    for folder, _dirs, names in os.walk(tree):
        for name in names:
            count += 1
            total += os.path.getsize(os.path.join(folder, name))
    return count, total / 1e6


def single_file_timings(runs: int) -> None:
    from wscodes.core.rules import RuleConfig, analyse
    from wscodes.core.teamcodes import builtin_registry

    plain, closing, header = LANGS["js"]
    rng = random.Random(1)

    def build(lines_wanted: int | None, bytes_wanted: int | None) -> str:
        parts = [header]
        j = 0
        while True:
            block = closing if j % 40 == 7 else plain
            parts.append(block.format(f=f"fn{j}", n=rng.randint(1, 9999)))
            j += 1
            text = "".join(parts)
            if lines_wanted is not None and text.count("\n") >= lines_wanted:
                return text
            if bytes_wanted is not None and len(text) >= bytes_wanted:
                return text

    registry, config = builtin_registry(), RuleConfig()
    for label, text in (
        ("10,000-line JS file", build(10_000, None)),
        ("1 MB JS file", build(None, 1_000_000)),
    ):
        analyse(text, "javascript", registry, config)  # warm the parser
        times = []
        findings = 0
        for _ in range(runs):
            start = time.perf_counter()
            findings = len(analyse(text, "javascript", registry, config).findings)
            times.append(time.perf_counter() - start)
        print(
            f"analyse() {label}: {len(text) / 1e6:.2f} MB, {text.count(chr(10))} lines, "
            f"median {statistics.median(times) * 1000:.1f} ms, {findings} findings"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", default="/tmp/wscodes-bench-tree")
    parser.add_argument(
        "--close-rate", type=float, default=0.03, help="share of files with close calls (1: every file)"
    )
    parser.add_argument("--no-git", action="store_true", help="skip the git work tree copy")
    parser.add_argument("--no-cache-runs", action="store_true", help="skip the runs with the cache")
    parser.add_argument("--no-single", action="store_true", help="skip the analyse() timings")
    parser.add_argument(
        "--venv",
        default="/tmp/wscodes-bench-venv",
        help="where to install this checkout (regular install) for the measurement",
    )
    parser.add_argument(
        "--editable",
        action="store_true",
        help="measure this interpreter's wscodes (e.g. the dev install) instead",
    )
    args = parser.parse_args()
    tree = f"{args.tree}-{args.files}" + (f"-close{args.close_rate:g}" if args.close_rate != 0.03 else "")
    if not os.path.isdir(tree):
        print(f"generating {args.files} files under {tree} …", file=sys.stderr)
        generate(tree, args.files, close_rate=args.close_rate)
    files, megabytes = tree_stats(tree)
    print(f"tree: {tree}: {files} files, {megabytes:.0f} MB")
    rg = shutil.which("rg")
    from _install import install  # bench/ is on sys.path: this script's folder

    command = (
        [sys.executable, "-m", "wscodes"]
        if args.editable
        else [os.path.join(install(args.venv, deps=True), "wscode")]
    )
    print(f"wscode: {' '.join(command)}")
    print(f"load average before measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    cache_runs = not args.no_cache_runs
    plain = compare("plain directory (walked)", tree, rg, args.runs, command, cache_runs=cache_runs)
    if not args.no_git:
        in_git = compare(
            "the same files in a git work tree (listed by git)",
            git_copy(tree), rg, args.runs, command, cache_runs=cache_runs,
        )  # fmt: skip
        same = plain.replace(tree.encode(), b"") == in_git.replace((tree + "-git").encode(), b"")
        print(f"same findings in both: {same}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if not args.no_single:
        single_file_timings(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
