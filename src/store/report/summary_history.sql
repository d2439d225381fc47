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
-- lead ministry) come in order and nothing is sorted. Counting the figures
-- with one aggregate each costs more than the seeks themselves at a million
-- measures, so each measure is folded into one small number, its tally
-- code, and a group returns its codes as one comma-separated text that the
-- caller counts (`store::report::figures::Tally`, which also renders the two
-- parts of the code: @tally_report from the measure's last report, its
-- status numbered in the order of `Status::ALL` and 0 without a report, and
-- whether it is before the stale cut-off ?4; @tally_measure from the
-- measure, whether it is due before ?1).
-- A measure never reported on is silent since its meeting: `meeting_silent`
-- says whether the group's meeting is before ?4, once per group.
-- `+column` (@plus): see summary_current.sql.
SELECT g.meeting_id, g.category_id, g.lead_ministry_id,
       mt.held_on < ?4 AS meeting_silent, g.codes
  FROM (SELECT m.meeting_id, m.category_id, m.lead_ministry_id,
               group_concat(
                   COALESCE((SELECT @tally_report
                               FROM status_updates p
                              WHERE p.measure_id = m.id AND p.reported_on <= ?1
                              ORDER BY p.reported_on DESC
                              LIMIT 1), 0)
                   + @tally_measure) AS codes
          FROM measures m
         WHERE m.meeting_id IN (SELECT mt.id FROM meetings mt
                                 WHERE mt.held_on <= ?1
                                   AND (?2 IS NULL OR mt.code @in(?2))
                                   AND (?5 IS NULL OR (mt.id & 1) = ?5))
           AND (?3 IS NULL OR m.lead_ministry_id = ?3)
         GROUP BY m.meeting_id, m.category_id, m.lead_ministry_id) g
  JOIN meetings mt ON mt.id = g.meeting_id
