import okhttp3.WebSocket;

final class Feed {
    void onError(WebSocket socket) {
        Closer.closeWith(socket, 1006); // expect: WSC001
    }

    void onDone(WebSocket socket) {
        Closer.closeWith(socket, 1000);
    }
}
