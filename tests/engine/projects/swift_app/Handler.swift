import NIOWebSocket

final class Handler {
    let socket: Socket
    let peer: RawPeer

    init(socket: Socket, peer: RawPeer) {
        self.socket = socket
        self.peer = peer
    }

    func inactive() {
        // the project's Socket.close(code:) replaces 1006 before sending: nothing to report
        let dropped = WebSocketErrorCode.unknown(1006)
        socket.close(code: dropped)
    }

    func inactivePeer() {
        // another type's close: nothing says it replaces the code
        let dropped = WebSocketErrorCode.unknown(1006)
        peer.close(code: dropped) // expect: WSC001
    }
}
