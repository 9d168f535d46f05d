"""A stop() that has nothing to do with closing: a call of stop() proves nothing."""


def stop(timer, delay):
    timer.cancel(delay)
