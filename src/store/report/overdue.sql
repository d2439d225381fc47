-- Open measures due before the as-of date, most overdue first.
SELECT o.code, o.title, o.meeting_code, a.name_ko AS ministry,
       unixepoch(o.due_date) / 86400 AS due_day,
       o.status, o.progress, unixepoch(o.last_on) / 86400 AS last_day
  FROM as_of o
  LEFT JOIN agencies a ON a.id = o.lead_ministry_id
 WHERE o.open AND o.due_date < ?1
 ORDER BY o.due_date, o.code
