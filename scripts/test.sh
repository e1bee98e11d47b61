#!/usr/bin/env bash
# The whole test suite: a venv with the dependencies, then pytest (arguments are passed on).
# The suite also needs Debian's chromium (browser tests) and the PostgreSQL server on
# 127.0.0.1:5432 (store tests); this script does not install or start them — .ci/run does, on
# a fresh machine. Without them those tests fail (they never skip).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e ".[dev,ocr]"
exec .venv/bin/python -m pytest "$@"
