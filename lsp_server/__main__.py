"""`python -m lsp_server` runs the language server (the same as `wscode-lsp`)."""

from lsp_server.server import main

main()
