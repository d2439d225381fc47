-- The summary's figures per (meeting, category, lead ministry), by their
-- definition: the database counts, the caller rolls these few groups up
-- into meetings, categories, ministries and totals. ?4 is the stale cut-off.
-- @figures is one COUNT a figure, rendered from the table of figures
-- (`store::report::figures`).
SELECT meeting_id, category_id, lead_ministry_id,
       @figures
  FROM as_of
 GROUP BY meeting_id, category_id, lead_ministry_id
