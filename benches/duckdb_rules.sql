-- The rules of catalogue v1 as SQL, for DuckDB: the comparison point of kiemtra's benchmark.
-- Run by duckdb_check.py, which sets the input glob as the view `src`'s source and the thread
-- count. Covered: CD101–CD308 (record rules), CD401–CD403 (duration), CD501 (follow-up of the
-- previous session), CD601–CD602 (cadence). CD202 compares topics after NFC, lower case and
-- collapsed white space: the old/new tone-placement unification of "Matching text" has no SQL
-- form here. CD502–CD505 (topic chains, runs of one topic) are left out: see README.md.

CREATE OR REPLACE MACRO blank(x) AS
    x IS NULL OR NOT regexp_matches(x, '[\pL\pN]') OR lower(trim(x)) IN ('n/a', 'na', 'null', 'none');

CREATE OR REPLACE MACRO kind_code(k) AS CASE
    WHEN lower(trim(k)) IN ('periodic', 'định kỳ', 'dinh ky', 'sinh hoạt định kỳ') THEN 'periodic'
    WHEN lower(trim(k)) IN ('thematic', 'chuyên đề', 'chuyen de', 'sinh hoạt chuyên đề') THEN 'thematic'
    WHEN lower(trim(k)) IN ('extraordinary', 'bất thường', 'bat thuong') THEN 'extraordinary'
    ELSE NULL END;

CREATE OR REPLACE MACRO day_of(d) AS coalesce(
    try_strptime(d, '%Y-%m-%d')::DATE, try_strptime(d, '%d/%m/%Y')::DATE);

CREATE OR REPLACE MACRO minutes_of(t) AS CASE
    WHEN regexp_matches(t, '^\d{1,2}:\d{2}$')
    THEN try_cast(split_part(t, ':', 1) AS INTEGER) * 60 + try_cast(split_part(t, ':', 2) AS INTEGER)
    END;

CREATE OR REPLACE TEMP TABLE rec AS
SELECT
    coalesce(nullif(trim(id), ''), trim(unit.code) || '/' || strftime(day_of(date), '%Y-%m-%d')) AS rid,
    trim(unit.code) AS unit,
    day_of(date) AS day,
    kind_code(kind) AS kind,
    minutes_book.recorded AS recorded,
    session
FROM src
WHERE NOT blank(unit.code) AND day_of(date) IS NOT NULL AND kind_code(kind) IS NOT NULL;

