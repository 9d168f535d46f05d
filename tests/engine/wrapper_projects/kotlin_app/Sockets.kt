import okhttp3.WebSocket

fun shutDown(socket: WebSocket, code: Int) {
    socket.close(code, "bye")
}
