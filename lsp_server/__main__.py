"""`python -m wscodes.lsp` runs the language server (the same as `wscode-lsp`)."""

from wscodes.lsp.server import main

main()
