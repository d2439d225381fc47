-- Open measures due before the as-of date, most overdue first; with ?4 0 or
-- 1, of the meetings whose id is even or odd only (NULL: all).
SELECT o.code, o.title, o.meeting_code, a.name_ko AS ministry,
       unixepoch(o.due_date) / 86400 AS due_day,
       o.status, o.progress, unixepoch(o.last_on) / 86400 AS last_day
  FROM as_of o
  LEFT JOIN agencies a ON a.id = o.lead_ministry_id
 WHERE o.open AND o.due_date < ?1
   AND (?4 IS NULL OR (o.meeting_id & 1) = ?4)
 ORDER BY o.due_date, o.code
