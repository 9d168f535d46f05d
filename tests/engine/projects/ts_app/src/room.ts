import WebSocket from "ws";
import { GameClose, HttpStatus, ROOM_FULL } from "./codes";

export function reject(ws: WebSocket) {
  ws.close(ROOM_FULL, "room is full");
}

export function end(ws: WebSocket) {
  ws.close(GameClose.Finished);
}

export function crash(ws: WebSocket) {
  ws.close(GameClose.Crashed, "server crashed"); // expect: WSC001
}

export function missing(ws: WebSocket) {
  ws.close(HttpStatus.NOT_FOUND, "no such room"); // expect: WSC003
}

export function finishHttp(response: { close(status: number): void }) {
  // not a WebSocket: an HTTP status given to something else's close()
  response.close(HttpStatus.GONE);
}
