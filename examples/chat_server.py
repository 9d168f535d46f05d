"""A Starlette/FastAPI chat server. `wscode check examples/` finds the close-code mistakes in it."""

from fastapi import FastAPI, WebSocket, WebSocketDisconnect, status

app = FastAPI()
CLOSE_NORMAL = 1006  # Mistake: the name says 1000, the value is 1006.
SESSION_EXPIRED = 4001


@app.websocket("/chat")
async def chat(websocket: WebSocket) -> None:
    await websocket.accept()
    token = websocket.query_params.get("token")
    if token is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="missing token")
        return
    try:
        while True:
            message = await websocket.receive_text()
            if len(message) > 65536:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                return
            await websocket.send_text(message)
    except WebSocketDisconnect as exc:
        if exc.code == 1006:  # fine: comparing against a received code
            print("client vanished")
    except Exception:
        # Mistake: 1006 must never be sent; after an unexpected error send 1011.
        await websocket.close(code=1006)


async def expire(websocket: WebSocket) -> None:
    await websocket.close(code=SESSION_EXPIRED, reason="session expired")
