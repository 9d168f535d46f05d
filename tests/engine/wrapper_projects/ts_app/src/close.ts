import WebSocket from "ws";

export function closeWith(socket: WebSocket, code: number, reason = ""): void {
  socket.close(code, reason);
}
