-- summary.sql over as_of_current.sql, for the same case (no report is dated
-- after the as-of date ?1): the same parameters, the same rows, computed in
-- less work. The measures are counted per meeting, category, lead ministry
-- and current status in the order of the measures_summary index, which holds
-- every column read here, so no table row is read and nothing is sorted;
-- each meeting is joined once per group instead of once per measure. A
-- measure never reported on (no status_date) is silent since its meeting, so
-- its meeting's date decides for all such measures of a group at once.
-- `+column`: the dates are compared as the text they are stored as, without
-- first trying, for every measure, to read them as numbers (the DATE
-- columns' numeric affinity); the order of ISO dates is the same.
SELECT g.meeting_id, g.category_id, g.lead_ministry_id,
       SUM(g.total) AS total,
       SUM(CASE WHEN g.status = 'planned' THEN g.total ELSE 0 END) AS planned,
       SUM(CASE WHEN g.status = 'in-progress' THEN g.total ELSE 0 END) AS in_progress,
       SUM(CASE WHEN g.status = 'completed' THEN g.total ELSE 0 END) AS completed,
       SUM(CASE WHEN g.status = 'delayed' THEN g.total ELSE 0 END) AS delayed,
       SUM(CASE WHEN g.status = 'dropped' THEN g.total ELSE 0 END) AS dropped,
       SUM(CASE WHEN g.open THEN g.due_before ELSE 0 END) AS overdue,
       SUM(CASE WHEN g.open
                THEN g.silent + CASE WHEN mt.held_on < ?4 THEN g.never ELSE 0 END
                ELSE 0 END) AS stale
  FROM (SELECT m.meeting_id, m.category_id, m.lead_ministry_id, m.status,
               m.status IN ('planned', 'in-progress', 'delayed') AS open,
               COUNT(*) AS total,
               COUNT(CASE WHEN +m.due_date < ?1 THEN 1 END) AS due_before,
               COUNT(CASE WHEN +m.status_date < ?4 THEN 1 END) AS silent,
               COUNT(CASE WHEN m.status_date IS NULL THEN 1 END) AS never
          FROM measures m
         WHERE m.meeting_id IN (SELECT mt.id FROM meetings mt
                                 WHERE mt.held_on <= ?1
                                   AND (?2 IS NULL OR mt.code IN (SELECT value FROM json_each(?2))))
           AND (?3 IS NULL OR m.lead_ministry_id = ?3)
         GROUP BY m.meeting_id, m.category_id, m.lead_ministry_id, m.status) g
  JOIN meetings mt ON mt.id = g.meeting_id
 GROUP BY g.meeting_id, g.category_id, g.lead_ministry_id
