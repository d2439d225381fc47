-- summary.sql over as_of.sql, for SQLite: the same figures, from the same
-- reports (each measure's last report on or before the as-of date ?1, found
-- with one seek backwards in the index status_updates_history, which holds
-- its status too, so no report row is read), counted with far less work per
-- measure. Parameters as in summary.sql, and ?5: NULL for every meeting, or
-- 0 or 1 for the meetings whose id is even or odd (half the work, for a
-- second connection to count the other half on another core).
--
-- The measures are read in the order of the measures_summary index, which
-- holds every column of theirs used here, so the groups (meeting, category,
-- lead ministry) come in order and nothing is sorted. Counting nine figures
-- with nine aggregates costs more than the seeks themselves at a million
-- measures, so each measure is folded into one small number, its tally
-- code, and a group returns its codes as one comma-separated text that the
-- caller counts (`store::report::Tally`):
--
--   code = 4 * status + 2 * silent + due
--   status: 0 no report on or before ?1 (planned, never reported on),
--           1 planned, 2 in-progress, 3 delayed, 4 completed, 5 dropped
--   silent: its last report is before the stale cut-off ?4
--   due:    its due date is before ?1
--
-- A measure never reported on is silent since its meeting: `meeting_silent`
-- says whether the group's meeting is before ?4, once per group.
-- `+column`: see summary_current.sql.
SELECT g.meeting_id, g.category_id, g.lead_ministry_id,
       mt.held_on < ?4 AS meeting_silent, g.codes
  FROM (SELECT m.meeting_id, m.category_id, m.lead_ministry_id,
               group_concat(
                   COALESCE((SELECT 4 * CASE p.status WHEN 'planned' THEN 1
                                                      WHEN 'in-progress' THEN 2
                                                      WHEN 'delayed' THEN 3
                                                      WHEN 'completed' THEN 4
                                                      ELSE 5 END
                                    + 2 * (+p.reported_on < ?4)
                               FROM status_updates p
                              WHERE p.measure_id = m.id AND p.reported_on <= ?1
                              ORDER BY p.reported_on DESC
                              LIMIT 1), 0)
                   + COALESCE(+m.due_date < ?1, 0)) AS codes
          FROM measures m
         WHERE m.meeting_id IN (SELECT mt.id FROM meetings mt
                                 WHERE mt.held_on <= ?1
                                   AND (?2 IS NULL OR mt.code IN (SELECT value FROM json_each(?2)))
                                   AND (?5 IS NULL OR (mt.id & 1) = ?5))
           AND (?3 IS NULL OR m.lead_ministry_id = ?3)
         GROUP BY m.meeting_id, m.category_id, m.lead_ministry_id) g
  JOIN meetings mt ON mt.id = g.meeting_id
