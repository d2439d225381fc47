-- as_of.sql as PostgreSQL reads it: the same rows by another road. Where
-- SQLite seeks each measure's last report in the index, PostgreSQL groups
-- the history once and hash-joins it: `last` finds every measure's date in
-- one grouped pass, then one lookup per measure fetches the report itself.
-- Same parameters, same columns.
WITH last AS (
    SELECT u.measure_id, MAX(u.reported_on) AS last_on
      FROM status_updates u
     WHERE u.reported_on <= ?1
     GROUP BY u.measure_id
),
as_of AS (
    SELECT m.id, m.code, m.title, m.meeting_id, mt.code AS meeting_code,
           m.category_id, m.lead_ministry_id, @due AS due_date, m.original_due, mt.held_on,
           l.last_on, @status AS status, @progress AS progress,
           @open(@status) AS open, @verdict AS verdict
      FROM measures m
      JOIN meetings mt ON mt.id = m.meeting_id
      LEFT JOIN last l ON l.measure_id = m.id
      LEFT JOIN status_updates u ON u.measure_id = m.id AND u.reported_on = l.last_on
      @assessment
     WHERE mt.held_on <= ?1
       AND (?2 IS NULL OR mt.code @in(?2))
       AND (?3 IS NULL OR m.lead_ministry_id = ?3)
)
