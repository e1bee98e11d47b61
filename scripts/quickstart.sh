#!/usr/bin/env bash
# One command from a fresh clone: a virtualenv, taizhang installed, and the demo run on the
# bundled sample documents into an SQLite file (taizhang-demo.db). No other setup.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e .
# byte-compile once: the environment may forbid writing caches at import (PYTHONDONTWRITEBYTECODE),
# and compiling the sources on every start would triple the start-up time of `taizhang parse`
.venv/bin/python -m compileall -q src/taizhang
exec .venv/bin/taizhang demo "$@"
