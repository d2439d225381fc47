#!/usr/bin/env python3
"""Writes the import fixtures of tests/cli_import.rs in their encodings.

Run from this folder: python3 make.py. The bytes are committed; this script
says how they were made. The reports are invented test data.
"""

def write(name, text, encoding, bom=b""):
    with open(name, "wb") as f:
        f.write(bom + text.encode(encoding))

# A measures file as Korean Windows Excel saves it: CP949, Korean headers,
# messy values, a quoted description over two lines, CRLF.
measures_cp949 = "\r\n".join([
    "회의코드,회의일,회의명,과제코드,상위과제,과제명,주요내용,분야,소관부처,목표일,추진상황,진척률,기준일,비고",
    "esm-6 , 2023.6.1 ,제6차 수출전략회의,esm-6-01,,반도체 규제 개선,\"첫 줄\r\n둘째 줄\",규제 개선, 과기정통부 ,2024년 하반기,추진 중, 40% ,2023.12.29,협의 진행",
    "esm-6,,,esm-6-02,,데이터 개방,,데이터개방·표준화,복지부,2025-Q4,,,,",
    "esm-6,,,esm-6-02-1,esm-6-02,세부 과제,,data-opening,MOHW,2025.12,완료,100,2024년 6월 28일,",
]) + "\r\n"
write("measures-cp949.csv", measures_cp949, "cp949")

# The same kind of file as UTF-8 with BOM and semicolons (European Excel).
measures_bom = "\n".join([
    "Meeting Code;Meeting Date;Meeting Title;Measure Code;Parent Code;Title;Category;Lead Ministry;Due Date",
    "esm-7;2024-02-01;제7차 수출전략회의;esm-7-01;;수출 금융 확대;investment;기재부;2024-12",
    "esm-7;;;esm-7-02;;인재 양성;talent;MOEL;2025",
]) + "\n"
write("measures-bom-semicolon.csv", measures_bom, "utf-8", b"\xef\xbb\xbf")

# Excel "Unicode text": UTF-16 LE with BOM, tab-separated, Korean headers.
updates_16 = "\r\n".join([
    "과제코드\t기준일\t추진상황\t진척률\t보고부처\t비고",
    "esm-5-01\t2023-12-29\t추진중\t30%\t기재부\t규제 발굴",
    "esm-5-03\t20231229\t정상추진\t25\tMSIT\t",
]) + "\r\n"
write("updates-utf16le.txt", updates_16, "utf-16-le", b"\xff\xfe")
write("updates-utf16be.txt", updates_16, "utf-16-be", b"\xfe\xff")

# Meetings.
meetings = "\n".join([
    "code,title,held_on,location,chair,source",
    "esm-8,제8차 수출전략회의,2023.8.30,청와대 영빈관,대통령,https://example.org/esm-8",
    "esm-9,제9차 수출전략회의,2023년 10월 19일,,,",
]) + "\n"
write("meetings.csv", meetings, "utf-8")

# An updates file with several bad rows, one after a multi-line note.
bad = "\n".join([
    "measure_code,reported_on,status,progress,reported_by,note",
    "esm-5-01,2023-12-29,in-progress,30,기재부,ok",       # 2 good
    "esm-5-02,2023-12-29,완려,10,기재부,\"두 줄\n메모\"",  # 3 bad status (note spans 3-4)
    "esm-5-03,2023-13-01,in-progress,20,MSIT,",            # 5 bad date
    "esm-5-99,2023-12-29,planned,,,",                      # 6 unknown measure
    "esm-5-04,2023-12-29,delayed,140%,국방부청,",           # 7 bad progress and agency
    "esm-5-05,2023-12-29,completed,100,복지부,done",       # 8 good
]) + "\n"
write("updates-bad.csv", bad, "utf-8")

# Bad rows in CP949 with semicolons, for --skip-invalid and its rejects file.
bad_cp949 = "\r\n".join([
    "과제코드;기준일;추진상황;진척률;비고",
    "esm-5-01;2023-12-29;추진중;30;정상",
    "esm-5-02;2023-12-29;보류;10;\"검토; 보류\"",
    "esm-5-03;2023-12-29;완료;100;끝",
]) + "\r\n"
write("updates-bad-cp949.csv", bad_cp949, "cp949")

# The export template as a ministry sends it back: it has a title column.
template = "\n".join([
    "measure_code,title,reported_on,status,progress,note",
    "esm-5-05,보건의료 데이터 개방 및 표준화,2024-06-28,지연,20,예산 부족",
    "esm-5-06,지방자치단체 클러스터 계획 단계부터 육성 지원,,planned,,",
]) + "\n"
write("template.csv", template, "utf-8")

# Valid UTF-8 up to line 3, where a lone 0xFF byte sits.
with open("invalid-utf8.csv", "wb") as f:
    f.write("measure_code,reported_on,status\nesm-5-01,2023-12-29,완료\n".encode("utf-8"))
    f.write(b"esm-5-02,2023-12-29,\xff\n")
