"""The wscodes language server (pygls adapter over core.scan and core.rules)."""
