// Runs scenarios against the raw peer with one Node implementation and prints JSON:
//   node [--experimental-websocket] harness.mjs ws|node BASE_URL PATH...
// {"version": ..., "results": {PATH: {app_code, error, ...}}}
import { createRequire } from "node:module";
import WebSocketWs from "ws";
import { measureDom } from "../dom_client.js";

const require = createRequire(import.meta.url);
const [impl, base, ...paths] = process.argv.slice(2);

function measureWs(url, scenario, arg) {
  return new Promise((resolve) => {
    const out = {};
    const ws = new WebSocketWs(url);
    const timer = setTimeout(() => {
      out.error = out.error ?? "timeout";
      ws.terminate();
      resolve(out);
    }, 3000);
    ws.on("error", (e) => {
      out.error = out.error ?? `${e.name}: ${e.message}`;
    });
    ws.on("open", () => {
      if (scenario !== "send") return;
      try {
        ws.close(arg, "");
      } catch (e) {
        out.error = `${e.name}: ${e.message}`;
        ws.close(1000);
      }
    });
    ws.on("close", (code) => {
      clearTimeout(timer);
      out.app_code = code;
      resolve(out);
    });
  });
}

const version =
  impl === "ws" ? require("ws/package.json").version : `${process.versions.node} (undici ${process.versions.undici})`;
const results = {};
for (const path of paths) {
  const [scenario, n] = path.replace(/^\//, "").split("/");
  const arg = n === undefined ? undefined : Number(n);
  const url = base + path;
  results[path] = impl === "ws" ? await measureWs(url, scenario, arg) : await measureDom(WebSocket, url, scenario, arg);
}
process.stdout.write(JSON.stringify({ version, results }));
