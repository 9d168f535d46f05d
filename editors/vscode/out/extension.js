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
exports.activate = activate;
exports.deactivate = deactivate;
// The VS Code side of wscodes: start wscode-lsp, hand it the `wscodes.*` settings, say clearly
// when it can't be started. All decisions live in serverCommand.ts and settings.ts (unit-tested).
const fs = __importStar(require("node:fs"));
const vscode = __importStar(require("vscode"));
const node_1 = require("vscode-languageclient/node");
const languages_1 = require("./languages");
const serverCommand_1 = require("./serverCommand");
const settings_1 = require("./settings");
let client;
let output;
function isExecutable(file) {
    try {
        const stat = fs.statSync(file);
        if (!stat.isFile())
            return false;
        if (process.platform === "win32")
            return true;
        fs.accessSync(file, fs.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
function firstWorkspaceFolder() {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}
function serverSettings(scopeUri) {
    const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
    const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)?.uri.fsPath) ?? firstWorkspaceFolder();
    const config = vscode.workspace.getConfiguration(settings_1.SECTION, scope);
    const { settings, problems } = (0, settings_1.translateSettings)((key) => config.get(key), folder);
    for (const problem of problems)
        output?.appendLine(problem);
    return settings;
}
async function showMissingServer(message) {
    const openSettings = "Open Settings";
    const choice = await vscode.window.showErrorMessage(message, openSettings);
    if (choice === openSettings) {
        await vscode.commands.executeCommand("workbench.action.openSettings", "wscodes.server");
    }
}
async function startClient() {
    const config = vscode.workspace.getConfiguration(settings_1.SECTION);
    const host = {
        platform: process.platform,
        env: process.env,
        isExecutable,
        workspaceFolder: firstWorkspaceFolder(),
    };
    const resolved = (0, serverCommand_1.resolveServerCommand)({ path: config.get("server.path"), python: config.get("server.python") }, host);
    if ((0, serverCommand_1.isMissing)(resolved)) {
        output?.appendLine(resolved.message);
        void showMissingServer(resolved.message);
        return;
    }
    output?.appendLine(`Starting ${[resolved.command, ...resolved.args].join(" ")} (from ${resolved.origin})`);
    const serverOptions = {
        command: resolved.command,
        args: resolved.args,
        transport: node_1.TransportKind.stdio,
    };
    const clientOptions = {
        documentSelector: languages_1.LANGUAGES.flatMap((language) => [
            { scheme: "file", language },
            { scheme: "untitled", language },
        ]),
        initializationOptions: serverSettings(),
        outputChannel: output,
        middleware: {
            workspace: {
                configuration: (params) => (0, settings_1.answerConfiguration)(params.items, serverSettings),
            },
        },
    };
    client = new node_1.LanguageClient(settings_1.SECTION, "wscodes", serverOptions, clientOptions);
    try {
        await client.start();
    }
    catch (error) {
        client = undefined;
        const reason = error instanceof Error ? error.message : String(error);
        void showMissingServer(`wscodes: could not start the language server (${resolved.command}, from ${resolved.origin}): ${reason}. ` +
            `${serverCommand_1.INSTALL_HINT}, or fix "wscodes.server.path" / "wscodes.server.python".`);
    }
}
async function stopClient() {
    const running = client;
    client = undefined;
    if (running)
        await running.stop();
}
async function restartClient() {
    await stopClient();
    await startClient();
}
async function activate(context) {
    output = vscode.window.createOutputChannel("wscodes");
    context.subscriptions.push(output, vscode.commands.registerCommand("wscodes.restartServer", restartClient), vscode.commands.registerCommand("wscodes.showOutput", () => output?.show()), vscode.workspace.onDidChangeConfiguration(async (event) => {
        if (event.affectsConfiguration(`${settings_1.SECTION}.server`)) {
            await restartClient();
        }
        else if (event.affectsConfiguration(settings_1.SECTION) && client?.isRunning()) {
            await client.sendNotification(node_1.DidChangeConfigurationNotification.type, {
                settings: { [settings_1.SECTION]: serverSettings() },
            });
        }
    }));
    await startClient();
}
async function deactivate() {
    await stopClient();
}
//# sourceMappingURL=extension.js.map