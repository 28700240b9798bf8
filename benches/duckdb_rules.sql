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

-- One pass over the records: what the cross-record rules need, and each record rule as a
-- column (a flag, or for CD308 a count of assignments), so that the JSON is read once and no
-- record is kept whole.
CREATE OR REPLACE TEMP TABLE rec AS
WITH r AS (
    SELECT
        coalesce(nullif(trim(id), ''), trim(unit.code) || '/' || strftime(day_of(date), '%Y-%m-%d')) AS rid,
        trim(unit.code) AS unit,
        day_of(date) AS day,
        kind_code(kind) AS kind,
        minutes_book.recorded AS recorded,
        session AS s,
        list_filter(session.topics, lambda t: NOT blank(t)) AS topics,
        minutes_of(session.start) AS t0,
        minutes_of(session."end") AS t1
    FROM src
    WHERE NOT blank(unit.code) AND day_of(date) IS NOT NULL AND kind_code(kind) IS NOT NULL
)
SELECT
    rid, unit, day, kind,
    s IS NOT NULL AS has_session,
    len(coalesce(topics, [])) > 0 AS topic_stated,
    s.follow_up.result IS NOT NULL AS has_result,
    kind = 'periodic' AND s IS NULL AS cd101,
    s IS NOT NULL AND recorded IS NOT TRUE AS cd102,
    s IS NOT NULL AND len(coalesce(topics, [])) = 0 AS cd201,
    s IS NOT NULL AND len(list_distinct(list_transform(topics,
        lambda t: lower(regexp_replace(trim(nfc_normalize(t)), '\s+', ' ', 'g'))))) > 1 AS cd202,
    s IS NOT NULL AND blank(s.area) AS cd203,
    s IS NOT NULL AND (s.source.kind IS NULL
        OR s.source.kind NOT IN ('ho-chi-minh-writing', 'central-materials', 'compiled-teachings')
        OR blank(s.source.title)) AS cd204,
    s IS NOT NULL AND blank(s.reason) AS cd301,
    s IS NOT NULL AND (blank(s.assessment.strengths) OR blank(s.assessment.weaknesses)) AS cd302,
    s IS NOT NULL AND (blank(s.discussion.causes) OR blank(s.discussion.measures)) AS cd303,
    s IS NOT NULL AND len(list_filter(coalesce(s.discussion.opinions, []), lambda t: NOT blank(t))) = 0 AS cd304,
    s IS NOT NULL AND len(list_filter(coalesce(s.questions, []), lambda t: NOT blank(t))) = 0 AS cd305,
    s IS NOT NULL AND blank(s.conclusion) AS cd306,
    s IS NOT NULL AND len(list_filter(coalesce(s.assignments, []),
        lambda a: NOT blank(a.assignee) AND NOT blank(a.task))) = 0 AS cd307,
    CASE WHEN s IS NOT NULL THEN len(list_filter(coalesce(s.assignments, []),
        lambda a: day_of(a.due) IS NULL OR day_of(a.due) < day)) ELSE 0 END AS cd308,
    s IS NOT NULL AND coalesce(s.minutes, CASE WHEN t1 > t0 THEN t1 - t0 END) < 30 AS cd401,
    s IS NOT NULL AND s.minutes IS NULL AND (t0 IS NULL OR t1 IS NULL) AS cd402,
    s IS NOT NULL AND t0 IS NOT NULL AND t1 IS NOT NULL
        AND (t1 <= t0 OR abs(s.minutes - (t1 - t0)) > 1) AS cd403
FROM r;

CREATE OR REPLACE TEMP TABLE findings AS
WITH record_rules AS (
    SELECT rid, unit, upper(rule) AS rule
    FROM (UNPIVOT (SELECT rid, unit, cd101, cd102, cd201, cd202, cd203, cd204, cd301, cd302, cd303,
                          cd304, cd305, cd306, cd307, cd401, cd402, cd403 FROM rec)
          ON COLUMNS(* EXCLUDE (rid, unit)) INTO NAME rule VALUE hit)
    WHERE hit
    UNION ALL
    SELECT rid, unit, 'CD308' FROM (SELECT rid, unit, unnest(range(cd308)) FROM rec WHERE cd308 > 0)
),
with_previous AS (
    -- The unit's previous session: the latest record with a session strictly earlier.
    SELECT rid, unit, day, has_session, has_result,
           max(CASE WHEN has_session THEN day END) OVER (
               PARTITION BY unit ORDER BY day RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING
           ) AS previous_day
    FROM rec
),
stated AS (
    SELECT DISTINCT unit, day FROM rec WHERE has_session AND topic_stated
),
follow_up AS (
    SELECT w.rid, w.unit, 'CD501' AS rule FROM with_previous w
    SEMI JOIN stated p ON p.unit = w.unit AND p.day = w.previous_day
    WHERE w.has_session AND NOT w.has_result
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
