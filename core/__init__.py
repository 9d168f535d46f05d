"""wscodes core: the WebSocket close-code registry, search, team codes, scanner and rules.

Pure Python, no I/O at import, and nothing here imports a front end (pygls, slack_bolt).
"""

from .errors import ConfigError, WscodesError
from .registry import CloseCode, CodeRange, Retry, Sender, Status, classify, data, lookup

__all__ = [
    "CloseCode",
    "CodeRange",
    "ConfigError",
    "Retry",
    "Sender",
    "Status",
    "WscodesError",
    "classify",
    "data",
    "lookup",
]
