-- Status transitions reported in [?1, ?2]: every report whose status differs
-- from the measure's previous report (by reported_on; before the first one a
-- measure is 'planned'). ?3 meeting codes as a JSON array or NULL, ?4 lead
-- ministry id or NULL. The previous report is one seek in the index
-- status_updates_history. The rows come in the changes' one ordering, date
-- and code (@order), so that they can be written out as they come, however
-- many: SQLite's sorter keeps only a few pages of them in memory and the
-- rest in temporary files. How the window is read is the plan's choice: through the
-- reported_on index, which reads each report of the window by its rowid,
-- wherever it lies in the table; or, for a window that holds a good part of
-- the history, in one pass over the table (@scan: SQLite's `NOT INDEXED`,
-- else it would walk the reported_on index for the order and look up each
-- report by its rowid), which costs less than the rowid lookups once the
-- window is more than a few per cent of the reports, and then the sort.
SELECT * FROM (
    SELECT u.reported_on, m.code, m.title, a.name_ko AS ministry,
           COALESCE((SELECT p.status FROM status_updates p
                      WHERE p.measure_id = u.measure_id AND p.reported_on < u.reported_on
                      ORDER BY p.reported_on DESC LIMIT 1), 'planned') AS from_status,
           u.status AS to_status, u.progress, r.name_ko AS reported_by, u.note
      FROM status_updates @scan(u)
      JOIN measures m ON m.id = u.measure_id
      JOIN meetings mt ON mt.id = m.meeting_id
      LEFT JOIN agencies a ON a.id = m.lead_ministry_id
      LEFT JOIN agencies r ON r.id = u.reported_by_id
     WHERE u.reported_on BETWEEN ?1 AND ?2
       AND mt.held_on <= ?2
       AND (?3 IS NULL OR mt.code @in(?3))
       AND (?4 IS NULL OR m.lead_ministry_id = ?4)
) AS c
 WHERE from_status <> to_status
 ORDER BY @order
