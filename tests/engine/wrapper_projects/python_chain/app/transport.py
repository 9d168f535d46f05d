"""The one place that closes a socket."""


async def close_transport(ws, code, reason=""):
    await ws.close(code=code, reason=reason)
