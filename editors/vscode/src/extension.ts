// The VS Code side of wscodes: start wscode-lsp, hand it the `wscodes.*` settings, say clearly
// when it can't be started. All decisions live in serverCommand.ts and settings.ts (unit-tested).
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { LANGUAGES } from "./languages";
import { INSTALL_HINT, isMissing, machineHost, resolveServerCommand } from "./serverCommand";
import { answerConfiguration, SECTION, translateSettings, type WscodesServerSettings } from "./settings";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

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
  const resolved = resolveServerCommand(
    { path: config.get<string>("server.path"), python: config.get<string>("server.python") },
    machineHost(firstWorkspaceFolder()),
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
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
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

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("wscodes");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("wscodes.restartServer", restartClient),
    vscode.commands.registerCommand("wscodes.showOutput", () => output?.show()),
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
