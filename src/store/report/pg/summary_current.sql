-- PostgreSQL version of ../summary_current.sql: $N parameters, jsonb for the
-- meeting list, sums cast back to BIGINT (SUM of a BIGINT is NUMERIC here).
-- summary.sql over as_of_current.sql, for the same case (no report is dated
-- after the as-of date $1): the same parameters, the same rows. The measures
-- are counted per meeting, category, lead ministry and current status (all
-- in the measures_summary index); each meeting is joined once per group. A
-- measure never reported on (no status_date) is silent since its meeting, so
-- its meeting's date decides for all such measures of a group at once.
SELECT g.meeting_id, g.category_id, g.lead_ministry_id,
       CAST(SUM(g.total) AS BIGINT) AS total,
       CAST(SUM(CASE WHEN g.status = 'planned' THEN g.total ELSE 0 END) AS BIGINT) AS planned,
       CAST(SUM(CASE WHEN g.status = 'in-progress' THEN g.total ELSE 0 END) AS BIGINT) AS in_progress,
       CAST(SUM(CASE WHEN g.status = 'completed' THEN g.total ELSE 0 END) AS BIGINT) AS completed,
       CAST(SUM(CASE WHEN g.status = 'delayed' THEN g.total ELSE 0 END) AS BIGINT) AS delayed,
       CAST(SUM(CASE WHEN g.status = 'dropped' THEN g.total ELSE 0 END) AS BIGINT) AS dropped,
       CAST(SUM(CASE WHEN g.open THEN g.due_before ELSE 0 END) AS BIGINT) AS overdue,
       CAST(SUM(CASE WHEN g.open
                     THEN g.silent + CASE WHEN mt.held_on < $4 THEN g.never ELSE 0 END
                     ELSE 0 END) AS BIGINT) AS stale
  FROM (SELECT m.meeting_id, m.category_id, m.lead_ministry_id, m.status,
               m.status IN ('planned', 'in-progress', 'delayed') AS open,
               COUNT(*) AS total,
               COUNT(CASE WHEN m.due_date < $1 THEN 1 END) AS due_before,
               COUNT(CASE WHEN m.status_date < $4 THEN 1 END) AS silent,
               COUNT(CASE WHEN m.status_date IS NULL THEN 1 END) AS never
          FROM measures m
         WHERE m.meeting_id IN (SELECT mt.id FROM meetings mt
                                 WHERE mt.held_on <= $1
                                   AND ($2 IS NULL OR mt.code IN (SELECT jsonb_array_elements_text(CAST($2 AS jsonb)))))
           AND ($3 IS NULL OR m.lead_ministry_id = $3)
         GROUP BY m.meeting_id, m.category_id, m.lead_ministry_id, m.status) g
  JOIN meetings mt ON mt.id = g.meeting_id
 GROUP BY g.meeting_id, g.category_id, g.lead_ministry_id
