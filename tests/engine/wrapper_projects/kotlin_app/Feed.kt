import okhttp3.WebSocket

class Feed(private val socket: WebSocket) {
    fun onTls() {
        shutDown(socket, 1015) // expect: WSC001
    }

    fun onDone() {
        shutDown(socket, 1000)
    }
}
