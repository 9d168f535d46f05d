#!/usr/bin/env bash
# Build, unit-test and package the VS Code extension (editors/vscode) into a .vsix.
# Needs Node >= 20 and npm (the npm registry); the .vsix lands in editors/vscode/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../../editors/vscode"

if ! command -v npm >/dev/null 2>&1; then
  echo "vscode.sh: npm not found; install Node.js >= 20 to build the VS Code extension" >&2
  exit 1
fi

npm ci --no-audit --no-fund --loglevel=error
npm run --silent compile
# the unit tests include one against the real server: the wscode-lsp this checkout installed
PATH="$(cd ../.. && pwd)/.venv/bin:$PATH" npm test --silent
npx --no-install vsce package --skip-license --allow-missing-repository --out wscodes.vsix

# The package must carry the compiled extension and its runtime dependency.
python3 - <<'PY'
import sys
import zipfile

names = set(zipfile.ZipFile("wscodes.vsix").namelist())
needed = ["extension/package.json", "extension/out/extension.js", "extension/node_modules/vscode-languageclient/package.json"]
missing = [n for n in needed if n not in names]
if missing:
    sys.exit(f"vscode.sh: wscodes.vsix lacks {missing}")
print(f"vscode.sh: wscodes.vsix OK ({len(names)} files)")
PY
