"""Closing helpers shared by the handlers."""


async def close_with(ws, code, reason=""):
    await ws.close(code=code, reason=reason)


async def stop(ws, code):
    await ws.close(code)
