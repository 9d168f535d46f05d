"""A session fails by closing its transport with the code it is given: a close function two files
away from the close call."""

from app.transport import close_transport


async def fail_session(ws, code):
    await close_transport(ws, code, "session failed")


async def end_session(ws):
    await close_transport(ws, 1000, "bye")
