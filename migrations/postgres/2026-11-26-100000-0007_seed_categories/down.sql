-- Removes exactly the seeded categories (fails, as it should, while measures use them).
DELETE FROM categories WHERE code IN (
    'regulation-easing', 'data-opening', 'compensation-system', 'rnd-collaboration',
    'infrastructure', 'talent', 'investment', 'international', 'other'
);
