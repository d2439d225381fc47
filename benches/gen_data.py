#!/usr/bin/env python3
"""Deterministic synthetic data for the policy-track benchmark.

Writes, into OUT_DIR:

  measures-<N>.csv          N rows in the measures CSV format (README)
  updates-<N>.csv           3 status updates per measure (3 N rows)
  measures-<N>-head<S>.csv  the first S rows of the measures file (a self-
                            contained slice: every parent is an earlier row)

The data imitate what ministries send: ~50 meetings (bm-01 .. bm-50), measure
codes bm-01-000001 .., a quarter of the rows sub-measures whose parent_code
points to an earlier top-level row of the same meeting, Korean titles and
descriptions of varied length (some with commas and quotes, so CSV quoting is
exercised), categories and ministries spelled as codes, Korean names, English
names and short aliases (과기정통부, 복지부), due dates in every accepted form
(2024-12-31, 2024-Q4, 2025년 상반기, 2024.12, ... or empty), and a status with
progress and status_date on about half of the rows, with statuses as codes
or Korean aliases and dates in every accepted form.

Update dates are spread over 2023-07-01 .. 2025-06-30 (never before the
meeting), so `report --as-of 2024-06-30` sees about half of the history.

Only the Python 3 standard library; a fixed seed makes every byte
reproducible (the script prints each file's SHA-256).

Usage: gen_data.py [--n N] [--slice S] [--seed SEED] [--out DIR]
"""

import argparse
import csv
import datetime as dt
import hashlib
import os
import random
import sys

MEASURES_COLUMNS = [
    "meeting_code", "meeting_date", "meeting_title", "measure_code", "parent_code",
    "title", "description", "category", "lead_ministry", "due_date", "status",
    "progress", "status_date", "note",
]
UPDATES_COLUMNS = ["measure_code", "reported_on", "status", "progress", "reported_by", "note"]

MEETINGS = 50
UPDATES_PER_MEASURE = 3
HISTORY_START = dt.date(2023, 7, 1)
HISTORY_END = dt.date(2025, 6, 30)
MEETINGS_START = dt.date(2022, 7, 1)
MEETINGS_END = dt.date(2024, 6, 30)

# migrations/sqlite/*seed_categories*/up.sql: code, Korean name, English name.
CATEGORIES = [
    ("regulation-easing", "규제 개선", "Regulation easing"),
    ("data-opening", "데이터 개방·표준화", "Data opening and standardization"),
    ("compensation-system", "보상체계", "Compensation system"),
    ("rnd-collaboration", "연구협력", "R&D collaboration"),
    ("infrastructure", "인프라", "Infrastructure"),
    ("talent", "인재 양성", "Talent"),
    ("investment", "투자·금융", "Investment and finance"),
    ("international", "국제협력", "International cooperation"),
    ("other", "기타", "Other"),
]

# migrations/sqlite/*seed_agencies*/up.sql: code, Korean name, short aliases.
# The ministries that lead export measures come first and are drawn more often.
AGENCIES = [
    ("MOTIE", "산업통상자원부", ["산업부"]),
    ("MSIT", "과학기술정보통신부", ["과기정통부", "과기부"]),
    ("MOEF", "기획재정부", ["기재부"]),
    ("MSS", "중소벤처기업부", ["중기부"]),
    ("MOHW", "보건복지부", ["복지부"]),
    ("MOLIT", "국토교통부", ["국토부"]),
    ("FSC", "금융위원회", ["금융위"]),
    ("MOFA", "외교부", []),
    ("MFDS", "식품의약품안전처", ["식약처"]),
    ("PIPC", "개인정보보호위원회", ["개보위"]),
    ("KIPO", "특허청", []),
    ("MOE", "교육부", []),
    ("MOEL", "고용노동부", ["고용부", "노동부"]),
    ("MCST", "문화체육관광부", ["문체부"]),
    ("MAFRA", "농림축산식품부", ["농식품부"]),
    ("MOF", "해양수산부", ["해수부"]),
    ("ME", "환경부", []),
    ("MOIS", "행정안전부", ["행안부"]),
    ("KFTC", "공정거래위원회", ["공정위"]),
    ("KCS", "관세청", []),
    ("PPS", "조달청", []),
    ("OPC", "국무조정실", []),
    ("KDCA", "질병관리청", ["질병청"]),
    ("DAPA", "방위사업청", ["방사청"]),
    ("SEOUL", "서울특별시", ["서울시"]),
    ("INCHEON", "인천광역시", ["인천시"]),
    ("CHUNGBUK", "충청북도", ["충북"]),
]
AGENCY_WEIGHTS = [max(1, 30 - 2 * i) for i in range(len(AGENCIES))]

