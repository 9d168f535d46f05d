"""`wscode check`: the engine's rules over a tree, for CI (listing, prefilter, reports)."""
