-- The verdicts of the current reports, per (meeting, category, lead
-- ministry): the fast summaries (summary_current.sql, summary_history.sql)
-- read no assessment and count every current report as unassessed; these
-- counts move the assessed ones to their verdict (`figures::Verdicts`).
-- Read from the assessments alone, so its cost is the assessments', not the
-- measures'. Parameters as in summary.sql (?1 as-of, ?2 meetings, ?3
-- ministry), and ?4: NULL, or 0 or 1 for the meetings whose id is even or
-- odd (as summary_history.sql's ?5). An assessment counts when it is its
-- report's latest made on or before ?1 and its report is its measure's
-- last on or before ?1. @verdicts is one COUNT a verdict figure.
SELECT m.meeting_id, m.category_id, m.lead_ministry_id,
       @verdicts
  FROM assessments a
  JOIN status_updates u ON u.id = a.update_id
  JOIN measures m ON m.id = u.measure_id
  JOIN meetings mt ON mt.id = m.meeting_id
 WHERE a.assessed_on <= ?1
   AND a.id = (SELECT x.id FROM assessments x
                WHERE x.update_id = a.update_id AND x.assessed_on <= ?1
                ORDER BY x.assessed_on DESC, x.id DESC
                LIMIT 1)
   AND u.reported_on = (SELECT MAX(p.reported_on) FROM status_updates p
                         WHERE p.measure_id = u.measure_id AND p.reported_on <= ?1)
   AND mt.held_on <= ?1
   AND (?2 IS NULL OR mt.code @in(?2))
   AND (?3 IS NULL OR m.lead_ministry_id = ?3)
   AND (@int(?4) IS NULL OR (mt.id & 1) = ?4)
 GROUP BY m.meeting_id, m.category_id, m.lead_ministry_id
