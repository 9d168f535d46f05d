"""Measure what real WebSocket implementations do with each close code, against the raw peer.

    python -m interop.measure                 # measure everything, print a summary
    python -m interop.measure --write         # ... and write core/data/interop.json
    python -m interop.measure --only ws,aiohttp

Per implementation and version it records, for every code in CODES:
- send N: through the public close API -> "sent" (N on the wire), "rewritten" (something else on
  the wire: another code, or a Close frame with no code), "throws" (which error), "aborts" (no
  Close frame at all);
- receive N: a Close frame with N from the raw peer -> "reported" (the app sees N) or "fails" (the
  app sees another code), and what the implementation sent back;
and what the application sees when the TCP connection drops without a Close frame (drop), when
the Close frame has no code (nocode), a 1-byte body (onebyte), an invalid-UTF-8 reason (badutf8)
and a 124-byte reason (longreason).

Besides the Python, Node and Chromium implementations, interop/native.py builds a peer program
per library from Debian's packages (gorilla/websocket, nhooyr.io/websocket, OkHttp, ...).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from . import native, python_impls
from .rawpeer import RawServer, raw_client

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "core" / "data" / "interop.json"
NODE_DIR = Path(__file__).resolve().parent / "node"
CHROMIUM = os.environ.get("WSCODES_CHROMIUM", "/usr/bin/chromium")

CODES = [0, 999, *range(1000, 1017), 1100, 2999, 3000, 3999, 4000, 4999, 5000, 65535]
EVENTS = ["drop", "nocode", "onebyte", "badutf8", "longreason"]

Record = dict[str, Any]


def paths() -> list[str]:
    return [f"/send/{n}" for n in CODES] + [f"/receive/{n}" for n in CODES] + [f"/{e}" for e in EVENTS]


def wire_code(wire: Record) -> int | str | None:
    """What the implementation put on the wire: a code, None (Close frame without code), or a word."""
    if wire.get("frame") == "close":
        code: int | None = wire["code"]
        return code
    return str(wire.get("frame", "none"))  # "none" (TCP closed), "timeout", ...


def classify(path: str, app: Record, wire: Record) -> Record:
    """One scenario's result, as stored in interop.json."""
    scenario, _, n = path.strip("/").partition("/")
    sent = wire_code(wire)
    out: Record = {}
    if scenario == "send":
        code = int(n)
        if app.get("error"):
            out = {"outcome": "throws", "error": app["error"]}
            if app.get("no_fallback"):  # the peer sent nothing after the error: the wire is the library's
                out["wire"] = sent
        elif sent == code:
            out = {"outcome": "sent"}
        elif isinstance(sent, str):
            out = {"outcome": "aborts", "wire": sent}
        else:
            out = {"outcome": "rewritten", "wire": sent}
        return out
    app_code = app.get("app_code")
    if scenario == "receive":
        code = int(n)
        # The app sees N and the implementation did not answer with an error code of its own (a
        # received 1006 that is "reported" as 1006 because the library failed the connection is
        # not reported: it replied 1002).
        failed = sent in (1002, 1007) and sent != code
        out["outcome"] = "reported" if app_code == code and not failed else "fails"
    out["app_code"] = app_code
    if scenario != "drop":
        out["reply"] = sent
    if app.get("error") and out.get("outcome") != "reported":
        out["error"] = app["error"]
    return out


def entry(
    name: str, version: str, role: str, runtime: str, results: dict[str, Record], *, how: Record | None = None
) -> Record:
    send = {str(n): results[f"/send/{n}"] for n in CODES}
    receive = {str(n): results[f"/receive/{n}"] for n in CODES}
    events = {e: results[f"/{e}"] for e in EVENTS}
    return {
        "implementation": name,
        "version": version,
        "role": role,
        "runtime": runtime,
        "measured": datetime.date.today().isoformat(),
        "send": send,
        "receive": receive,
        "events": events,
        "how": {"command": f"python -m interop.measure --only {name}", **(how or {})},
    }


async def measure_python_client(name: str) -> Record:
    dist, client = python_impls.CLIENTS[name]
    server = RawServer()
    port = await server.start()
    results: dict[str, Record] = {}
    try:
        for path in paths():
            app = await python_impls.run_client(client, f"ws://127.0.0.1:{port}{path}")
            results[path] = classify(path, app, await server.wait(path))
    finally:
        await server.stop()
    py = f"CPython {sys.version_info.major}.{sys.version_info.minor}"
    version = python_impls.dist_version(dist)
    how = {"peer": "interop/python_impls.py", "package": f"PyPI {dist} {version}"}
    return entry(name, version, "client", py, results, how=how)


