"""The implementations measured from Debian's packages: a small peer program per library, in
interop/peers/, built here with the Debian toolchain and run against the raw peer.

Every peer program takes ``BASE_URL PATH...``, plays each scenario as a client through the
library's public API (send/N: the library's documented way to close with N; anything else: read
until the library reports the close or an error) and prints JSON
``{"results": {PATH: {"app_code": int | null, "error": str}}}``. The version recorded is the
Debian package's (``dpkg-query``); the build goes to interop/build/ (not committed), keyed by a
hash of the source and the build command so that a changed peer is rebuilt.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS_DIR = HERE / "peers"
BUILD_DIR = HERE / "build"
GOPATH = "/usr/share/gocode"  # where Debian's golang-*-dev packages put their source
JAVA_CP = ["/usr/share/java/okhttp.jar", "/usr/share/java/okio.jar"]


@dataclass(frozen=True)
class Peer:
    name: str  # the implementation's name in interop.json
    source: str  # file in interop/peers/
    package: str  # the Debian package whose version is recorded
    kind: str  # "go", "java", "c", "c++"
    flags: tuple[str, ...] = ()  # extra compiler/linker flags (C, C++)
    pkgconfig: tuple[str, ...] = ()  # pkg-config modules (C, C++)


PEERS: dict[str, Peer] = {
    "gorilla/websocket": Peer("gorilla/websocket", "gorilla.go", "golang-github-gorilla-websocket-dev", "go"),
    "nhooyr.io/websocket": Peer("nhooyr.io/websocket", "nhooyr.go", "golang-nhooyr-websocket-dev", "go"),
    "qt-websockets": Peer(
        "qt-websockets",
        "qt.cpp",
        "qt6-websockets-dev",
        "c++",
        flags=("-std=c++17", "-fPIC"),
        pkgconfig=("Qt6WebSockets",),
    ),
    "boost-beast": Peer(
        "boost-beast", "beast.cpp", "libboost1.74-dev", "c++", flags=("-std=c++17", "-pthread")
    ),
    "libwebsockets": Peer("libwebsockets", "lws.c", "libwebsockets-dev", "c", pkgconfig=("libwebsockets",)),
    "okhttp": Peer("okhttp", "OkHttpPeer.java", "libokhttp-java", "java"),
}


def debian_version(package: str) -> str:
    """The installed version of a Debian package, or a clear error."""
    proc = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0 or not proc.stdout:
        raise RuntimeError(f"Debian package {package} is not installed (see .ci/apt-packages.txt)")
    return proc.stdout.strip()


def upstream(debian: str) -> str:
    """'2:1.19~1' -> '1.19', '1.74.0+ds1-21' -> '1.74.0', '1.5.0-2' -> '1.5.0'."""
    v = debian.split(":", 1)[-1].rsplit("-", 1)[0]
    return re.split(r"[+~]", v)[0]


def version_text(peer: Peer) -> str:
    deb = debian_version(peer.package)
    return f"{upstream(deb)} (Debian {deb})"


def _pkgconfig(modules: tuple[str, ...]) -> list[str]:
    if not modules:
        return []
    proc = subprocess.run(
        ["pkg-config", "--cflags", "--libs", *modules], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"pkg-config {' '.join(modules)}: {proc.stderr.strip()}")
    return proc.stdout.split()


def build_command(peer: Peer, out: Path) -> tuple[list[str], dict[str, str]]:
    """The command that builds ``peer`` into ``out``, and the environment it needs."""
    src = str(PEERS_DIR / peer.source)
    env = dict(os.environ)
    if peer.kind == "go":
        env.update(GO111MODULE="off", GOPATH=GOPATH, GOFLAGS="")
        env.setdefault("GOCACHE", str(BUILD_DIR / "go-cache"))  # CI may run without a $HOME
        return ["go", "build", "-o", str(out), src], env
    if peer.kind == "java":
        return ["javac", "-d", str(out), "-cp", ":".join(JAVA_CP), src], env
    compiler = "cc" if peer.kind == "c" else "c++"
    return [compiler, "-O1", *peer.flags, "-o", str(out), src, *_pkgconfig(peer.pkgconfig)], env


def build(peer: Peer) -> list[str]:
    """Build ``peer`` (once per source and command); returns the argv that runs it."""
    src = PEERS_DIR / peer.source
    probe, _ = build_command(peer, BUILD_DIR / "OUT")
    key = hashlib.sha256(src.read_bytes() + "\0".join(probe).encode()).hexdigest()[:12]
    out = BUILD_DIR / f"{Path(peer.source).stem}-{key}"
    if not out.exists():
        BUILD_DIR.mkdir(exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        cmd, env = build_command(peer, tmp)
        if peer.kind == "java":
            tmp.mkdir()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"building {peer.source} failed: {(proc.stderr or proc.stdout)[-800:]}")
        tmp.rename(out)
    if peer.kind == "java":
        return ["java", "-cp", ":".join([str(out), *JAVA_CP]), Path(peer.source).stem]
    return [str(out)]


def runtime_text(peer: Peer) -> str:
    """The toolchain the peer was built with, e.g. "Go 1.19.8", "OpenJDK 17.0.15", "g++ 12.2.0"."""
    if peer.kind == "go":
        return "Go " + _output(["go", "env", "GOVERSION"]).removeprefix("go")
    if peer.kind == "java":
        return "OpenJDK " + debian_version("openjdk-17-jre-headless").split("+")[0]
    compiler = "gcc" if peer.kind == "c" else "g++"
    return f"{compiler} {_output([compiler, '-dumpfullversion'])}"


def _output(argv: list[str]) -> str:
    return subprocess.run(argv, capture_output=True, text=True, check=False).stdout.strip()


async def run(peer: Peer, base: str, paths: list[str]) -> dict[str, dict[str, object]]:
    """Run the built peer over ``paths``; returns what its application saw, per path."""
    argv = await asyncio.to_thread(build, peer)
    proc = await asyncio.create_subprocess_exec(
        *argv, base, *paths, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        async with asyncio.timeout(240):
            out, errout = await proc.communicate()
    except TimeoutError:
        proc.kill()
        raise RuntimeError(f"{peer.name} peer did not finish in 240 s") from None
    if proc.returncode != 0:
        raise RuntimeError(f"{peer.name} peer failed ({proc.returncode}): {errout.decode()[-800:]}")
    results: dict[str, dict[str, object]] = json.loads(out)["results"]
    return results
