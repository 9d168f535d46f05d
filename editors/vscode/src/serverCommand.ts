// How the extension finds the language server. Plain TypeScript (no `vscode` import) so that
// it is unit-tested with node's test runner outside VS Code.
import * as fs from "node:fs";
import * as path from "node:path";

/** The `wscodes.server.*` settings. Empty strings mean "not set". */
export interface ServerSettings {
  path?: string;
  python?: string;
}

/** What the resolver needs from the machine; injected so tests don't depend on it. */
export interface Host {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  isExecutable(file: string): boolean;
  /** Folder to resolve relative setting values against (the first workspace folder), if any. */
  workspaceFolder?: string;
}

export interface ServerCommand {
  command: string;
  args: string[];
  /** Which setting (or PATH) the command came from, for messages. */
  origin: "wscodes.server.path" | "wscodes.server.python" | "PATH";
}

export interface MissingServer {
  /** A message a person can act on. */
  message: string;
}

export const SERVER_EXECUTABLE = "wscode-lsp";
export const INSTALL_HINT = "Install it with `pip install wscodes` (or `pipx install wscodes`)";

function expandWorkspaceFolder(value: string, host: Host): string {
  let expanded = value.trim();
  if (host.workspaceFolder !== undefined) {
    expanded = expanded.split("${workspaceFolder}").join(host.workspaceFolder);
  }
  if (expanded === "~" || expanded.startsWith("~/")) {
    const home = host.env.HOME ?? host.env.USERPROFILE;
    if (home) expanded = home + expanded.slice(1);
  }
  return expanded;
}

function pathApi(host: Host): path.PlatformPath {
  return host.platform === "win32" ? path.win32 : path.posix;
}

/** A setting value that names a file: absolute, or relative to the workspace folder. */
function settingToFile(value: string, host: Host): string {
  const p = pathApi(host);
  const expanded = expandWorkspaceFolder(value, host);
  if (p.isAbsolute(expanded) || host.workspaceFolder === undefined) return expanded;
  // A bare command name ("python3") is looked up on PATH, like a shell would.
  if (!expanded.includes("/") && !expanded.includes("\\")) return expanded;
  return p.resolve(host.workspaceFolder, expanded);
}

/** Look an executable up on PATH (with PATHEXT on Windows). */
export function findOnPath(name: string, host: Host): string | undefined {
  const p = pathApi(host);
  const pathVar = host.env.PATH ?? host.env.Path ?? "";
  const separator = host.platform === "win32" ? ";" : ":";
  const extensions =
    host.platform === "win32"
      ? ["", ...(host.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").map((e) => e.toLowerCase())]
      : [""];
  for (const dir of pathVar.split(separator)) {
    if (dir === "") continue;
    for (const ext of extensions) {
      const candidate = p.join(dir, name + ext);
      if (host.isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function resolveExecutable(value: string, host: Host): string | undefined {
  const file = settingToFile(value, host);
  const p = pathApi(host);
  if (p.isAbsolute(file)) return host.isExecutable(file) ? file : undefined;
  return findOnPath(file, host);
}

/**
 * Decide how to start the server: `wscodes.server.path`, else `wscodes.server.python -m wscodes.lsp`,
 * else `wscode-lsp` on PATH. A configured value that doesn't exist is an error (we don't silently
 * fall back to something else than what the user asked for).
 */
export function resolveServerCommand(settings: ServerSettings, host: Host): ServerCommand | MissingServer {
  const configuredPath = settings.path?.trim() ?? "";
  if (configuredPath !== "") {
    const command = resolveExecutable(configuredPath, host);
    if (command === undefined) {
      return {
        message:
          `wscodes: the language server set in "wscodes.server.path" was not found or is not executable: ` +
          `${configuredPath}. Fix the setting or clear it to use ${SERVER_EXECUTABLE} from PATH.`,
      };
    }
    return { command, args: [], origin: "wscodes.server.path" };
  }

  const configuredPython = settings.python?.trim() ?? "";
  if (configuredPython !== "") {
    const command = resolveExecutable(configuredPython, host);
    if (command === undefined) {
      return {
        message:
          `wscodes: the Python interpreter set in "wscodes.server.python" was not found or is not executable: ` +
          `${configuredPython}. Point it at a Python that has wscodes installed, or clear it.`,
      };
    }
    return { command, args: ["-m", "wscodes.lsp"], origin: "wscodes.server.python" };
  }

  const fromPath = findOnPath(SERVER_EXECUTABLE, host);
  if (fromPath === undefined) {
    return {
      message:
        `wscodes: the language server "${SERVER_EXECUTABLE}" was not found on PATH. ${INSTALL_HINT}, ` +
        `or set "wscodes.server.path" (the executable) or "wscodes.server.python" (a Python with wscodes installed).`,
    };
  }
  return { command: fromPath, args: [], origin: "PATH" };
}

export function isMissing(result: ServerCommand | MissingServer): result is MissingServer {
  return "message" in result;
}

/** Whether `file` is a file this process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The real machine: this process's platform and environment. */
export function machineHost(workspaceFolder?: string): Host {
  return { platform: process.platform, env: process.env, isExecutable: isExecutableFile, workspaceFolder };
}
