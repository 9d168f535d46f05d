"""Validators of received close codes, written for the wscodes tests."""

VALID_CODES = frozenset({1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014})


class ProtocolError(Exception):
    pass


def is_valid_close_code(code: int) -> bool:  # validator: correct
    return code in VALID_CODES or 3000 <= code <= 4999


def validate_close_code(code: int) -> None:
    if code < 1000 or code >= 5000:
        raise ProtocolError("invalid close code")
    if 1004 <= code <= 1006 or 1012 <= code <= 2999:  # expect: WSC012
        raise ProtocolError("reserved close code")


def close_code_allowed(code: int) -> bool:
    if not 1000 <= code < 5000:
        return False
    if code in (1004, 1005, 1006):
        return False
    return not 1016 <= code <= 2999  # expect: WSC013


def backoff(code: int) -> float:
    """Not a validator: a retry policy."""
    if code in (1012, 1013, 1014):
        return 5.0
    return 0.0
