#!/usr/bin/env bash
# One command from a fresh clone: a virtualenv, taizhang installed, the demo run on the bundled
# sample documents into an SQLite file (taizhang-demo.db), then the web app on that ledger at
# http://127.0.0.1:8000 (Ctrl+C stops it). No other setup. `--no-serve` stops after the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e .
rm -f taizhang-demo.db taizhang-demo.db-wal taizhang-demo.db-shm
.venv/bin/taizhang demo --db sqlite:///taizhang-demo.db --today 2018-07-01
if [ "${1:-}" != "--no-serve" ]; then
  echo
  echo "网页端：http://127.0.0.1:8000 （用上面的演示账号登录；Ctrl+C 停止）"
  exec .venv/bin/taizhang serve --db sqlite:///taizhang-demo.db --today 2018-07-01
fi
