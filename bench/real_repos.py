"""Measure `wscode check` and the scanner on real public WebSocket repositories, against hand judgments.

    python bench/real_repos.py --src DIR [--wscode PATH] [--python PATH] [--judgments FILE]
                               [--repo OWNER/NAME ...] [--show-sites] [--show-extra]

How to get the repositories: check each one out, at the commit below, into DIR/<owner>+<name> (a plain
tree is enough, no .git needed; e.g. ``git clone https://github.com/<owner>/<name> DIR/<owner>+<name>
&& git -C DIR/<owner>+<name> checkout <commit>``). Missing checkouts are reported and skipped. The
judged repositories and commits (also in real_repos.json):

    actix/actix-web@4dc9f1d3887a0629732a4f2b3bce193a37cef1b7
    aio-libs/aiohttp@495e778360d1924da63e16dba0f0d76baf56a56a
    anycable/anycable@2baf6a39f8cc3caf4577984c19fe423ccae16e97
    apollographql/subscriptions-transport-ws@36f3f6f780acc1a458b768db13fd39c65e5e6518
    coder/websocket@9c8faadccd1b679e811a79ce506f8a10237251ad
    daltoniam/Starscream@c6bfd1af48efcc9a9ad203665db12375ba6b145a
    django/channels@60cbc43c1069dce5567c1081781c94e4f4ba0c19
    elixir-mint/mint_web_socket@30e92b1b95a74d908e8140938c482ce8f76d3c37
    encode/starlette@cb8f84f5284dc301ca7a31eb732b9e140769dd48
    encode/uvicorn@e6c7ce791fc634b6eedee40e0d0207faa8a9aefd
    enisdenjo/graphql-ws@af4f5c9df60d6b73667d7d90ad1b1c851d22b482
    faye/faye-websocket-ruby@24101af906ee4433b9c7628db456b38118f86a89
    faye/websocket-driver-ruby@2824edc61bd3b93458b34054e29c313d8493f7db
    gobwas/ws@6ee05547180f51e8477c28de44d8e09dc9646cd5
    gorilla/websocket@e064f32e3674d9d79a8fd417b5bc06fa5c6cad8f
    home-assistant/home-assistant-js-websocket@c5efda20c5cc8118f4093506ed13af607580dfc1
    ktorio/ktor@ef92e5537d7465961f1b3f2b21e217fc35bcfa1f
    Marfusios/websocket-client@10f39cfacf350757738785c06124b7dd7e9c9885
    mtrudel/bandit@e022cd33672892e28e589bfa8fb1ea6af57a6cce
    netty/netty@0bb88a3e061f77355627e7fd7fc170ffdada7578
    novnc/noVNC@ac861f9e280b015569c4b1c3999516d9c0fa35c3
    partykit/partykit@ca099b13c6015339d52a3672ff060e8dc582241d
    phoenixframework/phoenix@167c46950cf53aef363d672687cc653267c20aa6
    pladaria/reconnecting-websocket@05a2f7cb0e31f15dff5ff35ad53d07b1bec5e197
    python-hyper/wsproto@c9536ed1836f404f2f08d2943d847db9998b19a3
    python-websockets/websockets@04e599ca3caad2c5bb3fa8eaf24066fd270e90a7
    ratchetphp/Ratchet@c6450f5f70481f88a66da978cecf533730abbfd1
    ratchetphp/RFC6455@00df37843e1f6f532905d864972c8173ec97244c
    snapview/tokio-tungstenite@751d7e2bc26e5de302f4a79907b6949bf00e0043
    snapview/tungstenite-rs@c2921718b76f0ed8c69a895397ed981e4a321f6f
    socketio/socket.io@d2d753fed4435015c2d83fe62e676b44e07fa3f7
    square/okhttp@1682d9bac8c03dffde2969b0b74d47649d0dbb52
    sta/websocket-sharp@42704061c92cd5ce56cf6f4c695f5303b27e1027
    statianzo/Fleck@45672e0781974bb04dbad1b94320756a33c60a6d
    supabase/realtime-js@41a65b08074b8d531268e2d38792ff1e4fd28906
    Textalk/websocket-php@34b2f0efa2e1c071b046e2b98848178fddf21552
    tokio-rs/axum@3d78036dcac289d6c1d54934708acb6a5bd73686
    TooTallNate/Java-WebSocket@afeacbf8c0f6f6a761c9d9daed8c813dd3b8ed7d
    tornadoweb/tornado@e530031405e2154654dedc4c84d5656b557ea310
    vapor/websocket-kit@8666c92dbbb3c8eefc8008c9c8dcf50bfd302167
    websockets/ws@a2f4e7c046c2112bbce6fef39a083dac77d6f0d2

The new languages (C, C++, Dart, Scala, Objective-C, Lua) are judged in real_repos_langs.json; run
them with ``--judgments bench/real_repos_langs.json``. Some entries are partial checkouts (``only:``, the
folders or files of the commit to extract, e.g. ``git archive <commit> <paths> | tar -x -C <dir>``), and a
repository judged at two commits (a historical close-code bug and the commit that fixed it) has a second
entry named ``<owner>/<name>@<short commit>``, checked out into ``DIR/<owner>+<name>@<short commit>``:

    warmcat/libwebsockets@1e967537a5855409a958dd2763e17946002696b3
        only: include/libwebsockets/lws-ws-close.h, lib/roles/ws, lib/core-net/close.c,
        plugins/protocol_dumb_increment, plugins/protocol_lws_cert_dist_server, plugin-standalone
    warmcat/libwebsockets@f9f5a5760782b68fba190fb46d306f7c08f027c0
        into DIR/warmcat+libwebsockets@f9f5a57; only: lib/libwebsockets.c, lib/libwebsockets.h
    Theldus/wsServer@ada968473fca66b6ac3935589056609dfaf23786
    capnproto/capnproto@2c2709587d32475ff6b9e88385f460f45249a064
        only: c++/src/kj/compat, c++/src/capnp/compat
    couchbaselabs/BLIP-Cpp@a614b936d2e2561e430b3c9a22ba23c1d272722b
        only: include, src
    couchbaselabs/BLIP-Cpp@a4f2ad8858ada06fd0d69410daee01c6d4f222da
        into DIR/couchbaselabs+BLIP-Cpp@a4f2ad8; only: include, src
    zaphoyd/websocketpp@4dfe1be74e684acca19ac1cf96cce0df9eac2a2d
        only: websocketpp, examples, tutorials, test
    uNetworking/uWebSockets@66dcff3dd48f0c19dd1703426365d062039321d0
        only: src, examples, fuzzing, benchmarks
    machinezone/IXWebSocket@85cd886998519d60f9788776246108429de11a47
        only: ixwebsocket, test (without test/compatibility, vendored Python/Ruby peers), ws
    qt/qtwebsockets@c2c18735770d004e9380e78b1ee11051b0fd5130
        only: src/websockets, examples/websockets, tests/auto/websockets/qwebsocket
    dart-lang/http@a0d49cb2f80eae038c835394014aadcae8a95c8b
        only: pkgs/web_socket, pkgs/web_socket_channel
    xvrh/puppeteer-dart@91c655788bfa49fa2460e80d0004cab2b75d5cee
        only: lib/src
    xvrh/puppeteer-dart@ac1560374581888063b6d70bab523ac2ed00d588
        into DIR/xvrh+puppeteer-dart@ac15603; only: lib/src
    GetStream/stream-feed-flutter@57208bea525beb6bb050f12f1e2f1d79f198f6fc
        only: packages/faye_dart
    GetStream/stream-chat-flutter@4b4c2ae6de0a8ee82c76e02df6da271d39c2ad17
        only: packages/stream_chat/lib/src/ws, packages/stream_chat/test/src/ws
    GetStream/stream-chat-flutter@78a6a9959af7d262a64b57f80bea37f68a275a9b
        into DIR/GetStream+stream-chat-flutter@78a6a99; only: packages/stream_chat/lib/src/ws,
        packages/stream_chat/test/src/ws
    braverhealth/phoenix-socket-dart@46f6645904fb622195e608d8bcac4a80af442705
        only: lib, test
    supabase/supabase-flutter@6969eb3805cc1920f5a44902ae2ce660170c13b3
        only: packages/supabase_realtime
    http4s/http4s@95ece6c737c835587caf14658dee22862f46a28d
        only: core/shared/src/main/scala/org/http4s/websocket, ember-server,
        server/shared/src/main/scala/org/http4s/server/websocket,
        client/shared/src/main/scala/org/http4s/client/websocket,
        tests/shared/src/test/scala/org/http4s/websocket
    http4s/http4s@f2bb429d8fadbcc6ec76ed72c6be8d98cc6c2701
        into DIR/http4s+http4s@f2bb429; only: core/shared/src/main/scala/org/http4s/websocket, ember-server,
        server/shared/src/main/scala/org/http4s/server/websocket,
        client/shared/src/main/scala/org/http4s/client/websocket,
        tests/shared/src/test/scala/org/http4s/websocket
    playframework/playframework@1a666e1866bfe54b166cfa8689f7c9d56e1b2224
        only: core/play/src/main/scala/play/api/http/websocket, core/play/src/main/java/play/http/websocket,
        transport/server/play-server/src/main/scala/play/core/server/common/WebSocketFlowHandler.scala,
        transport/server/play-server/src/test/scala/play/core/server/common/WebSocketFlowHandlerSpec.scala,
        documentation/manual/releases/release31/migration31/code
    apache/pekko-http@de0c3e1913e79adc5bfe24ab4e3685e389438de9
        only: http-core/src/main/scala/org/apache/pekko/http/impl/engine/ws,
        http-core/src/main/scala/org/apache/pekko/http/scaladsl/model/ws
    facebookincubator/SocketRocket@b7f833e3bf6ba78adfad783bcc5f564f4f436678
        only: SocketRocket
    facebookincubator/SocketRocket@4034385e1ca8d28b482afc895e724f7af306becd
        into DIR/facebookincubator+SocketRocket@4034385; only: SocketRocket
    ably/ably-cocoa@0edb99e3954203cde1e589b5c46f4c98a6ba17f5
        only: Source
    ably/ably-cocoa@56c7f0b643475a2ae4350959580555dd7b432e99
        into DIR/ably+ably-cocoa@56c7f0b; only: Source
    pusher/libPusher@f5444575d0233d3f3191d5e6950d41f4f386d060
        only: Library, Unit Tests
    openresty/lua-resty-websocket@3aef1aa8e3fb74acf5bf77fb644d54835c3db1f6
    lipp/lua-websockets@1c6e94b27fe7cb157877987fba86299fb326be0c
    daurnimator/lua-http@ee3cf4b4992479b8ebfb39b530694af3bbd1d1eb
        only: http/websocket.lua, spec/websocket_spec.lua, examples

What it prints, per repository and in total: the findings of ``wscode check <checkout> --format json`` and
how they were judged (``tp``: a real close-code mistake; ``negative-test`` / ``test``: correct, the code
is there on purpose in a test; ``fp``: wrong), precision ((tp + negative-test + test) / judged),
actionable precision (tp / judged), the known mistakes the check missed and the recall of mistakes
((caught expected mistakes + tp findings on other lines) / (all expected mistakes + those tp
findings): a tp on an expected mistake's line counts once), the hover-site recall (does
``scan()`` report an occurrence with that code on that line), and the time of the check. Findings
that nobody judged yet are listed as ``unjudged``: judge them in real_repos.json. ``--show-extra`` lists
every occurrence the scanner reports, in the files that hold hover sites, on a line no hover site marks
(with the line's text): the judgments mark the close codes an expert expects, so a sample of these read
by hand measures the precision of what hovers.

``--wscode`` defaults to ``wscode`` on PATH; the scanner is imported (``wscodes.core.scan``, or the
older ``core.scan``) by ``--python``, by default the interpreter next to ``--wscode``, so both measure
the same install. Standard library only.

The judgments name code by path, line and a few words; they contain no third-party code.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
CORRECT_IN_TESTS = ("negative-test", "test")
VERDICTS = ("tp", *CORRECT_IN_TESTS, "fp")

# Run by --python: reads [[path, line, code], ...] on stdin, prints one bool per site; with
# {"extra": true, "sites": …} instead, also every occurrence of each probed file as
# [path, line, code, role, api] (for --show-extra: what hovers on lines nobody marked).
_HOVER_PROBE = r"""
import bisect, json, sys
try:
    from wscodes.core.scan import language_for, scan