# Statuses with the Korean aliases that ministries write.
STATUSES = {
    "planned": ["계획", "미착수", "착수전", "추진예정"],
    "in-progress": ["추진중", "진행중", "정상추진", "이행중"],
    "completed": ["완료", "이행완료", "조치완료"],
    "delayed": ["지연", "부진", "차질", "지연중"],
    "dropped": ["중단", "철회", "취소", "폐지"],
}

THEMES = [
    "첨단산업 글로벌 클러스터", "디지털 바이오", "반도체 수출 확대", "이차전지 공급망",
    "K-콘텐츠 수출", "방산 수출 지원", "원전 수출", "해외건설 수주", "농식품 수출",
    "중소기업 수출 역량", "수출 금융 지원", "디지털 전환", "탄소중립 산업", "스타트업 해외진출",
    "바이오헬스 혁신", "미래 모빌리티", "우주항공 산업", "해양수산 수출", "관광 활성화",
    "인공지능 반도체",
]
SUBJECTS = [
    "첨단산업", "디지털 바이오", "반도체", "이차전지", "디스플레이", "미래차", "바이오헬스",
    "의료기기", "인공지능", "클라우드", "데이터센터", "수소경제", "원자력", "방위산업", "조선해양",
    "항공우주", "콘텐츠", "농식품", "스마트팜", "화장품", "중소기업", "벤처·스타트업",
    "소재·부품·장비", "로봇", "양자기술", "6G 통신", "플랫폼", "보건의료 데이터",
    "지역 클러스터", "해외 인프라",
]
OBJECTS = [
    "규제 특례", "데이터 개방", "표준화", "인증제도", "전문인력", "연구개발", "실증사업",
    "공동연구", "테스트베드", "공급망", "수출보험", "정책금융", "세제 지원", "투자 유치",
    "해외 마케팅", "통상 협력", "지식재산권", "기술 사업화", "인프라", "제조공정",
    "창업 생태계", "국제 공동개발", "전용 펀드", "바우처", "거점센터",
]
ACTIONS = [
    "추진", "구축", "확대", "지원", "개선", "강화", "도입", "마련", "조성", "고도화",
    "활성화", "제도화", "의무화", "간소화", "개편",
]
DESCRIPTION_PARTS = [
    "관계부처 합동으로 세부 추진계획을 수립하고 분기별로 점검",
    "민간 전문가 자문단을 구성해 현장 애로를 반영",
    "관련 법령 및 고시 개정을 통해 제도적 기반 마련",
    "지방자치단체와 협력해 지역 거점을 중심으로 단계적으로 확산",
    "해외 주요국 사례를 벤치마킹하여 국내 여건에 맞는 모델 설계",
    "예산 확보 및 기금 운용계획 반영을 추진",
    "시범사업 결과를 바탕으로 본사업 전환 여부를 결정",
    "기업 수요조사를 거쳐 지원 대상과 규모를 확정",
    "국제기구 및 해외 연구기관과 양해각서(MOU)를 체결",
    "전담기관을 지정하고 원스톱 지원체계를 구축",
    "성과지표를 설정해 연 2회 이행 실적을 공개",
    "업계 간담회를 정례화하여 \"현장 중심\" 정책 발굴",
    "표준 가이드라인을 배포하고 교육·컨설팅을 병행",
    "민관 합동 투자를 통해 초기 시장 창출을 지원",
    "데이터 공유·활용을 위한 개인정보 보호 장치를 함께 마련",
]
NOTE_PARTS = [
    "관계부처 협의 진행", "추진계획 수립 완료", "예산 확보 추진 중", "법령 개정안 입법예고",
    "시범사업 착수", "수요조사 실시", "업계 의견수렴 완료", "전문가 자문 진행",
    "사업자 선정 절차 진행", "후속 과제 발굴 중", "해외 협력기관과 협의", "성과 점검회의 개최",
    "예산 미확보로 일정 조정", "이해관계자 이견으로 지연", "본사업 전환 검토",
]


def day_between(rng, start, end):
    """A day in [start, end] (inclusive)."""
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, max(span, 0)))


