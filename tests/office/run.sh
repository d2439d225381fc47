#!/bin/sh
# Opens the workbooks policy-track writes in LibreOffice (headless):
#   1. a measures export and a template workbook converted to PDF, then to
#      PNG pages (pdftoppm) to look at;
#   2. a template workbook filled in by a LibreOffice Python macro (through
#      soffice's own Python, as a ministry's office would type the answers)
#      and saved as .xlsx, then imported.
# Not part of `cargo test` or .ci/run: it installs Debian packages.
#   tests/office/run.sh [OUT_DIR]      (default: target/office)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/target/office}
mkdir -p "$out"
out=$(cd "$out" && pwd)
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
    flock /tmp/apt.lock apt-get install -y libreoffice-calc-nogui fonts-noto-cjk poppler-utils python3-uno
fi
cd "$root"
cargo build --quiet
bin=$root/target/debug/policy-track
db=$out/office.db
rm -f "$db" "$out"/*.pdf "$out"/*.png "$out"/*.xlsx
"$bin" --db "$db" init --quiet
for f in examples/esm-5-measures.csv examples/esm-5-updates-2023q4.csv examples/esm-5-updates-2024q2.csv; do
    "$bin" --db "$db" import --quiet "$f"
done
"$bin" --db "$db" export measures -o "$out/measures.xlsx"
"$bin" --db "$db" export template --ministry 보건복지부 -o "$out/template.xlsx"

profile="-env:UserInstallation=file://$out/profile"
for f in measures template; do
    soffice "$profile" --headless --convert-to pdf --outdir "$out" "$out/$f.xlsx" >/dev/null 2>&1
    pdftoppm -png -r 70 "$out/$f.pdf" "$out/$f"
done

# Fill in the template as a person would, through LibreOffice itself: a
# date in 기준일, a status word from the list, a progress, a note; then
# save as .xlsx (Calc MS Excel 2007 XML).
cat > "$out/fill.py" <<'PY'
import sys, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
ctx = resolver.resolve("uno:socket,host=localhost,port=2083;urp;StarOffice.ComponentContext")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
src, dst = sys.argv[1], sys.argv[2]
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
sheet = doc.Sheets.getByName("추진현황")
row = 1
while sheet.getCellByPosition(0, row).getString():
    sheet.getCellByPosition(2, row).setFormula("2024-09-30")
    sheet.getCellByPosition(3, row).setString("완료" if row == 1 else "추진중")
    sheet.getCellByPosition(4, row).setValue(100 if row == 1 else 80)
    sheet.getCellByPosition(5, row).setString("LibreOffice에서 입력")
    row += 1
doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
doc.close(True)
print(f"filled {row - 1} rows")
PY
soffice "$profile" --headless --accept="socket,host=localhost,port=2083;urp;" >/dev/null 2>&1 &
office=$!
for _ in $(seq 1 30); do
    if python3 -c "import socket; socket.create_connection(('localhost', 2083), 1)" 2>/dev/null; then break; fi
    sleep 1
done
/usr/bin/python3 "$out/fill.py" "$out/template.xlsx" "$out/filled.xlsx"
kill "$office" 2>/dev/null || true
"$bin" --db "$db" import "$out/filled.xlsx"
"$bin" --db "$db" export updates | grep 2024-09-30
ls "$out"/*.png
