from app.codes import GOING_AWAY, LINK_LOST, SESSION_EXPIRED, TWICE, ChatClose


async def shutdown(websocket):
    await websocket.close(code=GOING_AWAY)


async def expire(websocket):
    await websocket.close(code=SESSION_EXPIRED, reason="session expired")


async def drop(websocket):
    await websocket.close(code=ChatClose.LOST)  # expect: WSC001


async def quiet(websocket):
    await websocket.close(ChatClose.NO_CODE)  # expect: WSC001


async def ambiguous(websocket):
    await websocket.close(code=TWICE)


async def forwarded(websocket, LINK_LOST):
    # a parameter: the caller's value, not the module's constant
    await websocket.close(code=LINK_LOST)


async def watch(websocket):
    if websocket.close_code == LINK_LOST:
        return "reconnect"
    return None
