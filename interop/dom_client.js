// One scenario against the raw peer, through the WHATWG WebSocket API (Node's built-in WebSocket
// and Chromium's). Resolves to what the application saw: the CloseEvent's code, or the exception
// close() threw. Loaded as a module by node/harness.mjs and as a script by browser.py.
export function measureDom(WS, url, scenario, arg) {
  return new Promise((resolve) => {
    const out = {};
    const ws = new WS(url);
    const timer = setTimeout(() => {
      out.error = out.error ?? "timeout";
      resolve(out);
    }, 3000);
    ws.onerror = () => {
      out.error_event = true;
    };
    ws.onopen = () => {
      if (scenario !== "send") return;
      try {
        ws.close(arg, "");
      } catch (e) {
        out.error = `${e.name}: ${e.message}`;
        ws.close(1000);
      }
    };
    ws.onclose = (e) => {
      clearTimeout(timer);
      out.app_code = e.code;
      out.was_clean = e.wasClean;
      resolve(out);
    };
  });
}
