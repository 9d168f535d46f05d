#!/usr/bin/env bash
# Quick start 1: create .venv, install wscodes, and show it working.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .
echo "\$ wscode 1006"
.venv/bin/wscode 1006
if [ -d examples ] && .venv/bin/wscode check --help >/dev/null 2>&1; then
  echo
  echo "\$ wscode check examples/"
  .venv/bin/wscode check examples/ || true   # the examples contain mistakes on purpose
fi
