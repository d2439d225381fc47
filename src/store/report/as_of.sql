-- The measures in scope and their last report as it stood on the as-of date.
-- Parameters: ?1 as-of date; ?2 meeting codes as a JSON array, or NULL for
-- all; ?3 lead ministry id, or NULL for all.
-- A measure exists once its meeting has been held (held_on <= as-of). Its
-- status as of the date is its report with the greatest reported_on <= as-of
-- (UNIQUE (measure_id, reported_on) makes it one row); without one it is
-- 'planned' with no progress. Each measure finds that report with one seek
-- in the (measure_id, reported_on) index, backwards from the as-of date, and
-- reads it by its rowid: no pass over the whole history, no temporary index
-- and the measures stay in the order of the index they are read by.
-- (PostgreSQL reads as_of_grouped.sql instead: it hashes both sides.)
-- The due date as of the date (@due) is the column itself, or, when a
-- revision was decided after the date, the due date before the first such
-- revision (`plan::Due`); original_due is NULL for a measure never revised.
-- @status, @progress, @verdict and @assessment are the view's (`super::sql`):
-- as reported, its status and progress are the report's and no assessment is
-- read; for the definition of the summary, the report's with its `verdict`
-- as of the date (its latest assessment made on or before ?1, one seek in
-- the assessments_report index); in the assessed view, a disputed report's
-- status and progress are the office's where it gave them.
WITH as_of AS (
    SELECT m.id, m.code, m.title, m.meeting_id, mt.code AS meeting_code,
           m.category_id, m.lead_ministry_id, @due AS due_date, m.original_due, mt.held_on,
           u.reported_on AS last_on, @status AS status, @progress AS progress,
           @open(@status) AS open, @verdict AS verdict
      FROM measures m
      JOIN meetings mt ON mt.id = m.meeting_id
      LEFT JOIN status_updates u ON u.id = (
          SELECT p.id FROM status_updates p
           WHERE p.measure_id = m.id AND p.reported_on <= ?1
           ORDER BY p.reported_on DESC
           LIMIT 1)
      @assessment
     WHERE mt.held_on <= ?1
       AND (?2 IS NULL OR mt.code @in(?2))
       AND (?3 IS NULL OR m.lead_ministry_id = ?3)
)
