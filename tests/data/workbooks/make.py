"""Makes the test workbooks of tests/cli_workbooks.rs with openpyxl, as a
ministry's office program would save them. make.sh runs this, then has
LibreOffice convert some of them (.xls, .ods, formulas with cached values).

    pip install openpyxl==3.1.5 && python3 make.py

The generated files are committed: `cargo test` needs neither Python nor
LibreOffice.
"""
import datetime
import os

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["과제코드", "과제명", "기준일", "추진상황", "진척률", "비고"]
# Measures of 보건복지부 and 기획재정부 in examples/esm-5-measures.csv.
ROWS = [
    ("esm-5-05", "보건의료 데이터 개방 및 표준화", "추진중", 70, "3분기 실적"),
    ("esm-5-05-1", "국가재정으로 구축된 데이터 개방·공유 의무화", "완료", 100, "공유 의무화 완료"),
    ("esm-5-05-3", "의료기관 EMR 데이터 표준화 인증제도", "지연", 30, "인증 기준 협의 지연"),
]
DAY = datetime.date(2024, 9, 30)


def save(wb, name):
    # Fixed document times, so that running this again gives the same files.
    wb.properties.created = datetime.datetime(2024, 10, 1, 9, 0, 0)
    wb.properties.modified = datetime.datetime(2024, 10, 1, 9, 0, 0)
    wb.save(os.path.join(HERE, name))


def updates_cover():
    """A cover sheet, a title and a unit line above the header, the report
    date merged down its column as a date cell, an empty row and a note
    below the table."""
    wb = Workbook()
    cover = wb.active
    cover.title = "표지"
    cover["B3"] = "2024년 3분기 과제 추진현황 보고"
    cover["B5"] = "보건복지부 기획조정실"
    ws = wb.create_sheet("추진현황")
    ws["A1"] = "2024년 3분기 과제 추진현황"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    ws["F2"] = "(단위: %)"
    ws.append(HEADER)
    for i, (code, title, status, progress, note) in enumerate(ROWS):
        ws.append([code, title, DAY if i == 0 else None, status, progress, note])
    ws["C4"].number_format = "yyyy-mm-dd"
    ws.merge_cells("C4:C6")
    ws.append([])
    ws.append(["※ 진척률은 9월 30일 기준 누적 실적입니다."])
    save(wb, "updates-cover.xlsx")


def updates_flat():
    """The same report, plain: one header, a date cell a row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "추진현황"
    ws.append(HEADER)
    for code, title, status, progress, note in ROWS:
        ws.append([code, title, DAY, status, progress, note])
        ws.cell(ws.max_row, 3).number_format = "yyyy-mm-dd"
    save(wb, "updates-flat.xlsx")


def updates_percent():
    """Progress typed as percent cells: 0.7 shown as 70%, 1 as 100%, and
    0.3 as 30%."""
    wb = Workbook()
    ws = wb.active
    ws.title = "추진현황"
    ws.append(HEADER)
    for code, title, status, progress, note in ROWS:
        ws.append([code, title, DAY, status, progress / 100, note])
        ws.cell(ws.max_row, 3).number_format = "yyyy-mm-dd"
        ws.cell(ws.max_row, 5).number_format = "0%"
    save(wb, "updates-percent.xlsx")


def updates_formula():
    """Progress as a formula (=30+40); openpyxl stores no cached value,
    LibreOffice adds it when make.sh converts the file."""
    wb = Workbook()
    ws = wb.active
    ws.title = "추진현황"
    ws.append(HEADER)
    ws.append(["esm-5-05", "보건의료 데이터 개방 및 표준화", DAY, "추진중", "=30+40", "수식"])
    ws["C2"].number_format = "yyyy-mm-dd"
    save(wb, "updates-formula-nocache.xlsx")


def measures_merged():
    """A new meeting's measures with the meeting's columns merged down the
    table, as ministries lay such tables out."""
    wb = Workbook()
    ws = wb.active
    ws.title = "과제목록"
    ws.append(["회의코드", "개최일", "회의명", "과제코드", "과제명", "분야", "소관부처", "목표일"])
    held = datetime.date(2024, 3, 14)
    rows = [
        ("esm-6-01", "반도체 인력 양성", "regulation-easing", "교육부", "2025-12"),
        ("esm-6-02", "전력망 확충", "regulation-easing", "기획재정부", "2026-06"),
        ("esm-6-03", "용수 공급 지원", "regulation-easing", "기획재정부", "2025-06"),
    ]
    for i, (code, title, category, ministry, due) in enumerate(rows):
        first = i == 0
        ws.append(
            [
                "esm-6" if first else None,
                held if first else None,
                "제6차 수출전략회의" if first else None,
                code,
                title,
                category,
                ministry,
                due,
            ]
        )
    ws["B2"].number_format = "yyyy-mm-dd"
    for col in "ABC":
        ws.merge_cells(f"{col}2:{col}4")
    save(wb, "measures-merged.xlsx")


def empty():
    wb = Workbook()
    wb.active.title = "Sheet1"
    save(wb, "empty.xlsx")


def broken():
    """A workbook cut off in transfer: the first 600 bytes of one."""
    with open(os.path.join(HERE, "updates-flat.xlsx"), "rb") as f:
        head = f.read(600)
    with open(os.path.join(HERE, "broken.xlsx"), "wb") as f:
        f.write(head)


if __name__ == "__main__":
    updates_cover()
    updates_flat()
    updates_percent()
    updates_formula()
    measures_merged()
    empty()
    broken()
