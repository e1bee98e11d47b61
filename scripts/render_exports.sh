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
today=2018-09-15
seed=samples/001_78cdeab974107ec5.txt  # 沈阳 “满园扩园” 三年行动计划, 沈政办发〔2018〕78号

tz ingest "$seed" >/dev/null
# some history so the sheets show progress, lights and a 督办
$PY - "$work" <<'PYEOF'
import datetime as dt, sys
from taizhang.exports.xlsx import ledger_order
from taizhang.ledger.model import DubanLevel, Light, Status
from taizhang.store import Ledger
led = Ledger(f"sqlite:///{sys.argv[1]}/demo.db")
today = dt.date(2018, 9, 15)
items = sorted(led.list_items(today=today, document="沈政办发〔2018〕78号"), key=ledger_order)
done, going, late = items[1], items[2], items[4]
led.report(done.id, unit=done.lead, actor="demo", today=today, status=Status.DONE, percent=100,
           text="各开发区平台公司已全部组建，运营管理模式已推行。")
led.report(going.id, unit=going.lead, actor="demo", today=today, status=Status.IN_PROGRESS,
           percent=60, text="已确定8个主题产业园区，正在编制建设方案。")
led.report(late.id, unit=late.lead, actor="demo", today=today, status=Status.IN_PROGRESS,
           percent=20, text="已完成前期调研。", problems="部分园区规划调整未获批复")
red = next(i for i in led.list_items(today=today, document="沈政办发〔2018〕78号")
           if i.light is Light.RED)
led.issue_duban(red.id, actor="demo", today=today, level=DubanLevel.DUBAN,
                reason="已超过完成时限，尚未报送进展")
PYEOF
tz export xlsx --document 沈政办发〔2018〕78号 --today $today -o "$work/export-ledger.xlsx" >/dev/null
tz export notice --notice 1 --today $today -o "$work/export-notice.docx" >/dev/null
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
