-- Removes the seeded agencies and their aliases (aliases first: the cascade
-- needs foreign keys on, which a migration cannot count on). Fails, as it
-- should, while measures or status updates refer to one of these agencies.
DELETE FROM agency_aliases WHERE agency_id IN (
    SELECT id FROM agencies WHERE code IN (
        'MOEF', 'MOE', 'MSIT', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'MPVA', 'MCST',
        'MAFRA', 'MOTIE', 'MOHW', 'ME', 'MOEL', 'MOGEF', 'MOLIT', 'MOF', 'MSS', 'OPC',
        'MPM', 'MOLEG', 'MFDS', 'KFTC', 'FSC', 'PIPC', 'KCC', 'ACRC', 'NSSC', 'NTS',
        'KCS', 'PPS', 'KOSTAT', 'KIPO', 'KMA', 'KFS', 'KDCA', 'KNPA', 'NFA', 'CHA',
        'MMA', 'DAPA', 'KCG', 'OKA', 'SDA', 'NAACC', 'OOP', 'SEOUL', 'INCHEON', 'CHUNGBUK'
    )
);

DELETE FROM agencies WHERE code IN (
    'MOEF', 'MOE', 'MSIT', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'MPVA', 'MCST',
    'MAFRA', 'MOTIE', 'MOHW', 'ME', 'MOEL', 'MOGEF', 'MOLIT', 'MOF', 'MSS', 'OPC',
    'MPM', 'MOLEG', 'MFDS', 'KFTC', 'FSC', 'PIPC', 'KCC', 'ACRC', 'NSSC', 'NTS',
    'KCS', 'PPS', 'KOSTAT', 'KIPO', 'KMA', 'KFS', 'KDCA', 'KNPA', 'NFA', 'CHA',
    'MMA', 'DAPA', 'KCG', 'OKA', 'SDA', 'NAACC', 'OOP', 'SEOUL', 'INCHEON', 'CHUNGBUK'
);
