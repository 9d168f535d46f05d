package demo

import okhttp3.WebSocket

fun finish(socket: WebSocket) {
    socket.close(StreamClose.DONE, "done")
}

fun broken(socket: WebSocket) {
    socket.close(StreamClose.NO_STATUS, null) // expect: WSC001
}
