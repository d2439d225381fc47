"""Checks the HTML reports in headless Chromium; see run.sh.

usage: check.py BINARY OUTDIR
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from html import escape as html_escape

BIN, OUT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
AS_OF = "2025-01-15"
WIDTHS = (390, 1280)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
# The page in a frame `width` px wide (a headless window is at least 500 px
# wide), and a script that reads its layout once it is drawn: how wide the
# page is, and the table cells narrower than three Korean syllables that
# hold text longer than that (a title squeezed to a syllable per line).
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="border:0;width:{width}px;height:1400px" srcdoc="{page}"></iframe>
<script>
document.getElementById('f').addEventListener('load', () => {{
  const doc = document.getElementById('f').contentDocument;
  const root = doc.documentElement;
  const squeezed = [...doc.querySelectorAll('td')].filter(td =>
    td.textContent.trim().length > 3 && td.getBoundingClientRect().width < 40);
  document.body.setAttribute('data-probe',
    'scroll=' + root.scrollWidth + ' client=' + root.clientWidth +
    ' squeezed=' + squeezed.length);
}});
</script></body></html>"""

failures = []


def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def chromium(profile, *args):
    return run("chromium", *FLAGS, "--user-data-dir=" + profile, *args, timeout=120)


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def data(db, work):
    """The example meeting, and a second one with 80 measures overdue."""
    pt = lambda *a: run(BIN, "--db", db, "--quiet", *a)
    pt("init")
    pt("import", os.path.join(EXAMPLES, "esm-5-measures.csv"))
    pt("import", os.path.join(EXAMPLES, "esm-5-updates-2023q4.csv"))
    ministries = ["과학기술정보통신부", "보건복지부", "산업통상자원부", "중소벤처기업부", "기획재정부"]
    rows = [
        "meeting_code,meeting_date,meeting_title,measure_code,title,category,"
        "lead_ministry,due_date,status,progress,status_date"
    ]
    for i in range(1, 81):
        rows.append(
            f"esm-6,2024-02-01,제6차 수출전략회의,esm-6-{i:02d},"
            f"첨단산업 클러스터 활성화를 위한 규제 특례와 인프라 지원 방안 {i}호 과제,"
            f"infrastructure,{ministries[i % 5]},2024-{1 + i % 12:02d}-28,"
            f"{['지연', '추진중', '계획'][i % 3]},{(i * 7) % 100},2024-03-{1 + i % 28:02d}"
        )
    path = os.path.join(work, "esm-6.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    pt("import", path)


def main():
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp()
    try:
        db = os.path.join(work, "browser.db")
        data(db, work)
        for lang in ("ko", "en"):
            for report in ("summary", "overdue", "stale"):
                page(db, work, lang, report)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nscreenshots and PDFs in {OUT}")
    if failures:
        print(f"{len(failures)} failed")
        sys.exit(1)


def page(db, work, lang, report):
    name = f"{report}-{lang}"
    html = os.path.join(OUT, name + ".html")
    run(BIN, "--db", db, "--lang", lang, "report", report, "--as-of", AS_OF,
        "--format", "html", "-o", html)
    with open(html, encoding="utf-8") as f:
        text = f.read()
    if report == "summary":
        more = "외 30건" if lang == "ko" else "and 30 more"
        check(more in text, f"{name}: the overdue list is cut at 50 ({more!r})")
    for width in WIDTHS:
        framed = os.path.join(work, f"{name}-{width}.html")
        with open(framed, "w", encoding="utf-8") as f:
            f.write(FRAME.format(width=width, page=html_escape(text, quote=True)))
        profile = tempfile.mkdtemp(dir=work)
        window = f"--window-size={max(width, 500)},1400"
        dom = chromium(profile, window, "--dump-dom", "file://" + framed)
        found = re.search(r'data-probe="scroll=(\d+) client=(\d+) squeezed=(\d+)"', dom)
        check(found is not None, f"{name} @{width}: the page reports its layout")
        if found:
            scroll, client, squeezed = map(int, found.groups())
            check(client == width, f"{name} @{width}: laid out {client} px wide")
            check(scroll <= width, f"{name} @{width}: scrollWidth {scroll} <= {width}")
            check(squeezed == 0, f"{name} @{width}: {squeezed} table cells squeezed narrower than a word")
        shot = os.path.join(OUT, f"{name}-{width}.png")
        chromium(profile, window, "--screenshot=" + shot, "file://" + framed)
        check(os.path.exists(shot), f"{name} @{width}: screenshot {shot}")
    pdf = os.path.join(OUT, name + ".pdf")
    profile = tempfile.mkdtemp(dir=work)
    chromium(profile, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + html)
    pages = run("pdftotext", "-layout", pdf, "-").split("\f")
    pages = [p for p in pages if p.strip()]
    check(len(pages) >= 2, f"{name}: printed on {len(pages)} A4 pages")
    if len(pages) >= 2:
        first = next(line for line in pages[1].splitlines() if line.strip())
        header = {
            ("ko", "summary"): "과제코드",
            ("ko", "overdue"): "과제코드",
            ("ko", "stale"): "과제코드",
        }.get((lang, report), "code")
        check(header in first, f"{name}: page 2 starts with a table header: {first.strip()!r}")


main()
