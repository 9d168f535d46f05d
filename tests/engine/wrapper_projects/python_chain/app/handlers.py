from app.session import fail_session


async def on_crash(ws):
    await fail_session(ws, 1006)  # expect: WSC001


async def on_policy(ws):
    await fail_session(ws, 1008)
