-- The reports the review queue looks at (`crate::review` decides which go
-- to it): every stored report not assessed on or before ?1 (the day it is
-- looked at), with what the rules read: its measure's lead ministry and
-- meeting, and the report of its measure before it (one seek back in the
-- status_updates_history index). ?2 meeting codes as a JSON array or NULL,
-- ?3 lead ministry id or NULL; ?4 an import id, ?5 a report id, or NULL:
-- only the reports an import wrote, or one report. In the order of the
-- queue, by code and date: the database sorts, the caller reads one row at
-- a time.
SELECT m.code, u.reported_on, u.status, u.progress, u.reported_by_id,
       r.name_ko AS reported_by, m.lead_ministry_id, mt.held_on,
       p.status AS previous_status, p.progress AS previous_progress
  FROM status_updates u
  JOIN measures m ON m.id = u.measure_id
  JOIN meetings mt ON mt.id = m.meeting_id
  LEFT JOIN agencies r ON r.id = u.reported_by_id
  LEFT JOIN status_updates p ON p.id = (
      SELECT q.id FROM status_updates q
       WHERE q.measure_id = u.measure_id AND q.reported_on < u.reported_on
       ORDER BY q.reported_on DESC
       LIMIT 1)
 WHERE NOT EXISTS (SELECT 1 FROM assessments a
                    WHERE a.update_id = u.id AND a.assessed_on <= ?1)
   AND (?2 IS NULL OR mt.code @in(?2))
   AND (?3 IS NULL OR m.lead_ministry_id = ?3)
   AND (@int(?4) IS NULL OR u.import_id = ?4)
   AND (@int(?5) IS NULL OR u.id = ?5)
 ORDER BY m.code, u.reported_on
