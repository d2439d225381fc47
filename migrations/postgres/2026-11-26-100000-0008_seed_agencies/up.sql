-- The Korean central government as of 2023 (ministries, the Office for Government
-- Policy Coordination, the 처, the commissions and the 청), the Office of the
-- President, and the local governments named in the seed press release.
-- English names are the agencies' official English names.
INSERT INTO agencies (code, name_ko, name_en) VALUES
    -- 부 (ministries)
    ('MOEF',   '기획재정부',         'Ministry of Economy and Finance'),
    ('MOE',    '교육부',             'Ministry of Education'),
    ('MSIT',   '과학기술정보통신부', 'Ministry of Science and ICT'),
    ('MOFA',   '외교부',             'Ministry of Foreign Affairs'),
    ('MOU',    '통일부',             'Ministry of Unification'),
    ('MOJ',    '법무부',             'Ministry of Justice'),
    ('MND',    '국방부',             'Ministry of National Defense'),
    ('MOIS',   '행정안전부',         'Ministry of the Interior and Safety'),
    ('MPVA',   '국가보훈부',         'Ministry of Patriots and Veterans Affairs'),
    ('MCST',   '문화체육관광부',     'Ministry of Culture, Sports and Tourism'),
    ('MAFRA',  '농림축산식품부',     'Ministry of Agriculture, Food and Rural Affairs'),
    ('MOTIE',  '산업통상자원부',     'Ministry of Trade, Industry and Energy'),
    ('MOHW',   '보건복지부',         'Ministry of Health and Welfare'),
    ('ME',     '환경부',             'Ministry of Environment'),
    ('MOEL',   '고용노동부',         'Ministry of Employment and Labor'),
    ('MOGEF',  '여성가족부',         'Ministry of Gender Equality and Family'),
    ('MOLIT',  '국토교통부',         'Ministry of Land, Infrastructure and Transport'),
    ('MOF',    '해양수산부',         'Ministry of Oceans and Fisheries'),
    ('MSS',    '중소벤처기업부',     'Ministry of SMEs and Startups'),
    -- 국무조정실
    ('OPC',    '국무조정실',         'Office for Government Policy Coordination'),
    -- 처
    ('MPM',    '인사혁신처',         'Ministry of Personnel Management'),
    ('MOLEG',  '법제처',             'Ministry of Government Legislation'),
    ('MFDS',   '식품의약품안전처',   'Ministry of Food and Drug Safety'),
    -- 위원회 (commissions)
    ('KFTC',   '공정거래위원회',     'Korea Fair Trade Commission'),
    ('FSC',    '금융위원회',         'Financial Services Commission'),
    ('PIPC',   '개인정보보호위원회', 'Personal Information Protection Commission'),
    ('KCC',    '방송통신위원회',     'Korea Communications Commission'),
    ('ACRC',   '국민권익위원회',     'Anti-Corruption and Civil Rights Commission'),
    ('NSSC',   '원자력안전위원회',   'Nuclear Safety and Security Commission'),
    -- 청
    ('NTS',    '국세청',             'National Tax Service'),
    ('KCS',    '관세청',             'Korea Customs Service'),
    ('PPS',    '조달청',             'Public Procurement Service'),
    ('KOSTAT', '통계청',             'Statistics Korea'),
    ('KIPO',   '특허청',             'Korean Intellectual Property Office'),
    ('KMA',    '기상청',             'Korea Meteorological Administration'),
    ('KFS',    '산림청',             'Korea Forest Service'),
    ('KDCA',   '질병관리청',         'Korea Disease Control and Prevention Agency'),
    ('KNPA',   '경찰청',             'Korean National Police Agency'),
    ('NFA',    '소방청',             'National Fire Agency'),
    ('CHA',    '문화재청',           'Cultural Heritage Administration'),
    ('MMA',    '병무청',             'Military Manpower Administration'),
    ('DAPA',   '방위사업청',         'Defense Acquisition Program Administration'),
    ('KCG',    '해양경찰청',         'Korea Coast Guard'),
    ('OKA',    '재외동포청',         'Overseas Koreans Agency'),
    ('SDA',    '새만금개발청',       'Saemangeum Development and Investment Agency'),
    ('NAACC',  '행정중심복합도시건설청', 'National Agency for Administrative City Construction'),
    -- 대통령비서실
    ('OOP',    '대통령비서실',       'Office of the President'),
    -- 지방자치단체 (local governments)
    ('SEOUL',    '서울특별시', 'Seoul Metropolitan Government'),
    ('INCHEON',  '인천광역시', 'Incheon Metropolitan City'),
    ('CHUNGBUK', '충청북도',   'Chungcheongbuk-do');

