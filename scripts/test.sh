#!/usr/bin/env bash
# Quick start 2: set up everything the tests need, then lint, type-check and run the suite.
# Used as-is by CI (.ci/run). Needs python3 >= 3.11; installs Debian packages with apt-get
# when run as root (headless editors, browser) and skips that step otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=$(grep -v '^\s*#' .ci/apt-packages.txt | tr '\n' ' ' || true)
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing Debian packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "== note: not root, cannot install:$missing (tests that need them will fail)" >&2
  fi
fi

echo "== python environment"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
.venv/bin/python -m pip install --quiet -r interop/requirements.txt && (cd interop/node && npm ci --no-audit --no-fund --loglevel=error)

for step in scripts/test.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== $step"
  bash "$step"
done

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/python scripts/typecheck.py
echo "== pytest"
.venv/bin/python -m pytest "$@"
