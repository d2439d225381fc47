-- summary.sql over as_of_current.sql, for the same case (no report is dated
-- after the as-of date ?1): the same parameters, the same rows, computed in
-- less work. The measures are counted per meeting, category, lead ministry
-- and current status in the order of the measures_summary index, which holds
-- every column read here, so no table row is read and nothing is sorted;
-- each meeting is joined once per group instead of once per measure. A
-- measure never reported on (no status_date) is silent since its meeting, so
-- its meeting's date decides for all such measures of a group at once.
-- @counts counts each condition a figure can add (due, silent, ...) per
-- status, @summed_figures sums them into the figures (`store::report::figures`).
-- @plus(column), `+column` on SQLite: the dates are compared as the text they are stored as,
-- without first trying, for every measure, to read them as numbers (the
-- DATE columns' numeric affinity); the order of ISO dates is the same.
SELECT g.meeting_id, g.category_id, g.lead_ministry_id,
       @summed_figures
  FROM (SELECT m.meeting_id, m.category_id, m.lead_ministry_id, m.status,
               @open(m.status) AS open,
               @counts
          FROM measures m
         WHERE m.meeting_id IN (SELECT mt.id FROM meetings mt
                                 WHERE mt.held_on <= ?1
                                   AND (?2 IS NULL OR mt.code @in(?2)))
           AND (?3 IS NULL OR m.lead_ministry_id = ?3)
         GROUP BY m.meeting_id, m.category_id, m.lead_ministry_id, m.status) g
  JOIN meetings mt ON mt.id = g.meeting_id
 GROUP BY g.meeting_id, g.category_id, g.lead_ministry_id
