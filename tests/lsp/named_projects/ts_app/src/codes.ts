/** The close codes of the chat protocol. */
export enum CloseCode {
  Normal = 1000,
  GoingAway,
  ProtocolError,
}

export enum Level {
  Low = 1,
  High,
}
