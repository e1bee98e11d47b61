#!/usr/bin/env bash
# Render what the exports look like: a 台账 xlsx, a 督办通知单 and a monthly 调度 report, each to
# PNG in docs/img/ (LibreOffice headless → PDF → pdftoppm). Not part of the tests.
# Needs: apt-get install -y libreoffice-calc libreoffice-writer poppler-utils fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
TZ="$PY -c 'import sys; from taizhang.cli import main; sys.argv[0]=\"taizhang\"; main()'"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "缺少 $tool：apt-get install -y libreoffice-calc libreoffice-writer poppler-utils fonts-noto-cjk" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TAIZHANG_DB="sqlite:///$work/demo.db"
# offices have 仿宋_GB2312, 黑体, 方正小标宋; here each is drawn by the nearest Noto CJK face
cat > "$work/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
XML
export FONTCONFIG_FILE="$work/fonts.conf"
tz() { eval "$TZ" '"$@"'; }
today=2023-07-15

$PY tests/exports/sample_sheet.py "$work/office.xlsx" >/dev/null
tz import-sheet "$work/office.xlsx" --jurisdiction 沈阳市 >/dev/null
# some history so the sheets show progress, lights and a 督办
$PY - "$work" <<'PYEOF'
import datetime as dt, sys
from taizhang.ledger.model import DubanLevel, Status
from taizhang.store import Ledger
led = Ledger(f"sqlite:///{sys.argv[1]}/demo.db")
today = dt.date(2023, 7, 15)
items = {i.title[:6] + str(i.seq) + (i.lead or ""): i for i in led.list_items(today=today)}
def first(prefix):
    return next(i for k, i in items.items() if k.startswith(prefix))
led.report(first("推进政务服务").id, unit="市政务服务办", actor="demo", today=today,
           status=Status.IN_PROGRESS, percent=80, text="平台主体已建成，12个区县系统完成对接，剩余1个正在联调。")
led.report(first("推进企业开办").id, unit="市市场监管局", actor="demo", today=today,
           status=Status.DONE, percent=100, text="已实现企业开办全流程1个工作日办结。")
led.report(first("开展营商环境").id, unit="市发展改革委", actor="demo", today=today,
           status=Status.IN_PROGRESS, percent=50, text="已完成一、二季度评价并通报。")
late = first("清理证明事项")
led.issue_duban(late.id, actor="demo", today=today, level=DubanLevel.DUBAN,
                reason="已超过完成时限15天，尚未报送进展")
PYEOF
tz export xlsx --today $today -o "$work/export-ledger.xlsx" >/dev/null
tz export notice --notice 1 --today $today --office 沈阳市人民政府督查室 -o "$work/export-notice.docx" >/dev/null
tz export report --today $today --office 沈阳市人民政府督查室 -o "$work/export-report.docx" >/dev/null

for f in export-ledger.xlsx export-notice.docx export-report.docx; do
  soffice --headless --convert-to pdf --outdir "$work" "$work/$f" >/dev/null 2>&1
  if [[ $f == *.xlsx ]]; then
    # the landscape sheet is printed small: zoom in and keep the top half, where the rows are
    crop=(-r 110 -x 0 -y 0 -W 1287 -H 460)
  else
    crop=(-r 70)
  fi
  pdftoppm -png "${crop[@]}" -f 1 -l 1 -singlefile "$work/${f%.*}.pdf" "docs/img/${f%.*}"
  echo "docs/img/${f%.*}.png"
done
