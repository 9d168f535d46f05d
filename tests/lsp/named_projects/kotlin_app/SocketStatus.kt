package demo

import okhttp3.WebSocket

class SocketStatus(val code: Int, val reason: String) {
    companion object {
        const val NORMAL_CLOSURE = 1000
        const val POLICY_VIOLATION = 1008
        val GOING_AWAY = SocketStatus(1001, "Going away")
    }

    fun send(socket: WebSocket) {
        socket.close(code, reason)
    }
}
