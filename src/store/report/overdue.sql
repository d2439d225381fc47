-- Open measures due before the as-of date, most overdue first (@order is
-- the overdue list's one ordering); with ?4 0 or 1, of the meetings whose id
-- is even or odd only (NULL: all). The dates come as days since 1970-01-01.
-- @against is the due date compared, the current one (`o.due_date`) or the
-- original; @revisions counts the revisions decided by the as-of date (0
-- when there are none at all).
SELECT o.code, o.title, o.meeting_code, a.name_ko AS ministry,
       @day(o.due_date) AS due_day, @day(COALESCE(o.original_due, o.due_date)) AS original_day,
       @day(@against) AS against_day, @revisions AS revisions,
       o.status, o.progress, @day(o.last_on) AS last_day
  FROM as_of o
  LEFT JOIN agencies a ON a.id = o.lead_ministry_id
 WHERE o.open AND @against < ?1
   AND (@int(?4) IS NULL OR (o.meeting_id & 1) = ?4)
 ORDER BY @order
