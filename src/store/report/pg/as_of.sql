-- PostgreSQL version of ../as_of.sql: $N parameters, jsonb for the meeting list.
-- The same rows by another road: where SQLite seeks each measure's last report
-- in the index, PostgreSQL groups the history once and hash-joins it.
-- The measures in scope and their last report as it stood on the as-of date.
-- Parameters: $1 as-of date; $2 meeting codes as a JSON array, or NULL for
-- all; $3 lead ministry id, or NULL for all.
-- A measure exists once its meeting has been held (held_on <= as-of). Its
-- status as of the date is its report with the greatest reported_on <= as-of
-- (UNIQUE (measure_id, reported_on) makes it one row); without one it is
-- 'planned' with no progress. `last` finds every measure's date in one
-- grouped pass, then one lookup per measure fetches the report itself.
WITH last AS (
    SELECT u.measure_id, MAX(u.reported_on) AS last_on
      FROM status_updates u
     WHERE u.reported_on <= $1
     GROUP BY u.measure_id
),
as_of AS (
    SELECT m.id, m.code, m.title, m.meeting_id, mt.code AS meeting_code,
           m.category_id, m.lead_ministry_id, m.due_date, mt.held_on,
           l.last_on, COALESCE(u.status, 'planned') AS status, u.progress,
           COALESCE(u.status, 'planned') IN ('planned', 'in-progress', 'delayed') AS open
      FROM measures m
      JOIN meetings mt ON mt.id = m.meeting_id
      LEFT JOIN last l ON l.measure_id = m.id
      LEFT JOIN status_updates u ON u.measure_id = m.id AND u.reported_on = l.last_on
     WHERE mt.held_on <= $1
       AND ($2 IS NULL OR mt.code IN (SELECT jsonb_array_elements_text(CAST($2 AS jsonb))))
       AND ($3 IS NULL OR m.lead_ministry_id = $3)
)