async def measure_uvicorn(ws: str) -> Record:
    server, app, port = await python_impls.start_uvicorn(ws)
    results: dict[str, Record] = {}
    try:
        for path in paths():
            try:
                async with asyncio.timeout(python_impls.STEP):
                    wire = await raw_client(port, path)
                    while path not in app.seen:
                        await asyncio.sleep(0.005)
            except TimeoutError:
                wire = {"frame": "timeout"}
            results[path] = classify(path, app.seen.get(path, {}), wire)
    finally:
        await python_impls.stop_uvicorn(server)
    backend = {"websockets-sansio": "websockets", "wsproto": "wsproto"}[ws]
    versions = f"{python_impls.dist_version('uvicorn')}"
    runtime = f"ws={ws}, {backend} {python_impls.dist_version(backend)}"
    how = {"peer": "interop/python_impls.py", "package": f"PyPI uvicorn {versions}, {runtime.split(', ')[1]}"}
    return entry(f"uvicorn[{ws}]", versions, "server", runtime, results, how=how)


async def measure_node(impl: str) -> Record:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed")
    server = RawServer()
    port = await server.start()
    all_paths = paths()
    flags = ["--experimental-websocket"] if impl == "node" else []
    try:
        proc = await asyncio.create_subprocess_exec(
            node,
            *flags,
            "--no-warnings",
            str(NODE_DIR / "harness.mjs"),
            impl,
            f"ws://127.0.0.1:{port}",
            *all_paths,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, errout = await proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"node harness failed: {errout.decode()[-500:]}")
        report = json.loads(out)
        results = {p: classify(p, report["results"][p], await server.wait(p)) for p in all_paths}
    finally:
        await server.stop()
    nodever = (await _output(node, "--version")).strip().lstrip("v")
    if impl == "ws":
        how = {"peer": "interop/node/harness.mjs", "package": f"npm ws {report['version']}"}
        return entry("ws", report["version"], "client", f"Node {nodever}", results, how=how)
    how = {"peer": "interop/node/harness.mjs, interop/dom_client.js", "package": f"Node {nodever}"}
    return entry("node-websocket", report["version"], "client", f"Node {nodever}", results, how=how)


async def _output(*argv: str) -> str:
    proc = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode()


async def measure_chromium() -> Record:
    from playwright.async_api import async_playwright

    source = (Path(__file__).resolve().parent / "dom_client.js").read_text().replace("export ", "")
    server = RawServer()
    port = await server.start()
    results: dict[str, Record] = {}
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True)
            try:
                page = await browser.new_page()
                for path in paths():
                    scenario, _, n = path.strip("/").partition("/")
                    app = await page.evaluate(
                        f"([url, s, a]) => {{ {source}; return measureDom(WebSocket, url, s, a); }}",
                        [f"ws://127.0.0.1:{port}{path}", scenario, int(n) if n else None],
                    )
                    results[path] = classify(path, app, await server.wait(path))
                version = browser.version
            finally:
                await browser.close()
    finally:
        await server.stop()
    try:
        package = f"Debian chromium {native.debian_version('chromium')}"
    except RuntimeError:  # a browser from elsewhere (WSCODES_CHROMIUM)
        package = f"Chromium at {CHROMIUM}"
    how = {"peer": "interop/dom_client.js (through Playwright)", "package": package}
    return entry("chromium", version, "client", "headless", results, how=how)


async def measure_native(name: str) -> Record:
    """A library from Debian's packages, through its peer program in interop/peers/."""
    peer = native.PEERS[name]
    server = RawServer()
    port = await server.start()
    all_paths = paths()
    try:
        report = await native.run(peer, f"ws://127.0.0.1:{port}", all_paths)
        results = {p: classify(p, report[p], await server.wait(p)) for p in all_paths}
    finally:
        await server.stop()
    how = {
        "peer": f"interop/peers/{peer.source}",
        "package": f"Debian {peer.package} {native.debian_version(peer.package)}",
    }
    return entry(name, native.version_text(peer), "client", native.runtime_text(peer), results, how=how)


