// The VS Code side of wscodes: start wscode-lsp, hand it the `wscodes.*` settings, say clearly
// when it can't be started. All decisions live in serverCommand.ts and settings.ts (unit-tested).
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { LANGUAGES, TEAM_FILES } from "./languages";
import * as path from "node:path";
import { type Bundle, INSTALL_HINT, isMissing, machineHost, resolveServerCommand } from "./serverCommand";
import { answerConfiguration, SECTION, translateSettings, type WscodesServerSettings } from "./settings";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let extensionContext: vscode.ExtensionContext | undefined;

/** The Python extension's selected interpreter, if it is installed and has one (its public API). */
async function pythonExtensionInterpreter(): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension("ms-python.python");
  if (extension === undefined) return undefined;
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const environments = api?.environments;
    const active = environments?.getActiveEnvironmentPath?.(vscode.workspace.workspaceFolders?.[0]?.uri);
    if (active === undefined) return undefined;
    const resolved = await environments.resolveEnvironment?.(active);
    return resolved?.executable?.uri?.fsPath ?? active.path;
  } catch (error) {
    output?.appendLine(`wscodes: could not ask the Python extension for its interpreter: ${String(error)}`);
    return undefined;
  }
}

async function bundle(usePythonExtension: boolean): Promise<Bundle | undefined> {
  if (extensionContext === undefined) return undefined;
  return {
    script: path.join(extensionContext.extensionPath, "bundled", "wscode_lsp.py"),
    storage: extensionContext.globalStorageUri.fsPath,
    pythonExtensionInterpreter: usePythonExtension ? await pythonExtensionInterpreter() : undefined,
  };
}

function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function serverSettings(scopeUri?: string): WscodesServerSettings {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)?.uri.fsPath) ?? firstWorkspaceFolder();
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const { settings, problems } = translateSettings((key) => config.get(key), folder);
  for (const problem of problems) output?.appendLine(problem);
  return settings;
}

async function showMissingServer(message: string): Promise<void> {
  const openSettings = "Open Settings";
  const choice = await vscode.window.showErrorMessage(message, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "wscodes.server");
  }
}

async function startClient(): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const usePythonExtension = config.get<boolean>("server.usePythonExtension") ?? false;
  const resolved = resolveServerCommand(
    { path: config.get<string>("server.path"), python: config.get<string>("server.python"), usePythonExtension },
    machineHost(firstWorkspaceFolder()),
    await bundle(usePythonExtension),
  );
  if (isMissing(resolved)) {
    output?.appendLine(resolved.message);
    void showMissingServer(resolved.message);
    return;
  }
  output?.appendLine(`Starting ${[resolved.command, ...resolved.args].join(" ")} (from ${resolved.origin})`);

  const serverOptions: ServerOptions = {
    command: resolved.command,
    args: resolved.args,
    transport: TransportKind.stdio,
    options: resolved.env ? { env: { ...process.env, ...resolved.env } } : undefined,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
      ]),
      ...TEAM_FILES.map((pattern) => ({ scheme: "file", pattern })),
    ],
    initializationOptions: serverSettings(),
    outputChannel: output,
    middleware: {
      workspace: {
        configuration: (params) => answerConfiguration(params.items, serverSettings),
      },
    },
  };
  client = new LanguageClient(SECTION, "wscodes", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    void showMissingServer(
      `wscodes: could not start the language server (${resolved.command}, from ${resolved.origin}): ${reason}. ` +
        `${INSTALL_HINT}, or fix "wscodes.server.path" / "wscodes.server.python".`,
    );
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

async function restartClient(): Promise<void> {
  await stopClient();
  await startClient();
}

/** The team file's code lenses ("sent in 3 places, handled in 2") open the references of the code. */
async function findReferences(uri: string, line: number, character: number): Promise<void> {
  await vscode.commands.executeCommand(
    "editor.action.findReferences",
    vscode.Uri.parse(uri),
    new vscode.Position(line, character),
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionContext = context;
  output = vscode.window.createOutputChannel("wscodes");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("wscodes.restartServer", restartClient),
    vscode.commands.registerCommand("wscodes.showOutput", () => output?.show()),
    vscode.commands.registerCommand("wscodes.findReferences", findReferences),
    // Any wscodes.* change restarts the server: it then starts from the new initializationOptions,
    // so removing an override (e.g. a rule set to "off") takes effect as surely as adding one.
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(SECTION)) await restartClient();
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
