-- The reports the review queue looks at (`crate::review` decides which go
-- to it): the stored reports not assessed on or before ?1 (the day they are
-- looked at), with what the rules read: the measure's lead ministry and
-- meeting, and the report of the measure before it (one seek back in the
-- index of (measure_id, reported_on)). @only says which reports (`Among`):
-- those of a report's scope (?2 meeting codes as a JSON array or NULL, ?3
-- lead ministry id or NULL), in the queue's order, by code and date (the
-- database sorts, the caller reads one row at a time); or, to count what a
-- write made, those of ids after ?2 up to ?3 (a range of the primary
-- key), or the one of id ?2, in no order.
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
   AND @only
