#!/usr/bin/env bash
# Build, unit-test and package the VS Code extension (editors/vscode) for linux-x64, with the
# language server bundled: wheels of wscodes and of what its server needs (bundle.py, from PyPI),
# installed by the extension into a private environment on first start, offline.
# Needs Node >= 20 and npm (the npm registry); the .vsix lands in editors/vscode/ (git-ignored);
# tests/editors/test_vscode_vsix.py unpacks it and runs its server against a real LSP client.
set -euo pipefail
cd "$(dirname "$0")/../../editors/vscode"

if ! command -v npm >/dev/null 2>&1; then
  echo "vscode.sh: npm not found; install Node.js >= 20 to build the VS Code extension" >&2
  exit 1
fi

target=linux-x64
../../.venv/bin/python bundle.py --target "$target"
npm ci --no-audit --no-fund --loglevel=error
rm -rf out  # vsce package must compile by itself (vscode:prepublish), as from a clean checkout
npx --no-install vsce package --target "$target" --out "wscodes-$target.vsix"
# the unit tests include one against the real server: the wscode-lsp this checkout installed
PATH="$(cd ../.. && pwd)/.venv/bin:$PATH" npm test --silent

# The package must carry the compiled extension, its runtime dependency and the bundled server.
python3 - "wscodes-$target.vsix" <<'PY'
import sys
import zipfile

vsix = sys.argv[1]
names = set(zipfile.ZipFile(vsix).namelist())
needed = [
    "extension/package.json",
    "extension/out/extension.js",
    "extension/node_modules/vscode-languageclient/package.json",
    "extension/bundled/wscode_lsp.py",
    "extension/bundled/wheels/requirements.txt",
]
missing = [n for n in needed if n not in names]
if not any(n.startswith("extension/bundled/wheels/wscodes-") for n in names):
    missing.append("extension/bundled/wheels/wscodes-*.whl")
if missing:
    sys.exit(f"vscode.sh: {vsix} lacks {missing}")
print(f"vscode.sh: {vsix} OK ({len(names)} files)")
PY