def date_text(rng, d, iso_share):
    """`d` as one of the accepted input forms (README, Input rules); ISO with probability iso_share."""
    if rng.random() < iso_share:
        return d.isoformat()
    form = rng.randrange(5)
    if form == 0:
        return f"{d.year}.{d.month:02}.{d.day:02}"
    if form == 1:
        return f"{d.year}.{d.month}.{d.day}"
    if form == 2:
        return f"{d.year}/{d.month:02}/{d.day:02}"
    if form == 3:
        return f"{d.year}{d.month:02}{d.day:02}"
    return f"{d.year}년 {d.month}월 {d.day}일"


def due_text(rng, meeting_date):
    """A due date in one of the accepted forms, or empty."""
    r = rng.random()
    year = meeting_date.year + rng.randint(1, 2)
    if r < 0.20:
        return ""
    if r < 0.45:
        return day_between(rng, dt.date(year, 1, 1), dt.date(year, 12, 31)).isoformat()
    if r < 0.60:
        return f"{year}-Q{rng.randint(1, 4)}"
    if r < 0.72:
        return f"{year}년 {rng.choice(['상반기', '하반기'])}"
    if r < 0.80:
        return f"{year}년 {rng.randint(1, 4)}분기"
    if r < 0.87:
        return f"{year}{rng.choice(['.', '-'])}{rng.randint(1, 12):02}"
    if r < 0.92:
        return f"{year}-H{rng.randint(1, 2)}"
    if r < 0.97:
        return f"{year}년 {rng.randint(1, 12)}월"
    return str(year)


def category_text(rng, category):
    code, ko, en = category
    r = rng.random()
    if r < 0.5:
        return code
    if r < 0.8:
        return ko if rng.random() < 0.7 else ko.replace(" ", "")
    return en


def agency_text(rng, agency):
    code, ko, aliases = agency
    r = rng.random()
    if r < 0.45 or (r < 0.8 and not aliases):
        return ko
    if r < 0.8:
        return rng.choice(aliases)
    return code


def status_text(rng, status):
    return status if rng.random() < 0.5 else rng.choice(STATUSES[status])


def progress_for(rng, status, floor=0):
    """A progress figure fitting the status, at least `floor`; None for none."""
    if status == "completed":
        return 100
    if status == "dropped":
        return None
    if status == "planned":
        return rng.choice([None, 0, 0, 5, 10])
    if rng.random() < 0.05:
        return None
    low = max(floor, 5)
    return rng.randint(min(low, 95), 95)


def progress_text(rng, progress):
    if progress is None:
        return ""
    form = rng.random()
    if form < 0.6:
        return str(progress)
    if form < 0.9:
        return f"{progress}%"
    return f"{progress}.0"


def next_status(rng, previous):
    """The next reported status: mostly forward, sometimes delayed, rarely dropped."""
    r = rng.random()
    if previous in ("completed", "dropped"):
        return previous
    if r < 0.02:
        return "dropped"
    if r < 0.15:
        return "delayed"
    if previous == "planned" and r < 0.35:
        return "planned"
    if r < 0.80:
        return "in-progress"
    return "completed"


def title_text(rng):
    subject = rng.choice(SUBJECTS)
    obj = rng.choice(OBJECTS)
    action = rng.choice(ACTIONS)
    r = rng.random()
    if r < 0.5:
        return f"{subject} {obj} {action}"
    if r < 0.8:
        return f"{subject} 분야 {obj} {action} 및 {rng.choice(OBJECTS)} {rng.choice(ACTIONS)}"
    return f"{subject}·{rng.choice(SUBJECTS)} {obj} {action}({rng.choice(THEMES)} 연계)"


def object_particle(word):
    """을 after a final consonant, 를 after a vowel (judged before any parenthesis)."""
    last = word.split("(")[0].rstrip()[-1:]
    if last and 0xAC00 <= ord(last) <= 0xD7A3 and (ord(last) - 0xAC00) % 28 == 0:
        return "를"
    return "을"


def description_text(rng, title):
    r = rng.random()
    if r < 0.1:
        return ""
    parts = rng.sample(DESCRIPTION_PARTS, rng.randint(1, 4))
    return f"{title}{object_particle(title)} 위해 " + ", ".join(parts)


def note_text(rng):
    parts = rng.sample(NOTE_PARTS, rng.randint(1, 2))
    return ", ".join(parts)


def meetings(rng):
    """(code, date, title) of every meeting, in date order."""
    days = sorted(day_between(rng, MEETINGS_START, MEETINGS_END) for _ in range(MEETINGS))
    out = []
    for i, day in enumerate(days, start=1):
        title = f"제{i}차 수출전략회의 ({THEMES[(i - 1) % len(THEMES)]} 전략)"
        out.append((f"bm-{i:02}", day, title))
    return out


