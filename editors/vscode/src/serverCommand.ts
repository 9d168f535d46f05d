// How the extension finds the language server. Plain TypeScript (no `vscode` import) so that
// it is unit-tested with node's test runner outside VS Code.
import * as fs from "node:fs";
import * as path from "node:path";

/** The `wscodes.server.*` settings. Empty strings mean "not set". */
export interface ServerSettings {
  path?: string;
  python?: string;
  /** Run the bundled server with the Python extension's selected interpreter. */
  usePythonExtension?: boolean;
}

/** The server shipped inside the extension (bundled/wscode_lsp.py and its wheels). */
export interface Bundle {
  /** bundled/wscode_lsp.py: installs the wheels into a private environment once, then starts the server. */
  script: string;
  /** Where the private environments live (the extension's global storage folder). */
  storage: string;
  /** The Python extension's selected interpreter, when it is installed and has one. */
  pythonExtensionInterpreter?: string;
}

/** What the resolver needs from the machine; injected so tests don't depend on it. */
export interface Host {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  isExecutable(file: string): boolean;
  /** Whether a (not necessarily executable) file exists. */
  fileExists?(file: string): boolean;
  /** Folder to resolve relative setting values against (the first workspace folder), if any. */
  workspaceFolder?: string;
}

export interface ServerCommand {
  command: string;
  args: string[];
  /** Which setting (or PATH, or the bundle) the command came from, for messages. */
  origin: "wscodes.server.path" | "wscodes.server.python" | "bundled" | "PATH";
  /** Extra environment for the server process. */
  env?: Record<string, string>;
}

export interface MissingServer {
  /** A message a person can act on. */
  message: string;
}

export const SERVER_EXECUTABLE = "wscode-lsp";
export const INSTALL_HINT = "Install it with `pip install wscodes` (or `pipx install wscodes`)";
export const BUNDLE_ENV = "WSCODES_BUNDLE_ENV";
/** Interpreter names tried on PATH for the bundled server, in order. */
export function pythonNames(platform: NodeJS.Platform): string[] {
  return platform === "win32" ? ["python", "python3"] : ["python3", "python"];
}

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

/** The bundled server, run by the Python extension's interpreter (when preferred) or Python from PATH. */
function bundledCommand(settings: ServerSettings, bundle: Bundle | undefined, host: Host): ServerCommand | undefined {
  if (bundle === undefined || !fileExists(bundle.script, host)) return undefined;
  let python: string | undefined;
  if (settings.usePythonExtension && bundle.pythonExtensionInterpreter) {
    python = resolveExecutable(bundle.pythonExtensionInterpreter, host);
  }
  for (const name of pythonNames(host.platform)) {
    if (python !== undefined) break;
    python = findOnPath(name, host);
  }
  if (python === undefined) return undefined;
  return { command: python, args: [bundle.script], origin: "bundled", env: { [BUNDLE_ENV]: bundle.storage } };
}

function fileExists(file: string, host: Host): boolean {
  return host.fileExists ? host.fileExists(file) : false;
}

/**
 * Decide how to start the server: `wscodes.server.path`, else `wscodes.server.python -m wscodes.lsp`,
 * else the bundled server (with a Python 3.11+), else `wscode-lsp` on PATH. A configured value that
 * doesn't exist is an error (we don't silently fall back to something else than what the user asked for).
 */
export function resolveServerCommand(
  settings: ServerSettings,
  host: Host,
  bundle?: Bundle,
): ServerCommand | MissingServer {
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

  const bundled = bundledCommand(settings, bundle, host);
  if (bundled !== undefined) return bundled;

  const fromPath = findOnPath(SERVER_EXECUTABLE, host);
  if (fromPath === undefined && bundle !== undefined && fileExists(bundle.script, host)) {
    return {
      message:
        `wscodes: the bundled language server needs Python 3.11 or later, and none was found on PATH ` +
        `(${pythonNames(host.platform).join(", ")}). Install Python, or select an interpreter in the Python ` +
        `extension and turn on "wscodes.server.usePythonExtension", or set "wscodes.server.python".`,
    };
  }
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
  return {
    platform: process.platform,
    env: process.env,
    isExecutable: isExecutableFile,
    fileExists: (file) => fs.existsSync(file),
    workspaceFolder,
  };
}
