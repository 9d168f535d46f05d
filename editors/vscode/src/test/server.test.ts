// The extension's two pure halves against the real wscode-lsp, over stdio, without VS Code: the
// command resolveServerCommand picks from PATH, the settings translateSettings produces (sent as
// initializationOptions and answered on workspace/configuration).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import {
  ConfigurationRequest,
  createProtocolConnection,
    DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { isMissing, machineHost, resolveServerCommand } from "../serverCommand";
import { answerConfiguration, type SettingReader, translateSettings, type WscodesServerSettings } from "../settings";

/** What `workspace.getConfiguration("wscodes").get(key)` would return for these user settings. */
function vscodeSettings(values: Record<string, unknown>): SettingReader {
  return (key) => values[key];
}

const URI = "file:///project/closer.py";
const TEXT = "async def give_up(ws):\n    await ws.close(1006)\n\n\nasync def shut_down(ws):\n    await ws.close(1004)\n";

describe("against the real wscode-lsp", { timeout: 30_000 }, () => {
  let connection: ProtocolConnection;
  let settings: WscodesServerSettings;
  const published: PublishDiagnosticsParams[] = [];
  let kill: () => void = () => undefined;

  function nextDiagnostics(count: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const deadline = setTimeout(() => {
        clearInterval(poll);
        reject(new Error("no publishDiagnostics within 15 s"));
      }, 15_000);
      const poll = setInterval(() => {
        if (published.length >= count) {
          clearInterval(poll);
          clearTimeout(deadline);
          resolve(published[count - 1]!);
        }
      }, 20);
    });
  }

  before(async () => {
    const resolved = resolveServerCommand({}, machineHost());
    if (isMissing(resolved)) assert.fail(`${resolved.message} (scripts/test.d/vscode.sh puts .venv/bin on PATH)`);
    const child = spawn(resolved.command, resolved.args, { stdio: ["pipe", "pipe", "inherit"] });
    kill = () => child.kill();
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    settings = translateSettings(vscodeSettings({ rules: { WSC001: "off" }, runtime: "auto" })).settings;
    connection.onRequest(ConfigurationRequest.type, (params) => answerConfiguration(params.items, () => settings));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === URI) published.push(params);
    });
    connection.listen();
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
      initializationOptions: settings,
    });
    assert.ok(init.capabilities.hoverProvider);
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    const grace = new Promise((resolve) => setTimeout(resolve, 3_000).unref());
    try {
      await Promise.race([connection.sendRequest(ShutdownRequest.type), grace]);
      await connection.sendNotification(ExitNotification.type);
    } finally {
      connection.dispose();
      kill();
    }
  });

  it("honours wscodes.rules from the translated settings", async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: "python", version: 1, text: TEXT },
    });
    const first = await nextDiagnostics(1);
    const codes = first.diagnostics.map((d) => d.code);
    assert.ok(codes.includes("WSC002"), JSON.stringify(codes));
    assert.ok(!codes.includes("WSC001"), JSON.stringify(codes));
  });
});
