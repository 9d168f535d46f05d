"""A second module that happens to define TWICE differently: which one a file means is unclear."""

TWICE = 4011
