#!/bin/sh
# Makes the test workbooks: openpyxl (make.py), then LibreOffice for the
# formats and the cached formula values openpyxl does not write.
#   apt-get install libreoffice-calc-nogui; pip install openpyxl==3.1.5
set -eu
cd "$(dirname "$0")"
python3 make.py
out=$(mktemp -d)
# A profile of its own, so that a running LibreOffice is not disturbed.
lo() { soffice -env:UserInstallation=file://$out/profile --headless --calc "$@" >/dev/null 2>&1; }
lo --convert-to xls --outdir "$out" updates-cover.xlsx
lo --convert-to ods --outdir "$out" updates-flat.xlsx
lo --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$out" updates-formula-nocache.xlsx
lo --convert-to ods --outdir "$out" measures-merged.xlsx
lo --convert-to xls --outdir "$out" measures-merged.xlsx
cp "$out/updates-cover.xls" updates-cover.xls
cp "$out/updates-flat.ods" updates-flat.ods
cp "$out/updates-formula-nocache.xlsx" updates-formula.xlsx
cp "$out/measures-merged.ods" "$out/measures-merged.xls" .
rm -rf "$out"
ls -l
