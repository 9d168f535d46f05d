using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

static class Closer
{
    public static async Task CloseWith(WebSocket socket, WebSocketCloseStatus status)
    {
        await socket.CloseOutputAsync(status, "", CancellationToken.None);
    }
}
