import NIOWebSocket

// The project's own socket type: its close(code:) never puts 1005 or 1006 on the wire.
public final class Socket {
    public func close(code: WebSocketErrorCode) {
        let number = UInt16(webSocketErrorCode: code)
        let sent: WebSocketErrorCode
        if number == 1005 || number == 1006 {
            sent = .normalClosure
        } else {
            sent = code
        }
        write(sent)
    }

    func write(_ code: WebSocketErrorCode) {}
}
