// Close codes of a game server, shared by its modules.
export const ROOM_FULL = 4002;

export enum GameClose {
  Finished = 1000,
  Crashed = 1006,
  Kicked = 4004,
}

export const HttpStatus = {
  NOT_FOUND: 404,
  GONE: 410,
};
