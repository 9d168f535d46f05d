// The OkHttp client under test (interop/measure.py builds and runs it).
//
//   java OkHttpPeer BASE_URL PATH...
//
// For each PATH it opens a WebSocket to BASE_URL+PATH and plays the scenario the path names
// against the raw peer; it prints {"results": {PATH: {"app_code": ..., "error": ...}}} as JSON.
// send/N: WebSocket.close(N, "") from onOpen; when close() throws, the connection is cancelled
// (no Close frame), so what is on the wire is OkHttp's own doing. Any other scenario: the code
// onClosing reports (app_code), answered the way OkHttp's documentation shows, close(1000, null),
// or the Throwable onFailure reports (error).
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

public class OkHttpPeer {
  static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  static Map<String, Object> run(OkHttpClient client, String url, String path) {
    Map<String, Object> out = new LinkedHashMap<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    String[] parts = path.replaceAll("^/", "").split("/");
    WebSocketListener listener =
        new WebSocketListener() {
          @Override
          public void onOpen(WebSocket ws, Response response) {
            if (!parts[0].equals("send")) return;
            try {
              ws.close(Integer.parseInt(parts[1]), "");
            } catch (RuntimeException e) {
              out.put("error", describe(e));
              out.put("no_fallback", true);
              ws.cancel();
              done.complete(null);
            }
          }

          @Override
          public void onClosing(WebSocket ws, int code, String reason) {
            out.put("app_code", code);
            ws.close(1000, null);
          }

          @Override
          public void onClosed(WebSocket ws, int code, String reason) {
            done.complete(null);
          }

          @Override
          public void onFailure(WebSocket ws, Throwable t, Response response) {
            if (!parts[0].equals("send") || !out.containsKey("app_code")) {
              out.putIfAbsent("error", describe(t));
            }
            out.putIfAbsent("app_code", null);
            done.complete(null);
          }
        };
    WebSocket ws = client.newWebSocket(new Request.Builder().url(url + path).build(), listener);
    try {
      done.get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      out.putIfAbsent("error", "timeout");
      ws.cancel();
    }
    return out;
  }

  static String json(Object v) {
    if (v == null) return "null";
    if (v instanceof Number || v instanceof Boolean) return v.toString();
    if (v instanceof Map) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (b.length() > 1) b.append(',');
        b.append(json(e.getKey().toString())).append(':').append(json(e.getValue()));
      }
      return b.append('}').toString();
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : v.toString().toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  public static void main(String[] args) {
    OkHttpClient client = new OkHttpClient();
    Map<String, Object> results = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) results.put(args[i], run(client, args[0], args[i]));
    System.out.println(json(Map.of("results", results)));
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    System.exit(0);
  }
}
