-- PostgreSQL version of ../as_of_current.sql: $N parameters, jsonb for the
-- meeting list. Used when the as-of date is on or after every stored report:
-- each measure's current status columns then equal its last report as of
-- that date. Same parameters, same columns, no pass over the history.
WITH as_of AS (
    SELECT m.id, m.code, m.title, m.meeting_id, mt.code AS meeting_code,
           m.category_id, m.lead_ministry_id, m.due_date, mt.held_on,
           m.status_date AS last_on, m.status, m.progress,
           m.status IN ('planned', 'in-progress', 'delayed') AS open
      FROM measures m
      JOIN meetings mt ON mt.id = m.meeting_id
     WHERE mt.held_on <= $1
       AND ($2 IS NULL OR mt.code IN (SELECT jsonb_array_elements_text(CAST($2 AS jsonb))))
       AND ($3 IS NULL OR m.lead_ministry_id = $3)
)
