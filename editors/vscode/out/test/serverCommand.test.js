"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const serverCommand_1 = require("../serverCommand");
function posixHost(executables, extra = {}) {
    const present = new Set(executables);
    return {
        platform: "linux",
        env: { PATH: "/usr/local/bin:/usr/bin", HOME: "/home/ada" },
        isExecutable: (file) => present.has(file),
        ...extra,
    };
}
(0, node_test_1.describe)("resolveServerCommand", () => {
    (0, node_test_1.it)("finds wscode-lsp on PATH when nothing is configured", () => {
        const result = (0, serverCommand_1.resolveServerCommand)({}, posixHost(["/usr/bin/wscode-lsp"]));
        strict_1.default.deepEqual(result, { command: "/usr/bin/wscode-lsp", args: [], origin: "PATH" });
    });
    (0, node_test_1.it)("takes the first PATH entry that has it", () => {
        const result = (0, serverCommand_1.resolveServerCommand)({}, posixHost(["/usr/bin/wscode-lsp", "/usr/local/bin/wscode-lsp"]));
        strict_1.default.ok(!(0, serverCommand_1.isMissing)(result));
        strict_1.default.equal(result.command, "/usr/local/bin/wscode-lsp");
    });
    (0, node_test_1.it)("explains what to do when the server is nowhere", () => {
        const result = (0, serverCommand_1.resolveServerCommand)({ path: "", python: "  " }, posixHost([]));
        strict_1.default.ok((0, serverCommand_1.isMissing)(result));
        strict_1.default.match(result.message, /wscode-lsp" was not found on PATH/);
        strict_1.default.match(result.message, /pip install wscodes/);
        strict_1.default.match(result.message, /wscodes\.server\.path/);
    });
    (0, node_test_1.it)("prefers wscodes.server.path over python and PATH", () => {
        const host = posixHost(["/opt/ws/bin/wscode-lsp", "/usr/bin/python3", "/usr/bin/wscode-lsp"]);
        const result = (0, serverCommand_1.resolveServerCommand)({ path: "/opt/ws/bin/wscode-lsp", python: "/usr/bin/python3" }, host);
        strict_1.default.deepEqual(result, { command: "/opt/ws/bin/wscode-lsp", args: [], origin: "wscodes.server.path" });
    });
    (0, node_test_1.it)("resolves a relative server.path against the workspace folder and expands ${workspaceFolder}", () => {
        const host = posixHost(["/repo/.venv/bin/wscode-lsp"], { workspaceFolder: "/repo" });
        for (const value of [".venv/bin/wscode-lsp", "${workspaceFolder}/.venv/bin/wscode-lsp"]) {
            const result = (0, serverCommand_1.resolveServerCommand)({ path: value }, host);
            strict_1.default.ok(!(0, serverCommand_1.isMissing)(result), value);
            strict_1.default.equal(result.command, "/repo/.venv/bin/wscode-lsp");
        }
    });
    (0, node_test_1.it)("expands ~ in a configured path", () => {
        const result = (0, serverCommand_1.resolveServerCommand)({ path: "~/.local/bin/wscode-lsp" }, posixHost(["/home/ada/.local/bin/wscode-lsp"]));
        strict_1.default.ok(!(0, serverCommand_1.isMissing)(result));
        strict_1.default.equal(result.command, "/home/ada/.local/bin/wscode-lsp");
    });
    (0, node_test_1.it)("does not fall back when the configured server.path is wrong", () => {
        const result = (0, serverCommand_1.resolveServerCommand)({ path: "/nope/wscode-lsp" }, posixHost(["/usr/bin/wscode-lsp"]));
        strict_1.default.ok((0, serverCommand_1.isMissing)(result));
        strict_1.default.match(result.message, /"wscodes\.server\.path" was not found or is not executable: \/nope\/wscode-lsp/);
    });
    (0, node_test_1.it)("runs `<python> -m lsp_server` for wscodes.server.python, also a bare name found on PATH", () => {
        const host = posixHost(["/usr/bin/python3", "/repo/.venv/bin/python"], { workspaceFolder: "/repo" });
        strict_1.default.deepEqual((0, serverCommand_1.resolveServerCommand)({ python: "python3" }, host), {
            command: "/usr/bin/python3",
            args: ["-m", "lsp_server"],
            origin: "wscodes.server.python",
        });
        const venv = (0, serverCommand_1.resolveServerCommand)({ python: ".venv/bin/python" }, host);
        strict_1.default.ok(!(0, serverCommand_1.isMissing)(venv));
        strict_1.default.equal(venv.command, "/repo/.venv/bin/python");
    });
    (0, node_test_1.it)("reports a missing configured python", () => {
        const result = (0, serverCommand_1.resolveServerCommand)({ python: "/usr/bin/python9" }, posixHost(["/usr/bin/wscode-lsp"]));
        strict_1.default.ok((0, serverCommand_1.isMissing)(result));
        strict_1.default.match(result.message, /"wscodes\.server\.python" was not found/);
    });
});
(0, node_test_1.describe)("findOnPath on Windows", () => {
    (0, node_test_1.it)("tries PATHEXT extensions and ; separators", () => {
        const host = {
            platform: "win32",
            env: { Path: "C:\\Python\\Scripts;C:\\Windows", PATHEXT: ".COM;.EXE" },
            isExecutable: (file) => file === "C:\\Python\\Scripts\\wscode-lsp.exe",
        };
        strict_1.default.equal((0, serverCommand_1.findOnPath)("wscode-lsp", host), "C:\\Python\\Scripts\\wscode-lsp.exe");
        strict_1.default.equal((0, serverCommand_1.findOnPath)("wscode", host), undefined);
    });
});
//# sourceMappingURL=serverCommand.test.js.map