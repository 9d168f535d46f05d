import WebSocket from "ws";
import { closeWith } from "./close";

export function leave(socket: WebSocket): void {
  closeWith(socket, 1005); // expect: WSC001
  closeWith(socket, 1000, "left the room");
}

export function wait(socket: WebSocket): void {
  setTimeout(() => closeWith(socket, 1000), 1006);
}