MEASURES: dict[str, Any] = {
    "python-websockets": lambda: measure_python_client("python-websockets"),
    "aiohttp": lambda: measure_python_client("aiohttp"),
    "tornado": lambda: measure_python_client("tornado"),
    "wsproto": lambda: measure_python_client("wsproto"),
    "uvicorn[websockets-sansio]": lambda: measure_uvicorn("websockets-sansio"),
    "uvicorn[wsproto]": lambda: measure_uvicorn("wsproto"),
    "ws": lambda: measure_node("ws"),
    "node-websocket": lambda: measure_node("node"),
    "chromium": measure_chromium,
    **{name: (lambda name=name: measure_native(name)) for name in native.PEERS},
}


async def measure(names: list[str]) -> list[Record]:
    """Measure implementations concurrently (each has its own raw peer on its own port), in two
    rounds: the in-process and Node/Chromium ones, then the peers built from Debian's packages,
    whose builds run first, alone (a compiler next to a running scenario could push it past its
    time limit)."""
    # tornado 6.6 logs a traceback when a Close reason is not UTF-8 (that is a result, recorded as
    # such); keep the harness's output readable.
    logging.getLogger("tornado").setLevel(logging.CRITICAL)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    built = [n for n in names if n in native.PEERS]
    for n in built:
        await asyncio.to_thread(native.build, native.PEERS[n])
    records: dict[str, Record] = {}
    for round_ in ([n for n in names if n not in built], built):
        for rec in await asyncio.gather(*(MEASURES[n]() for n in round_)):
            records[rec["implementation"]] = rec
    return [records[n] for n in names]


def load() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DATA_FILE.read_text())
    return loaded


def comparable(rec: Record) -> Record:
    """A measurement without its date: what a fresh run must reproduce."""
    return {k: v for k, v in rec.items() if k != "measured"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m interop.measure", description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="comma-separated implementations (default: all)")
    ap.add_argument("--write", action="store_true", help="write core/data/interop.json")
    args = ap.parse_args(argv)
    names = args.only.split(",") if args.only else list(MEASURES)
    unknown = [n for n in names if n not in MEASURES]
    if unknown:
        print(f"error: unknown implementation(s) {', '.join(unknown)}; known: {', '.join(MEASURES)}")
        return 2
    t0 = time.perf_counter()
    try:
        records = asyncio.run(measure(names))
    except RuntimeError as e:  # a peer that is not installed, does not build or does not finish
        print("error: " + " ".join(str(e).split())[:300])  # one line, whatever a compiler said
        return 1
    took = time.perf_counter() - t0
    for rec in records:
        receive = rec["receive"]
        rejects = [n for n, r in receive.items() if r["outcome"] == "fails"]
        throws = [n for n, r in rec["send"].items() if r["outcome"] != "sent"]
        print(f"{rec['implementation']} {rec['version']}: rejects on receipt {','.join(rejects) or '-'}")
        print(f"    close() does not send as given: {','.join(throws) or '-'}")
    print(f"measured {len(records)} implementations in {took:.1f} s")
    if args.write:
        shipped = load() if DATA_FILE.exists() else {}
        old = {r["implementation"]: r for r in shipped.get("implementations", [])}
        for rec in records:
            prev = old.get(rec["implementation"])
            if prev is not None and comparable(prev) == comparable(rec):
                rec["measured"] = prev["measured"]  # unchanged: keep the date it was first measured
            old[rec["implementation"]] = rec
        doc = {
            "about": (
                "What real WebSocket implementations do with each close code, measured on loopback "
                "against a raw peer by interop/measure.py (python -m interop.measure --write). Per "
                "implementation: send[N] = what close(N) did (sent / rewritten to 'wire' / throws "
                "'error' / aborts), receive[N] = what the app saw when a Close frame with N arrived "
                "(reported / fails: app_code, and 'reply' = the code it sent back; null = a Close "
                "frame without code, 'none' = no Close frame), events = TCP drop without Close "
                "(drop), Close without code (nocode), 1-byte Close body (onebyte), invalid UTF-8 "
                "reason (badutf8), 124-byte reason (longreason). how = the command that measured it, "
                "the peer program and the package it was built from."
            ),
            "codes": CODES,
            "implementations": [old[k] for k in sorted(old)],
            # written by hand, kept as is; tests/interop checks each fact against the records
            "sources_disagree": shipped.get("sources_disagree", []),
        }
        DATA_FILE.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {DATA_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
