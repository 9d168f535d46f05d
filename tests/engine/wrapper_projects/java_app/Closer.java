import okhttp3.WebSocket;

final class Closer {
    private Closer() {}

    static void closeWith(WebSocket socket, int code) {
        socket.close(code, null);
    }
}
