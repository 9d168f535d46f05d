"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.INSTALL_HINT = exports.SERVER_EXECUTABLE = void 0;
exports.findOnPath = findOnPath;
exports.resolveServerCommand = resolveServerCommand;
exports.isMissing = isMissing;
// How the extension finds the language server. Plain TypeScript (no `vscode` import) so that
// it is unit-tested with node's test runner outside VS Code.
const path = __importStar(require("node:path"));
exports.SERVER_EXECUTABLE = "wscode-lsp";
exports.INSTALL_HINT = "Install it with `pip install wscodes` (or `pipx install wscodes`)";
function expandWorkspaceFolder(value, host) {
    let expanded = value.trim();
    if (host.workspaceFolder !== undefined) {
        expanded = expanded.split("${workspaceFolder}").join(host.workspaceFolder);
    }
    if (expanded === "~" || expanded.startsWith("~/")) {
        const home = host.env.HOME ?? host.env.USERPROFILE;
        if (home)
            expanded = home + expanded.slice(1);
    }
    return expanded;
}
function pathApi(host) {
    return host.platform === "win32" ? path.win32 : path.posix;
}
/** A setting value that names a file: absolute, or relative to the workspace folder. */
function settingToFile(value, host) {
    const p = pathApi(host);
    const expanded = expandWorkspaceFolder(value, host);
    if (p.isAbsolute(expanded) || host.workspaceFolder === undefined)
        return expanded;
    // A bare command name ("python3") is looked up on PATH, like a shell would.
    if (!expanded.includes("/") && !expanded.includes("\\"))
        return expanded;
    return p.resolve(host.workspaceFolder, expanded);
}
/** Look an executable up on PATH (with PATHEXT on Windows). */
function findOnPath(name, host) {
    const p = pathApi(host);
    const pathVar = host.env.PATH ?? host.env.Path ?? "";
    const separator = host.platform === "win32" ? ";" : ":";
    const extensions = host.platform === "win32"
        ? ["", ...(host.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").map((e) => e.toLowerCase())]
        : [""];
    for (const dir of pathVar.split(separator)) {
        if (dir === "")
            continue;
        for (const ext of extensions) {
            const candidate = p.join(dir, name + ext);
            if (host.isExecutable(candidate))
                return candidate;
        }
    }
    return undefined;
}
function resolveExecutable(value, host) {
    const file = settingToFile(value, host);
    const p = pathApi(host);
    if (p.isAbsolute(file))
        return host.isExecutable(file) ? file : undefined;
    return findOnPath(file, host);
}
/**
 * Decide how to start the server: `wscodes.server.path`, else `wscodes.server.python -m lsp_server`,
 * else `wscode-lsp` on PATH. A configured value that doesn't exist is an error (we don't silently
 * fall back to something else than what the user asked for).
 */
function resolveServerCommand(settings, host) {
    const configuredPath = settings.path?.trim() ?? "";
    if (configuredPath !== "") {
        const command = resolveExecutable(configuredPath, host);
        if (command === undefined) {
            return {
                message: `wscodes: the language server set in "wscodes.server.path" was not found or is not executable: ` +
                    `${configuredPath}. Fix the setting or clear it to use ${exports.SERVER_EXECUTABLE} from PATH.`,
            };
        }
        return { command, args: [], origin: "wscodes.server.path" };
    }
    const configuredPython = settings.python?.trim() ?? "";
    if (configuredPython !== "") {
        const command = resolveExecutable(configuredPython, host);
        if (command === undefined) {
            return {
                message: `wscodes: the Python interpreter set in "wscodes.server.python" was not found or is not executable: ` +
                    `${configuredPython}. Point it at a Python that has wscodes installed, or clear it.`,
            };
        }
        return { command, args: ["-m", "lsp_server"], origin: "wscodes.server.python" };
    }
    const fromPath = findOnPath(exports.SERVER_EXECUTABLE, host);
    if (fromPath === undefined) {
        return {
            message: `wscodes: the language server "${exports.SERVER_EXECUTABLE}" was not found on PATH. ${exports.INSTALL_HINT}, ` +
                `or set "wscodes.server.path" (the executable) or "wscodes.server.python" (a Python with wscodes installed).`,
        };
    }
    return { command: fromPath, args: [], origin: "PATH" };
}
function isMissing(result) {
    return "message" in result;
}
//# sourceMappingURL=serverCommand.js.map