def generate(n, slice_rows, seed, out_dir):
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    paths = {
        "measures": os.path.join(out_dir, f"measures-{n}.csv"),
        "updates": os.path.join(out_dir, f"updates-{n}.csv"),
        "slice": os.path.join(out_dir, f"measures-{n}-head{slice_rows}.csv"),
    }
    digits = max(6, len(str(n)))
    meeting_list = meetings(rng)
    per_meeting = [n // MEETINGS + (1 if i < n % MEETINGS else 0) for i in range(MEETINGS)]

    with open(paths["measures"], "w", newline="", encoding="utf-8") as mf, \
            open(paths["updates"], "w", newline="", encoding="utf-8") as uf, \
            open(paths["slice"], "w", newline="", encoding="utf-8") as sf:
        mw = csv.writer(mf, lineterminator="\n")
        uw = csv.writer(uf, lineterminator="\n")
        sw = csv.writer(sf, lineterminator="\n")
        mw.writerow(MEASURES_COLUMNS)
        sw.writerow(MEASURES_COLUMNS)
        uw.writerow(UPDATES_COLUMNS)
        written = 0
        for (meeting_code, meeting_date, meeting_title), count in zip(meeting_list, per_meeting):
            recent_parents = []
            for seq in range(1, count + 1):
                code = f"{meeting_code}-{seq:0{digits}}"
                parent = ""
                if recent_parents and rng.random() < 0.25:
                    parent = rng.choice(recent_parents)
                else:
                    recent_parents.append(code)
                    if len(recent_parents) > 20:
                        recent_parents.pop(0)
                title = title_text(rng)
                category = rng.choice(CATEGORIES)
                agency = rng.choices(AGENCIES, AGENCY_WEIGHTS)[0]
                ministry = "" if rng.random() < 0.03 else agency_text(rng, agency)

                status = progress = status_date = note = ""
                first_date = None
                current = "planned"
                level = 0
                if rng.random() < 0.5:
                    current = rng.choice(["planned", "planned", "in-progress", "in-progress", "delayed"])
                    first_date = day_between(
                        rng, meeting_date, min(meeting_date + dt.timedelta(days=180), HISTORY_END))
                    p = progress_for(rng, current)
                    level = p or 0
                    status = status_text(rng, current)
                    progress = progress_text(rng, p)
                    status_date = date_text(rng, first_date, 0.6)
                    note = note_text(rng) if rng.random() < 0.7 else ""

                row = [
                    meeting_code, meeting_date.isoformat(), meeting_title, code, parent,
                    title, description_text(rng, title), category_text(rng, category),
                    ministry, due_text(rng, meeting_date), status, progress, status_date, note,
                ]
                mw.writerow(row)
                if written < slice_rows:
                    sw.writerow(row)
                written += 1

                start = max(HISTORY_START, meeting_date + dt.timedelta(days=1))
                days = set()
                while len(days) < UPDATES_PER_MEASURE:
                    d = day_between(rng, start, HISTORY_END)
                    if d != first_date:
                        days.add(d)
                for day in sorted(days):
                    current = next_status(rng, current)
                    p = progress_for(rng, current, level)
                    level = max(level, p or 0)
                    reporter = agency_text(rng, agency) if rng.random() < 0.9 else ""
                    uw.writerow([
                        code, date_text(rng, day, 0.85), status_text(rng, current),
                        progress_text(rng, p), reporter, note_text(rng) if rng.random() < 0.8 else "",
                    ])
    return paths


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=int(os.environ.get("N", 1_000_000)),
                    help="measures rows (default: $N or 1000000)")
    ap.add_argument("--slice", type=int, default=100_000, help="rows of the head slice (default 100000)")
    ap.add_argument("--seed", type=int, default=20230601, help="random seed (default 20230601)")
    ap.add_argument("--out", default="bench-out/data", help="output directory (default bench-out/data)")
    args = ap.parse_args()
    if args.n < MEETINGS:
        sys.exit(f"gen_data.py: --n {args.n}: too few rows; at least {MEETINGS} (one per meeting)")
    paths = generate(args.n, args.slice, args.seed, args.out)
    for kind, path in paths.items():
        print(f"{kind:8} {path} sha256={sha256(path)}")


if __name__ == "__main__":
    main()
