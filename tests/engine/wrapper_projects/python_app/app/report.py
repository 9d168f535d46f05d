"""A file of its own close_with: a call of it is not the project's."""


def report(ws, close_with=print):
    close_with(ws, 1006)