-- Aliases are stored normalized: lower case, white space removed.
-- Every agency is found by its code, its Korean name and its English name ...
INSERT INTO agency_aliases (alias, agency_id)
    SELECT lower(replace(code, ' ', '')), id FROM agencies
    WHERE code IN (
        'MOEF', 'MOE', 'MSIT', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'MPVA', 'MCST',
        'MAFRA', 'MOTIE', 'MOHW', 'ME', 'MOEL', 'MOGEF', 'MOLIT', 'MOF', 'MSS', 'OPC',
        'MPM', 'MOLEG', 'MFDS', 'KFTC', 'FSC', 'PIPC', 'KCC', 'ACRC', 'NSSC', 'NTS',
        'KCS', 'PPS', 'KOSTAT', 'KIPO', 'KMA', 'KFS', 'KDCA', 'KNPA', 'NFA', 'CHA',
        'MMA', 'DAPA', 'KCG', 'OKA', 'SDA', 'NAACC', 'OOP', 'SEOUL', 'INCHEON', 'CHUNGBUK'
    );

INSERT INTO agency_aliases (alias, agency_id)
    SELECT lower(replace(name_ko, ' ', '')), id FROM agencies
    WHERE code IN (
        'MOEF', 'MOE', 'MSIT', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'MPVA', 'MCST',
        'MAFRA', 'MOTIE', 'MOHW', 'ME', 'MOEL', 'MOGEF', 'MOLIT', 'MOF', 'MSS', 'OPC',
        'MPM', 'MOLEG', 'MFDS', 'KFTC', 'FSC', 'PIPC', 'KCC', 'ACRC', 'NSSC', 'NTS',
        'KCS', 'PPS', 'KOSTAT', 'KIPO', 'KMA', 'KFS', 'KDCA', 'KNPA', 'NFA', 'CHA',
        'MMA', 'DAPA', 'KCG', 'OKA', 'SDA', 'NAACC', 'OOP', 'SEOUL', 'INCHEON', 'CHUNGBUK'
    );

INSERT INTO agency_aliases (alias, agency_id)
    SELECT lower(replace(name_en, ' ', '')), id FROM agencies
    WHERE code IN (
        'MOEF', 'MOE', 'MSIT', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'MPVA', 'MCST',
        'MAFRA', 'MOTIE', 'MOHW', 'ME', 'MOEL', 'MOGEF', 'MOLIT', 'MOF', 'MSS', 'OPC',
        'MPM', 'MOLEG', 'MFDS', 'KFTC', 'FSC', 'PIPC', 'KCC', 'ACRC', 'NSSC', 'NTS',
        'KCS', 'PPS', 'KOSTAT', 'KIPO', 'KMA', 'KFS', 'KDCA', 'KNPA', 'NFA', 'CHA',
        'MMA', 'DAPA', 'KCG', 'OKA', 'SDA', 'NAACC', 'OOP', 'SEOUL', 'INCHEON', 'CHUNGBUK'
    );

-- ... and by the short names used in press releases and ministry reports
-- (already normalized: no spaces, nothing to lower-case).
INSERT INTO agency_aliases (alias, agency_id)
    SELECT v.column1, a.id
    FROM (VALUES
        ('기재부',     'MOEF'),
        ('경제부총리', 'MOEF'),
        ('과기정통부', 'MSIT'),
        ('과기부',     'MSIT'),
        ('산업부',     'MOTIE'),
        ('복지부',     'MOHW'),
        ('국토부',     'MOLIT'),
        ('중기부',     'MSS'),
        ('개보위',     'PIPC'),
        ('식약처',     'MFDS'),
        ('행안부',     'MOIS'),
        ('문체부',     'MCST'),
        ('농식품부',   'MAFRA'),
        ('고용부',     'MOEL'),
        ('노동부',     'MOEL'),
        ('여가부',     'MOGEF'),
        ('해수부',     'MOF'),
        ('보훈부',     'MPVA'),
        ('공정위',     'KFTC'),
        ('금융위',     'FSC'),
        ('방통위',     'KCC'),
        ('권익위',     'ACRC'),
        ('원안위',     'NSSC'),
        ('질병청',     'KDCA'),
        ('방사청',     'DAPA'),
        ('해경',       'KCG'),
        ('인천시',     'INCHEON'),
        ('인천',       'INCHEON'),
        ('충북',       'CHUNGBUK'),
        ('서울시',     'SEOUL'),
        ('서울',       'SEOUL'),
        ('대통령실',   'OOP')
    ) AS v
    JOIN agencies AS a ON a.code = v.column2;
