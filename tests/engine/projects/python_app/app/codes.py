"""The close codes this chat service uses (a project's own constants, in their own module)."""

GOING_AWAY = 1001
SESSION_EXPIRED = 4003
LINK_LOST = 1006  # never sent: the server only compares received codes with it
TWICE = 4010


class ChatClose:
    BANNED = 4008
    LOST = 1006
    NO_CODE = 1005


def pick(kind):
    # a local of a function: it defines nothing for the other files
    SESSION_EXPIRED = 1015
    return kind or SESSION_EXPIRED
