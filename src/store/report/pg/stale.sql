-- PostgreSQL version of ../stale.sql: $N parameters, jsonb for the meeting list.
-- Open measures silent since before the cut-off $4 (last report, or the
-- meeting for a measure never reported on), by ministry, longest silent first.
SELECT o.code, o.title, o.meeting_code, o.lead_ministry_id AS ministry_id,
       o.status, o.progress, o.last_on, COALESCE(o.last_on, o.held_on) AS silent_since
  FROM as_of o
 WHERE o.open AND COALESCE(o.last_on, o.held_on) < $4
 ORDER BY o.lead_ministry_id IS NULL, o.lead_ministry_id, silent_since, o.code
