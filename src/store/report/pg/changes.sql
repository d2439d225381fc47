-- PostgreSQL version of ../changes.sql: $N parameters, jsonb for the meeting list.
-- Status transitions reported in [$1, $2]: every report whose status differs
-- from the measure's previous report (by reported_on; before the first one a
-- measure is 'planned'). $3 meeting codes as a JSON array or NULL, $4 lead
-- ministry id or NULL. The window uses the reported_on index, the previous
-- report one seek in UNIQUE (measure_id, reported_on).
SELECT * FROM (
    SELECT u.reported_on, m.code, m.title, a.name_ko AS ministry,
           COALESCE((SELECT p.status FROM status_updates p
                      WHERE p.measure_id = u.measure_id AND p.reported_on < u.reported_on
                      ORDER BY p.reported_on DESC LIMIT 1), 'planned') AS from_status,
           u.status AS to_status, u.progress, r.name_ko AS reported_by, u.note
      FROM status_updates u
      JOIN measures m ON m.id = u.measure_id
      JOIN meetings mt ON mt.id = m.meeting_id
      LEFT JOIN agencies a ON a.id = m.lead_ministry_id
      LEFT JOIN agencies r ON r.id = u.reported_by_id
     WHERE u.reported_on BETWEEN $1 AND $2
       AND mt.held_on <= $2
       AND ($3 IS NULL OR mt.code IN (SELECT jsonb_array_elements_text(CAST($3 AS jsonb))))
       AND ($4 IS NULL OR m.lead_ministry_id = $4)
) AS c
 WHERE from_status <> to_status
 ORDER BY reported_on, code
