-- The summary's figures per (meeting, category, lead ministry): the database
-- counts, the caller rolls these few groups up into meetings, categories,
-- ministries and totals. ?4 is the stale cut-off: an open measure whose last
-- report (or, never reported on, its meeting) is before it is stale.
-- `+due_date` compares the stored text as it is (see summary_current.sql).
SELECT meeting_id, category_id, lead_ministry_id,
       COUNT(*) AS total,
       COUNT(CASE WHEN status = 'planned' THEN 1 END) AS planned,
       COUNT(CASE WHEN status = 'in-progress' THEN 1 END) AS in_progress,
       COUNT(CASE WHEN status = 'completed' THEN 1 END) AS completed,
       COUNT(CASE WHEN status = 'delayed' THEN 1 END) AS delayed,
       COUNT(CASE WHEN status = 'dropped' THEN 1 END) AS dropped,
       COUNT(CASE WHEN open AND +due_date < ?1 THEN 1 END) AS overdue,
       COUNT(CASE WHEN open AND COALESCE(last_on, held_on) < ?4 THEN 1 END) AS stale
  FROM as_of
 GROUP BY meeting_id, category_id, lead_ministry_id
