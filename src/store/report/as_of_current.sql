-- as_of.sql when the as-of date is on or after every stored report: then each
-- measure's last report on or before it is its latest report, which its
-- current status, progress and status_date equal (they are written with the
-- report; a measure never reported on is 'planned' with no progress
-- and no date), and no due date was revised after it. Same parameters, same
-- columns, no pass over the history.
WITH as_of AS (
    SELECT m.id, m.code, m.title, m.meeting_id, mt.code AS meeting_code,
           m.category_id, m.lead_ministry_id, m.due_date, m.original_due, mt.held_on,
           m.status_date AS last_on, m.status, m.progress,
           @open(m.status) AS open
      FROM measures m
      JOIN meetings mt ON mt.id = m.meeting_id
     WHERE mt.held_on <= ?1
       AND (?2 IS NULL OR mt.code @in(?2))
       AND (?3 IS NULL OR m.lead_ministry_id = ?3)
)
