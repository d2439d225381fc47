-- The seeded policy areas. Users can add more; input matches the code, the
-- Korean name or the English name, any case, spaces ignored.
INSERT INTO categories (code, name_ko, name_en) VALUES
    ('regulation-easing',   '규제 개선',         'Regulation easing'),
    ('data-opening',        '데이터 개방·표준화', 'Data opening and standardization'),
    ('compensation-system', '보상체계',          'Compensation system'),
    ('rnd-collaboration',   '연구협력',          'R&D collaboration'),
    ('infrastructure',      '인프라',            'Infrastructure'),
    ('talent',              '인재 양성',         'Talent'),
    ('investment',          '투자·금융',         'Investment and finance'),
    ('international',       '국제협력',          'International cooperation'),
    ('other',               '기타',              'Other');
