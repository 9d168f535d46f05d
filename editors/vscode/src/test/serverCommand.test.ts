import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findOnPath, isMissing, resolveServerCommand, type Host } from "../serverCommand";

function posixHost(executables: string[], extra: Partial<Host> = {}): Host {
  const present = new Set(executables);
  return {
    platform: "linux",
    env: { PATH: "/usr/local/bin:/usr/bin", HOME: "/home/ada" },
    isExecutable: (file) => present.has(file),
    ...extra,
  };
}

describe("resolveServerCommand", () => {
  it("finds wscode-lsp on PATH when nothing is configured", () => {
    const result = resolveServerCommand({}, posixHost(["/usr/bin/wscode-lsp"]));
    assert.deepEqual(result, { command: "/usr/bin/wscode-lsp", args: [], origin: "PATH" });
  });

  it("takes the first PATH entry that has it", () => {
    const result = resolveServerCommand({}, posixHost(["/usr/bin/wscode-lsp", "/usr/local/bin/wscode-lsp"]));
    assert.ok(!isMissing(result));
    assert.equal(result.command, "/usr/local/bin/wscode-lsp");
  });

  it("explains what to do when the server is nowhere", () => {
    const result = resolveServerCommand({ path: "", python: "  " }, posixHost([]));
    assert.ok(isMissing(result));
    assert.match(result.message, /wscode-lsp" was not found on PATH/);
    assert.match(result.message, /pip install wscodes/);
    assert.match(result.message, /wscodes\.server\.path/);
  });

  it("prefers wscodes.server.path over python and PATH", () => {
    const host = posixHost(["/opt/ws/bin/wscode-lsp", "/usr/bin/python3", "/usr/bin/wscode-lsp"]);
    const result = resolveServerCommand({ path: "/opt/ws/bin/wscode-lsp", python: "/usr/bin/python3" }, host);
    assert.deepEqual(result, { command: "/opt/ws/bin/wscode-lsp", args: [], origin: "wscodes.server.path" });
  });

  it("resolves a relative server.path against the workspace folder and expands ${workspaceFolder}", () => {
    const host = posixHost(["/repo/.venv/bin/wscode-lsp"], { workspaceFolder: "/repo" });
    for (const value of [".venv/bin/wscode-lsp", "${workspaceFolder}/.venv/bin/wscode-lsp"]) {
      const result = resolveServerCommand({ path: value }, host);
      assert.ok(!isMissing(result), value);
      assert.equal(result.command, "/repo/.venv/bin/wscode-lsp");
    }
  });

  it("expands ~ in a configured path", () => {
    const result = resolveServerCommand({ path: "~/.local/bin/wscode-lsp" }, posixHost(["/home/ada/.local/bin/wscode-lsp"]));
    assert.ok(!isMissing(result));
    assert.equal(result.command, "/home/ada/.local/bin/wscode-lsp");
  });

  it("does not fall back when the configured server.path is wrong", () => {
    const result = resolveServerCommand({ path: "/nope/wscode-lsp" }, posixHost(["/usr/bin/wscode-lsp"]));
    assert.ok(isMissing(result));
    assert.match(result.message, /"wscodes\.server\.path" was not found or is not executable: \/nope\/wscode-lsp/);
  });

  it("runs `<python> -m wscodes.lsp` for wscodes.server.python, also a bare name found on PATH", () => {
    const host = posixHost(["/usr/bin/python3", "/repo/.venv/bin/python"], { workspaceFolder: "/repo" });
    assert.deepEqual(resolveServerCommand({ python: "python3" }, host), {
      command: "/usr/bin/python3",
      args: ["-m", "wscodes.lsp"],
      origin: "wscodes.server.python",
    });
    const venv = resolveServerCommand({ python: ".venv/bin/python" }, host);
    assert.ok(!isMissing(venv));
    assert.equal(venv.command, "/repo/.venv/bin/python");
  });

  it("reports a missing configured python", () => {
    const result = resolveServerCommand({ python: "/usr/bin/python9" }, posixHost(["/usr/bin/wscode-lsp"]));
    assert.ok(isMissing(result));
    assert.match(result.message, /"wscodes\.server\.python" was not found/);
  });
});

describe("findOnPath on Windows", () => {
  it("tries PATHEXT extensions and ; separators", () => {
    const host: Host = {
      platform: "win32",
      env: { Path: "C:\\Python\\Scripts;C:\\Windows", PATHEXT: ".COM;.EXE" },
      isExecutable: (file) => file === "C:\\Python\\Scripts\\wscode-lsp.exe",
    };
    assert.equal(findOnPath("wscode-lsp", host), "C:\\Python\\Scripts\\wscode-lsp.exe");
    assert.equal(findOnPath("wscode", host), undefined);
  });
});

describe("the bundled server", () => {
  const bundle = { script: "/ext/bundled/wscode_lsp.py", storage: "/home/ada/.vscode/globalStorage/wscodes" };
  function bundleHost(executables: string[]): Host {
    return posixHost(executables, { fileExists: (file) => file === bundle.script });
  }

  it("runs with Python from PATH when nothing is configured, before a wscode-lsp on PATH", () => {
    const result = resolveServerCommand({}, bundleHost(["/usr/bin/python3", "/usr/bin/wscode-lsp"]), bundle);
    assert.deepEqual(result, {
      command: "/usr/bin/python3",
      args: [bundle.script],
      origin: "bundled",
      env: { WSCODES_BUNDLE_ENV: bundle.storage },
    });
  });

  it("uses the Python extension's interpreter when the user prefers it", () => {
    const host = bundleHost(["/usr/bin/python3", "/work/.venv/bin/python"]);
    const withExtension = { ...bundle, pythonExtensionInterpreter: "/work/.venv/bin/python" };
    const preferred = resolveServerCommand({ usePythonExtension: true }, host, withExtension);
    assert.ok(!isMissing(preferred));
    assert.equal(preferred.command, "/work/.venv/bin/python");
    const notPreferred = resolveServerCommand({ usePythonExtension: false }, host, withExtension);
    assert.ok(!isMissing(notPreferred));
    assert.equal(notPreferred.command, "/usr/bin/python3");
  });

  it("gives way to wscodes.server.path and wscodes.server.python", () => {
    const host = bundleHost(["/usr/bin/python3", "/opt/ws/bin/wscode-lsp"]);
    const byPath = resolveServerCommand({ path: "/opt/ws/bin/wscode-lsp" }, host, bundle);
    assert.ok(!isMissing(byPath));
    assert.equal(byPath.origin, "wscodes.server.path");
    const byPython = resolveServerCommand({ python: "/usr/bin/python3" }, host, bundle);
    assert.ok(!isMissing(byPython));
    assert.deepEqual(byPython.args, ["-m", "wscodes.lsp"]);
  });

  it("says Python is missing when there is no interpreter to run it", () => {
    const result = resolveServerCommand({}, bundleHost([]), bundle);
    assert.ok(isMissing(result));
    assert.match(result.message, /needs Python 3\.11 or later/);
  });

  it("is skipped when the extension carries no bundle (a platform-neutral build)", () => {
    const result = resolveServerCommand({}, posixHost(["/usr/bin/python3", "/usr/bin/wscode-lsp"]), bundle);
    assert.deepEqual(result, { command: "/usr/bin/wscode-lsp", args: [], origin: "PATH" });
  });
});
