// A browser chat client. `wscode check examples/` finds the close-code mistakes in it.
const RECONNECT_DELAY_MS = 1000;
const CLOSE_SESSION_EXPIRED = 4001;

let socket;

function connect(url) {
  socket = new WebSocket(url);

  socket.addEventListener("close", (event) => {
    // Comparing against 1006 is right: the browser reports it when the connection dropped.
    if (event.code === 1006) {
      setTimeout(() => connect(url), RECONNECT_DELAY_MS);
    }
    if (event.code === CLOSE_SESSION_EXPIRED) {
      refreshToken().then(() => connect(url));
    }
  });

  socket.addEventListener("error", () => {
    // Mistake: 1006 is never sent, and a browser's close() throws InvalidAccessError for it.
    socket.close(1006);
  });
}

window.addEventListener("beforeunload", () => {
  // Mistake: only 1000 and 3000–4999 are allowed from a script; 1001 throws.
  socket.close(1001, "page unload");
});

function logout() {
  socket.close(1000, "user logged out");
}
