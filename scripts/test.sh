#!/usr/bin/env bash
# The whole test suite, from a fresh machine: venv, dependencies, Chromium for the browser tests,
# PostgreSQL check, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e ".[dev]"
exec .venv/bin/python -m pytest "$@"
