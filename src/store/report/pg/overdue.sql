-- PostgreSQL version of ../overdue.sql: $N parameters, jsonb for the meeting list.
-- Open measures due before the as-of date, most overdue first.
SELECT o.code, o.title, o.meeting_code, a.name_ko AS ministry,
       o.due_date - DATE '1970-01-01' AS due_day,
       o.status, o.progress, o.last_on - DATE '1970-01-01' AS last_day
  FROM as_of o
  LEFT JOIN agencies a ON a.id = o.lead_ministry_id
 WHERE o.open AND o.due_date < $1
   AND ($4::integer IS NULL OR (o.meeting_id & 1) = $4)
 ORDER BY o.due_date, o.code