except ImportError:
    from core.scan import language_for, scan
request = json.load(sys.stdin)
extra = isinstance(request, dict) and request.get("extra", True)
sites = request["sites"] if isinstance(request, dict) else request
root = request.get("root") if isinstance(request, dict) else None
try:  # what the language server hovers: the scan with what the project says (its other files)
    from wscodes.lsp.project import resolve
except ImportError:
    resolve = None
cache = {}
listed = {}
out = []
for path, line, code in sites:
    if path not in cache:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError:
            cache[path] = None
        else:
            lang = language_for(path)
            starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
            result = scan(text, lang) if lang else None
            if result is not None and resolve is not None and root:
                result = resolve(path, text, lang, result, root=root)
            occs = result.occurrences if result is not None else ()
            line_of = lambda offset: bisect.bisect_right(starts, offset)
            cache[path] = [(line_of(o.start), line_of(max(o.start, o.end - 1)), o.code) for o in occs]
            listed[path] = [[path, line_of(o.start), o.code, o.role, o.api] for o in occs]
    found = cache[path]
    out.append(None if found is None else any(a <= line <= b and c == code for a, b, c in found))
if extra:
    out = {"flags": out, "occurrences": [o for found in listed.values() for o in found]}
print(json.dumps(out))
"""


@dataclass
class RepoResult:
    repo: str
    present: bool = True
    seconds: float = 0.0
    findings: int = 0
    verdicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    unjudged: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # judged findings the check no longer reports
    mistakes: int = 0
    caught: int = 0
    missed: list[str] = field(default_factory=list)
    sites: int = 0
    sites_covered: int = 0
    sites_missing: list[str] = field(default_factory=list)
    by_shape: dict[str, list[int]] = field(default_factory=dict)  # shape -> [covered, total]
    # Occurrences on lines of the judged files that no hover site marks: "repo: path:line code role
    # api | the line's text" (--show-extra; judge them by hand for hover precision)
    extra: list[str] = field(default_factory=list)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.0%}" if den else "-"


def checkout_dir(src: str, repo: str) -> str:
    return os.path.join(src, repo.replace("/", "+", 1))


def run_check(wscode: str, directory: str) -> tuple[list[dict[str, Any]], float]:
    """``wscode check`` on one checkout (paths relative to it) and its wall time."""
    start = time.perf_counter()
    proc = subprocess.run(
        [wscode, "check", ".", "--format", "json"], cwd=directory, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"wscode check failed in {directory} ({proc.returncode}): {proc.stderr.strip()}")
    rows: list[dict[str, Any]] = json.loads(proc.stdout or "[]")
    for row in rows:
        row["path"] = os.path.normpath(str(row["path"])).replace(os.sep, "/")
    return rows, elapsed


def probe_sites(
    python: str, sites: list[tuple[str, int, int]], extra: list[list[Any]] | None = None, root: str = ""
) -> list[bool | None]:
    """Does the scanner report each site's code on its line (with what the project at ``root``
    says, as the language server hovers)? ``extra``: a list that receives every occurrence of the
    probed files as [path, line, code, role, api]."""
    if not sites:
        return []
    request: Any = {"sites": sites, "extra": extra is not None, "root": root}
    proc = subprocess.run(
        [python, "-I", "-c", _HOVER_PROBE],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"scanner probe failed: {proc.stderr.strip()}")
    answer = json.loads(proc.stdout)
    if extra is not None:
        extra.extend(answer["occurrences"])
        answer = answer["flags"]
    result: list[bool | None] = answer
    return result


def _line_text(path: str, line: int, cache: dict[str, list[str]]) -> str:
    if path not in cache:
        with open(path, encoding="utf-8", errors="replace") as fh:
            cache[path] = fh.read().split("\n")
    lines = cache[path]
    return " ".join(lines[line - 1].split())[:140] if 0 < line <= len(lines) else ""


def evaluate(
    judgments: dict[str, Any], src: str, wscode: str, python: str, only: set[str], *, extra: bool = False
) -> list[RepoResult]:
    findings_by_repo: dict[str, dict[tuple[str, int, str], dict[str, Any]]] = {}
    for item in judgments["findings"]:
        key = (item["path"], int(item["line"]), item["rule"])
        findings_by_repo.setdefault(item["repo"], {})[key] = item
    results = []
    for entry in judgments["repos"]:
        repo = entry["repo"]
        if only and repo not in only:
            continue
        res = RepoResult(repo)
        results.append(res)
        directory = checkout_dir(src, repo)
        if not os.path.isdir(directory):
            res.present = False
            continue
        rows, res.seconds = run_check(wscode, directory)
        res.findings = len(rows)
        judged = findings_by_repo.get(repo, {})
        seen: set[tuple[str, int, str]] = set()
        reported_lines = {(row["path"], int(row["line"])) for row in rows}
        for row in rows:
            key = (row["path"], int(row["line"]), row["rule"])
            seen.add(key)
            item = judged.get(key)
            if item is None:
                res.unjudged.append(
                    f"{row['path']}:{row['line']} {row['rule']} {row.get('message', '')[:90]}"
                )
            else:
                res.verdicts[item["verdict"]] += 1
        res.stale = [f"{p}:{ln} {rule}" for (p, ln, rule) in judged if (p, ln, rule) not in seen]
        expected = [m for m in judgments["expected_mistakes"] if m["repo"] == repo]
        # a true finding on a line no expected mistake names is a mistake the list didn't know of
        listed = {(m["path"], int(m["line"])) for m in expected}
        extra_tp = sum(
            1
            for (p, ln, _rule), item in judged.items()
            if item["verdict"] == "tp" and (p, ln, _rule) in seen and (p, ln) not in listed
        )
        res.mistakes = extra_tp + len(expected)
        res.caught = extra_tp
        for m in expected:
            if (m["path"], int(m["line"])) in reported_lines:
                res.caught += 1
            else:
                res.missed.append(
                    f"{m['path']}:{m['line']} {m['code']} [{m['shape']}] {m.get('confidence', '')}"
                )
        sites = [s for s in judgments["hover_sites"] if s["repo"] == repo]
        occurrences: list[list[Any]] | None = [] if extra else None
        flags = probe_sites(
            python,
            [(os.path.join(directory, s["path"]), int(s["line"]), int(s["code"])) for s in sites],
            occurrences,
            directory,
        )
        marked = {(os.path.join(directory, s["path"]), int(s["line"])) for s in sites}
        texts: dict[str, list[str]] = {}
        for path, line, code, role, api in occurrences or ():
            if (path, line) not in marked:
                where = os.path.relpath(path, directory).replace(os.sep, "/")
                res.extra.append(
                    f"{repo}: {where}:{line} {code} {role} {api} | {_line_text(path, line, texts)}"
                )
        res.sites = len(sites)
        for site, flag in zip(sites, flags, strict=True):
            tally = res.by_shape.setdefault(site["shape"], [0, 0])
            tally[0] += bool(flag)
            tally[1] += 1
            if flag:
                res.sites_covered += 1
            else:
                gone = " (file missing)" if flag is None else ""
                res.sites_missing.append(
                    f"{site['path']}:{site['line']} {site['code']} [{site['shape']}]{gone}"
                )
    return results


def report(results: list[RepoResult], show_sites: bool, show_extra: bool = False) -> None:
    head = (
        f"{'repository':44} {'find':>4} {'tp':>3} {'test':>4} {'fp':>3} {'unj':>3} {'prec':>5} {'act':>5} "
        f"{'miss':>4} {'recall':>6} {'hover':>9} {'time':>6}"
    )
    print(head)
    print("-" * len(head))
    total = RepoResult("TOTAL")
    for r in results:
        if not r.present:
            print(f"{r.repo:44} (no checkout)")
            continue
        judged = sum(r.verdicts.values())
        tests = sum(r.verdicts[v] for v in CORRECT_IN_TESTS)
        print(
            f"{r.repo:44} {r.findings:>4} {r.verdicts['tp']:>3} {tests:>4} {r.verdicts['fp']:>3} "
            f"{len(r.unjudged):>3} {_ratio(r.verdicts['tp'] + tests, judged):>5} "
            f"{_ratio(r.verdicts['tp'], judged):>5} {len(r.missed):>4} {_ratio(r.caught, r.mistakes):>6} "
            f"{r.sites_covered:>4}/{r.sites:<4} {r.seconds:>5.2f}s"
        )
        total.findings += r.findings
        total.seconds += r.seconds
        for v in VERDICTS:
            total.verdicts[v] += r.verdicts[v]
        total.unjudged += [f"{r.repo}: {u}" for u in r.unjudged]
        total.stale += [f"{r.repo}: {s}" for s in r.stale]
        total.mistakes += r.mistakes
        total.caught += r.caught
        total.missed += [f"{r.repo}: {m}" for m in r.missed]
        total.sites += r.sites
        total.sites_covered += r.sites_covered
        total.sites_missing += [f"{r.repo}: {s}" for s in r.sites_missing]
        for shape, (covered, count) in r.by_shape.items():
            tally = total.by_shape.setdefault(shape, [0, 0])
            tally[0] += covered
            tally[1] += count
    judged = sum(total.verdicts.values())
    tests = sum(total.verdicts[v] for v in CORRECT_IN_TESTS)
    print("-" * len(head))
    print(
        f"{'TOTAL':44} {total.findings:>4} {total.verdicts['tp']:>3} {tests:>4} {total.verdicts['fp']:>3} "
        f"{len(total.unjudged):>3} {_ratio(total.verdicts['tp'] + tests, judged):>5} "
        f"{_ratio(total.verdicts['tp'], judged):>5} {len(total.missed):>4} "
        f"{_ratio(total.caught, total.mistakes):>6} "
        f"{total.sites_covered:>4}/{total.sites:<4} {total.seconds:>5.2f}s"
    )
    print(
        f"\nprecision (tp + correct-in-test) / judged: {_ratio(total.verdicts['tp'] + tests, judged)}; "
        f"actionable precision tp / judged: {_ratio(total.verdicts['tp'], judged)}; "
        f"mistake recall: {total.caught}/{total.mistakes}; "
        f"hover-site recall: {total.sites_covered}/{total.sites} ({_ratio(total.sites_covered, total.sites)})"
    )
    print("\nhover-site recall by shape (worst first):")
    for shape, (covered, count) in sorted(
        total.by_shape.items(), key=lambda kv: (kv[1][0] / kv[1][1], -kv[1][1])
    ):
        print(f"  {covered:>3}/{count:<3} {_ratio(covered, count):>5}  {shape}")
    for title, items in (
        ("unjudged findings (judge them in real_repos.json)", total.unjudged),
        ("judged findings no longer reported", total.stale),
        ("known mistakes the check missed", total.missed),
    ):
        if items:
            print(f"\n{title}:")
            for item in items:
                print(f"  {item}")
    if show_sites and total.sites_missing:
        print("\nhover sites without an occurrence:")
        for item in total.sites_missing:
            print(f"  {item}")
    if show_extra:
        extra = [e for r in results for e in r.extra]
        print(f"\noccurrences on lines no hover site marks, in the judged files ({len(extra)}):")
        for item in extra:
            print(f"  {item}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--src", required=True, help="directory holding the checkouts, one per <owner>+<name>"
    )
    parser.add_argument("--wscode", default=shutil.which("wscode") or "wscode", help="the wscode executable")
    parser.add_argument("--python", help="interpreter that imports the scanner (default: next to --wscode)")
    parser.add_argument("--judgments", default=os.path.join(HERE, "real_repos.json"))
    parser.add_argument("--repo", action="append", default=[], help="only this owner/name (repeatable)")
    parser.add_argument("--show-sites", action="store_true", help="list the hover sites the scanner misses")
    parser.add_argument(
        "--show-extra",
        action="store_true",
        help="list the occurrences on lines of the judged files that no hover site marks (judge a sample "
        "of them by hand: the hover precision)",
    )
    args = parser.parse_args(argv)
    found = shutil.which(args.wscode)  # (a relative path too: the check runs inside each checkout)
    if found is None:
        parser.error(f"--wscode {args.wscode}: no such executable")
    args.wscode = os.path.abspath(found)
    if not os.path.isdir(args.src):
        parser.error(f"--src {args.src}: no such directory")
    python = args.python
    if python is None:
        sibling = os.path.join(os.path.dirname(os.path.abspath(args.wscode)), "python")
        python = sibling if os.path.exists(sibling) else sys.executable
    with open(args.judgments, encoding="utf-8") as fh:
        judgments = json.load(fh)
    results = evaluate(judgments, args.src, args.wscode, python, set(args.repo), extra=args.show_extra)
    report(results, args.show_sites, args.show_extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