CREATE OR REPLACE TEMP TABLE findings AS
WITH s AS (
    SELECT rid, unit, day, kind, recorded, session,
           list_filter(session.topics, lambda t: NOT blank(t)) AS topics,
           list_distinct(list_transform(list_filter(session.topics, lambda t: NOT blank(t)),
               lambda t: lower(regexp_replace(trim(nfc_normalize(t)), '\s+', ' ', 'g')))) AS topic_keys,
           minutes_of(session.start) AS t0, minutes_of(session."end") AS t1
    FROM rec
),
record_rules AS (
    SELECT rid, unit, 'CD101' AS rule FROM s WHERE kind = 'periodic' AND session IS NULL
    UNION ALL SELECT rid, unit, 'CD102' FROM s WHERE session IS NOT NULL AND recorded IS NOT TRUE
    UNION ALL SELECT rid, unit, 'CD201' FROM s WHERE session IS NOT NULL AND len(coalesce(topics, [])) = 0
    UNION ALL SELECT rid, unit, 'CD202' FROM s WHERE session IS NOT NULL AND len(topic_keys) > 1
    UNION ALL SELECT rid, unit, 'CD203' FROM s WHERE session IS NOT NULL AND blank(session.area)
    UNION ALL SELECT rid, unit, 'CD204' FROM s WHERE session IS NOT NULL
        AND (session.source.kind NOT IN ('ho-chi-minh-writing', 'central-materials', 'compiled-teachings')
             OR session.source.kind IS NULL OR blank(session.source.title))
    UNION ALL SELECT rid, unit, 'CD301' FROM s WHERE session IS NOT NULL AND blank(session.reason)
    UNION ALL SELECT rid, unit, 'CD302' FROM s WHERE session IS NOT NULL
        AND (blank(session.assessment.strengths) OR blank(session.assessment.weaknesses))
    UNION ALL SELECT rid, unit, 'CD303' FROM s WHERE session IS NOT NULL
        AND (blank(session.discussion.causes) OR blank(session.discussion.measures))
    UNION ALL SELECT rid, unit, 'CD304' FROM s WHERE session IS NOT NULL
        AND len(list_filter(coalesce(session.discussion.opinions, []), lambda t: NOT blank(t))) = 0
    UNION ALL SELECT rid, unit, 'CD305' FROM s WHERE session IS NOT NULL
        AND len(list_filter(coalesce(session.questions, []), lambda t: NOT blank(t))) = 0
    UNION ALL SELECT rid, unit, 'CD306' FROM s WHERE session IS NOT NULL AND blank(session.conclusion)
    UNION ALL SELECT rid, unit, 'CD307' FROM s WHERE session IS NOT NULL
        AND len(list_filter(coalesce(session.assignments, []),
                lambda a: NOT blank(a.assignee) AND NOT blank(a.task))) = 0
    UNION ALL SELECT rid, unit, 'CD308' FROM (
        SELECT rid, unit, day, unnest(session.assignments) AS a FROM s WHERE session IS NOT NULL)
        WHERE day_of(a.due) IS NULL OR day_of(a.due) < day
    UNION ALL SELECT rid, unit, 'CD401' FROM s WHERE session IS NOT NULL
        AND coalesce(session.minutes, CASE WHEN t1 > t0 THEN t1 - t0 END) < 30
    UNION ALL SELECT rid, unit, 'CD402' FROM s WHERE session IS NOT NULL
        AND session.minutes IS NULL AND (t0 IS NULL OR t1 IS NULL)
    UNION ALL SELECT rid, unit, 'CD403' FROM s WHERE session IS NOT NULL AND t0 IS NOT NULL AND t1 IS NOT NULL
        AND (t1 <= t0 OR abs(session.minutes - (t1 - t0)) > 1)
),
with_previous AS (
    -- The unit's previous session: the latest record with a session strictly earlier.
    SELECT rid, unit, day, session,
           max(CASE WHEN session IS NOT NULL THEN day END) OVER (
               PARTITION BY unit ORDER BY day RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING
           ) AS previous_day
    FROM s
),
follow_up AS (
    SELECT w.rid, w.unit, 'CD501' AS rule FROM with_previous w
    WHERE w.session IS NOT NULL AND w.previous_day IS NOT NULL
      AND w.session.follow_up.result IS NULL
      AND EXISTS (SELECT 1 FROM s p WHERE p.unit = w.unit AND p.day = w.previous_day
                  AND p.session IS NOT NULL AND len(coalesce(p.topics, [])) > 0)
),
periods AS (
    SELECT unit, date_trunc('month', min(day)) AS first, date_trunc('month', max(day)) AS last
    FROM rec GROUP BY unit
),
months AS (
    SELECT unit, unnest(generate_series(first, last, INTERVAL 1 MONTH)) AS month FROM periods
),
held AS (
    SELECT unit, date_trunc('month', day) AS month, count(*) AS n
    FROM rec WHERE kind = 'periodic' GROUP BY ALL
),
cadence AS (
    SELECT m.unit || ' ' || strftime(m.month, '%Y-%m') AS rid, m.unit, 'CD601' AS rule
    FROM months m ANTI JOIN held h ON h.unit = m.unit AND h.month = m.month
    UNION ALL
    SELECT unit || ' ' || strftime(month, '%Y-%m'), unit, 'CD602' FROM held WHERE n > 1
)
SELECT * FROM record_rules UNION ALL SELECT * FROM follow_up UNION ALL SELECT * FROM cadence;
