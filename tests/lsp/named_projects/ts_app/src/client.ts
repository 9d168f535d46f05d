import { CloseCode, Level } from "./codes";

const CLEAN = [CloseCode.Normal, CloseCode.GoingAway]; // hover 1000 1001

export function clean(event: CloseEvent): boolean {
  return CLEAN.includes(event.code);
}

export function broken(event: CloseEvent): boolean {
  return event.code === CloseCode.ProtocolError; // hover 1002
}

export const loud = Level.High;
