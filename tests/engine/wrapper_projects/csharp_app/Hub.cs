using System.Net.WebSockets;
using System.Threading.Tasks;

class Hub
{
    async Task Leave(WebSocket socket)
    {
        await Closer.CloseWith(socket, WebSocketCloseStatus.Empty); // expect: WSC001
        await Closer.CloseWith(socket, WebSocketCloseStatus.NormalClosure);
    }
}
