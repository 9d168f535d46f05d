from app.closing import close_with, stop


async def on_timeout(ws):
    await close_with(ws, 1006)  # expect: WSC001


async def on_done(ws):
    await close_with(ws, 1000, "bye")


async def on_overload(ws):
    await close_with(ws, reason="busy", code=1015)  # expect: WSC001


async def on_stop(ws, timer):
    await stop(ws, 1006)  # two files define stop(): no finding
    stop(timer, 1005)
