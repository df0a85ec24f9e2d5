#!/usr/bin/env bash
# Creates .venv with every Python package the project needs (pinned by requirements/constraints.txt).
# System pieces (PostgreSQL, a JDK, Maven) are installed on first use by shomei_devtools, from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

pick_python() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$candidate"; return
    fi
  done
  return 1
}

if ! PYTHON=$(pick_python); then
  echo "Python 3.11 is required; installing it from Debian" >&2
  apt-get update -qq && apt-get install -y -qq python3 python3-venv
  PYTHON=$(pick_python)
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt-get update -qq && apt-get install -y -qq python3-venv
    "$PYTHON" -m venv .venv
  fi
fi

.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c requirements/constraints.txt -r requirements/dev.in \
  -e shared -e devtools -e simulators
for service in services/*/; do
  [ -f "$service/pyproject.toml" ] && .venv/bin/python -m pip install -q -c requirements/constraints.txt -e "$service"
done
touch .venv/.installed
echo "Python environment ready in .venv"
