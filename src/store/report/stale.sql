-- Open measures silent since before the cut-off ?4 (last report, or the
-- meeting for a measure never reported on), by ministry, longest silent
-- first (@order is the stale list's one ordering).
SELECT o.code, o.title, o.meeting_code, o.lead_ministry_id AS ministry_id,
       o.status, o.progress, o.last_on, COALESCE(o.last_on, o.held_on) AS silent_since
  FROM as_of o
 WHERE o.open AND COALESCE(o.last_on, o.held_on) < ?4
 ORDER BY @order
