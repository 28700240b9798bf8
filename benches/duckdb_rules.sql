-- The rules of catalogue v1.1 as SQL, for DuckDB: the comparison point of kiemtra's benchmark.
-- Run by duckdb_check.py, which sets the input glob as the view `src`'s source and the thread
-- count. Covered: all 26 rules — CD101–CD310 (record rules), CD401–CD403 (duration),
-- CD501–CD505 (the previous session, runs of one topic), CD601–CD602 (cadence) — judged from
-- the pack's effective date (2016-12-30), the cadence from its first full month (2017-01);
-- topics compared by the key of "Matching text" (tone placement, quotes, list markers).
-- Records with a written but unknown kind, area, source kind, assignee kind or follow-up
-- result are rejected, as kiemtra rejects them. Simpler than kiemtra: the pack's parameters are
-- written in (min_minutes 30, max_topic_months 3, the dates above; no --from/--to); the
-- accepted words of an enumeration and of yes are matched as written or without any diacritic,
-- not syllable by syllable nor with the other tone placement; dates, deadlines, times and
-- durations in the forms of format v1's tables, not every spelling kiemtra reads; a value whose
-- JSON type DuckDB cannot cast to the schema's drops the whole line (`ignore_errors`), and a
-- value of the wrong shape is read as DuckDB casts it (a session written as text is a session
-- with nothing in it; a conclusion written as a list is its JSON text) where kiemtra reads it
-- leniently or reports it as unverifiable; no UTF-16 files; between two sessions of a unit on
-- one day, which one is the next day's previous session is left to the sort.

-- Text as the enumerations and blank words compare it: NFC, lower case, white space trimmed
-- and collapsed.
CREATE OR REPLACE MACRO words(x) AS
    regexp_replace(regexp_replace(lower(nfc_normalize(x)), '\s+', ' ', 'g'), '^ | $', '', 'g');

-- "Blank" (catalogue v1.1): no letter or digit, or one of the blank words (n/a, na, null, none,
-- không, không có, chưa có, chưa, trống, chưa ghi, không ghi, chưa xác định), any case, with or
-- without diacritics, trailing punctuation ignored. Every blank word is short and its first
-- word is n/a, na, null, none, không, chưa or trống (so written, decomposed, or without
-- diacritics): the word comparison runs only on such text, not on every name that starts with
-- Tr or Ch. (A CASE, not OR: DuckDB evaluates every operand of an OR, but only the branch a
-- CASE takes.)
CREATE OR REPLACE MACRO blank(x) AS CASE
    WHEN x IS NULL THEN true
    WHEN strlen(x) <= 64 AND regexp_matches(x,
        '^\s*(?i:n/?a|null|none|kh[oô]\pM*ng|ch[uư]\pM*a|tr[oôố]\pM*ng)(?:[^\pL\pN\pM]|$)')
    THEN regexp_replace(words(x), '[^\pL\pN\pM]+$', '') IN (
            'n/a', 'na', 'null', 'none', 'không', 'khong', 'không có', 'khong co', 'chưa có',
            'chua co', 'chưa', 'chua', 'trống', 'trong', 'chưa ghi', 'chua ghi', 'không ghi',
            'khong ghi', 'chưa xác định', 'chua xac dinh')
    ELSE NOT regexp_matches(x, '[\pL\pN]') END;

-- The accepted words of each enumeration (kiemtra_format values/words.rs), as written and
-- without diacritics; the code as format v1 writes it first, without folding.
CREATE OR REPLACE MACRO kind_code(x) AS CASE
    WHEN x IN ('periodic', 'thematic', 'extraordinary') THEN x
    ELSE MAP {
        'periodic': 'periodic', 'định kỳ': 'periodic', 'dinh ky': 'periodic', 'định kì': 'periodic',
        'dinh ki': 'periodic', 'thường kỳ': 'periodic', 'thuong ky': 'periodic',
        'thường kì': 'periodic', 'thuong ki': 'periodic', 'thường lệ': 'periodic',
        'thuong le': 'periodic', 'hằng tháng': 'periodic', 'hang thang': 'periodic',
        'hàng tháng': 'periodic', 'sinh hoạt định kỳ': 'periodic', 'sinh hoat dinh ky': 'periodic',
        'sinh hoạt thường kỳ': 'periodic', 'sinh hoat thuong ky': 'periodic',
        'sinh hoạt thường lệ': 'periodic', 'sinh hoat thuong le': 'periodic',
        'sinh hoạt hằng tháng': 'periodic', 'sinh hoat hang thang': 'periodic',
        'sinh hoạt hàng tháng': 'periodic', 'họp định kỳ': 'periodic', 'hop dinh ky': 'periodic',
        'thematic': 'thematic', 'chuyên đề': 'thematic', 'chuyen de': 'thematic',
        'sinh hoạt chuyên đề': 'thematic', 'sinh hoat chuyen de': 'thematic',
        'extraordinary': 'extraordinary', 'bất thường': 'extraordinary',
        'bat thuong': 'extraordinary', 'đột xuất': 'extraordinary', 'dot xuat': 'extraordinary',
        'sinh hoạt bất thường': 'extraordinary', 'sinh hoat bat thuong': 'extraordinary',
        'sinh hoạt đột xuất': 'extraordinary', 'sinh hoat dot xuat': 'extraordinary',
        'họp bất thường': 'extraordinary', 'hop bat thuong': 'extraordinary'
    }[words(x)] END;

-- `area` may be led in by "về", "công tác" ("về công tác dân vận").
CREATE OR REPLACE MACRO area_code(x) AS CASE
    WHEN x IN ('self-criticism', 'democracy', 'mass-mobilization', 'professional-quality',
               'shortcomings', 'responsibility', 'pressing-issues', 'other') THEN x
    ELSE MAP {
        'self-criticism': 'self-criticism', 'tự phê bình': 'self-criticism',
        'tu phe binh': 'self-criticism', 'tự phê bình, phê bình': 'self-criticism',
        'tu phe binh, phe binh': 'self-criticism', 'tự phê bình và phê bình': 'self-criticism',
        'tu phe binh va phe binh': 'self-criticism', 'phê bình, tự phê bình': 'self-criticism',
        'phe binh, tu phe binh': 'self-criticism', 'phê bình và tự phê bình': 'self-criticism',
        'phe binh va tu phe binh': 'self-criticism',
        'democracy': 'democracy', 'dân chủ': 'democracy', 'dan chu': 'democracy',
        'thực hành dân chủ': 'democracy', 'thuc hanh dan chu': 'democracy',
        'phát huy dân chủ': 'democracy', 'phat huy dan chu': 'democracy',
        'mass-mobilization': 'mass-mobilization', 'mass-mobilisation': 'mass-mobilization',
        'dân vận': 'mass-mobilization', 'dan van': 'mass-mobilization',
        'thực hành dân vận': 'mass-mobilization', 'thuc hanh dan van': 'mass-mobilization',
        'thực hành dân vận và công tác dân vận': 'mass-mobilization',
        'thuc hanh dan van va cong tac dan van': 'mass-mobilization',
        'professional-quality': 'professional-quality', 'chuyên môn': 'professional-quality',
        'chuyen mon': 'professional-quality', 'chất lượng chuyên môn': 'professional-quality',
        'chat luong chuyen mon': 'professional-quality',
        'chất lượng chuyên môn của cán bộ, công chức': 'professional-quality',
        'chat luong chuyen mon cua can bo, cong chuc': 'professional-quality',
        'shortcomings': 'shortcomings', 'tồn tại, khuyết điểm': 'shortcomings',
        'ton tai, khuyet diem': 'shortcomings', 'khuyết điểm': 'shortcomings',
        'khuyet diem': 'shortcomings', 'tồn tại khuyết điểm': 'shortcomings',
        'ton tai khuyet diem': 'shortcomings', 'những tồn tại, khuyết điểm': 'shortcomings',
        'nhung ton tai, khuyet diem': 'shortcomings', 'khuyết điểm của đảng viên': 'shortcomings',
        'khuyet diem cua dang vien': 'shortcomings',
        'tồn tại, khuyết điểm của đảng viên': 'shortcomings',
        'ton tai, khuyet diem cua dang vien': 'shortcomings',
        'responsibility': 'responsibility', 'trách nhiệm': 'responsibility',
        'trach nhiem': 'responsibility', 'tinh thần trách nhiệm': 'responsibility',
        'tinh than trach nhiem': 'responsibility', 'ý thức trách nhiệm': 'responsibility',
        'y thuc trach nhiem': 'responsibility',
        'tinh thần trách nhiệm của đảng viên': 'responsibility',
        'tinh than trach nhiem cua dang vien': 'responsibility',
        'pressing-issues': 'pressing-issues', 'bức xúc, nổi cộm': 'pressing-issues',
        'buc xuc, noi com': 'pressing-issues', 'bức xúc nổi cộm': 'pressing-issues',
        'buc xuc noi com': 'pressing-issues', 'nổi cộm, bức xúc': 'pressing-issues',
        'noi com, buc xuc': 'pressing-issues', 'vấn đề bức xúc': 'pressing-issues',
        'van de buc xuc': 'pressing-issues', 'vấn đề nổi cộm': 'pressing-issues',
        'van de noi com': 'pressing-issues', 'vấn đề bức xúc, nổi cộm': 'pressing-issues',
        'van de buc xuc, noi com': 'pressing-issues', 'vấn đề nổi cộm, bức xúc': 'pressing-issues',
        'van de noi com, buc xuc': 'pressing-issues',
        'other': 'other', 'khác': 'other', 'khac': 'other', 'vấn đề khác': 'other',
        'van de khac': 'other'
    }[regexp_replace(words(x), '^(?:(?:về|ve|công tác|cong tac) )+', '')] END;

CREATE OR REPLACE MACRO source_kind_code(x) AS CASE
    WHEN x IN ('ho-chi-minh-writing', 'central-materials', 'compiled-teachings') THEN x
    ELSE MAP {
        'ho-chi-minh-writing': 'ho-chi-minh-writing',
        'bài viết của bác': 'ho-chi-minh-writing', 'bai viet cua bac': 'ho-chi-minh-writing',
        'bài viết của bác hồ': 'ho-chi-minh-writing', 'bai viet cua bac ho': 'ho-chi-minh-writing',
        'bài viết của chủ tịch hồ chí minh': 'ho-chi-minh-writing',
        'bai viet cua chu tich ho chi minh': 'ho-chi-minh-writing',
        'bài báo của bác': 'ho-chi-minh-writing', 'bai bao cua bac': 'ho-chi-minh-writing',
        'bài báo của chủ tịch hồ chí minh': 'ho-chi-minh-writing',
        'bai bao cua chu tich ho chi minh': 'ho-chi-minh-writing',
        'tác phẩm của bác': 'ho-chi-minh-writing', 'tac pham cua bac': 'ho-chi-minh-writing',
        'tác phẩm của chủ tịch hồ chí minh': 'ho-chi-minh-writing',
        'tac pham cua chu tich ho chi minh': 'ho-chi-minh-writing',
        'central-materials': 'central-materials',
        'tài liệu trung ương': 'central-materials', 'tai lieu trung uong': 'central-materials',
        'tài liệu của trung ương': 'central-materials',
        'tai lieu cua trung uong': 'central-materials',
        'tài liệu của ban tuyên giáo trung ương': 'central-materials',
        'tai lieu cua ban tuyen giao trung uong': 'central-materials',
        'tài liệu ban tuyên giáo trung ương': 'central-materials',
        'tai lieu ban tuyen giao trung uong': 'central-materials',
        'tài liệu chuyên đề': 'central-materials', 'tai lieu chuyen de': 'central-materials',
        'tài liệu học tập chuyên đề': 'central-materials',
        'tai lieu hoc tap chuyen de': 'central-materials',
        'compiled-teachings': 'compiled-teachings',
        'lời dạy của bác': 'compiled-teachings', 'loi day cua bac': 'compiled-teachings',
        'lời dạy của bác hồ': 'compiled-teachings', 'loi day cua bac ho': 'compiled-teachings',
        'lời dạy của chủ tịch hồ chí minh': 'compiled-teachings',
        'loi day cua chu tich ho chi minh': 'compiled-teachings',
        'tổng hợp lời dạy của bác': 'compiled-teachings',
        'tong hop loi day cua bac': 'compiled-teachings',
        'tổng hợp một số lời dạy của bác': 'compiled-teachings',
        'tong hop mot so loi day cua bac': 'compiled-teachings'
    }[words(x)] END;

CREATE OR REPLACE MACRO assignee_kind_code(x) AS CASE
    WHEN x IN ('collective', 'individual') THEN x
    ELSE MAP {
        'collective': 'collective', 'tập thể': 'collective', 'tap the': 'collective',
        'individual': 'individual', 'cá nhân': 'individual', 'ca nhan': 'individual'
    }[words(x)] END;

CREATE OR REPLACE MACRO result_code(x) AS CASE
    WHEN x IN ('achieved', 'in-progress', 'not-achieved') THEN x
    ELSE MAP {
        'achieved': 'achieved', 'đạt': 'achieved', 'dat': 'achieved',
        'đạt yêu cầu': 'achieved', 'dat yeu cau': 'achieved', 'cơ bản đạt': 'achieved',
        'co ban dat': 'achieved', 'đã đạt': 'achieved', 'da dat': 'achieved',
        'hoàn thành': 'achieved', 'hoan thanh': 'achieved', 'đã hoàn thành': 'achieved',
        'da hoan thanh': 'achieved', 'cơ bản hoàn thành': 'achieved',
        'co ban hoan thanh': 'achieved',
        'in-progress': 'in-progress', 'đang thực hiện': 'in-progress',
        'dang thuc hien': 'in-progress', 'đang triển khai': 'in-progress',
        'dang trien khai': 'in-progress', 'tiếp tục': 'in-progress', 'tiep tuc': 'in-progress',
        'tiếp tục thực hiện': 'in-progress', 'tiep tuc thuc hien': 'in-progress',
        'not-achieved': 'not-achieved', 'chưa đạt': 'not-achieved', 'chua dat': 'not-achieved',
        'chưa đạt yêu cầu': 'not-achieved', 'chua dat yeu cau': 'not-achieved',
        'không đạt': 'not-achieved', 'khong dat': 'not-achieved',
        'chưa hoàn thành': 'not-achieved', 'chua hoan thanh': 'not-achieved',
        'không hoàn thành': 'not-achieved', 'khong hoan thanh': 'not-achieved'
    }[words(x)] END;

-- A date (format v1): 2017-03-05, 2017-3-5, 5/3/2017, 05-03-2017, 05.03.2017, 5/3/17 (20YY),
-- ngày 5 tháng 3 năm 2017, ngày 5/3/2017; day before month; not a real day, no date.
CREATE OR REPLACE MACRO date_words(w) AS CASE
    WHEN regexp_matches(w, '^\d{4}-\d{1,2}-\d{1,2}$') THEN try_strptime(w, '%Y-%m-%d')
    WHEN regexp_matches(w, '^\d{1,2}([/.-])\d{1,2}([/.-])\d{4}$')
    THEN try_strptime(regexp_replace(w, '[.-]', '/', 'g'), '%d/%m/%Y')
    WHEN regexp_matches(w, '^\d{1,2}([/.-])\d{1,2}([/.-])\d{2}$')
    THEN try_strptime('20' || regexp_extract(w, '(\d{2})$', 1) || '-'
                      || regexp_extract(w, '^\d{1,2}[/.-](\d{1,2})', 1) || '-'
                      || regexp_extract(w, '^(\d{1,2})', 1), '%Y-%m-%d')
    END;

-- The day a text names, or NULL; `w` already as words() gives it.
CREATE OR REPLACE MACRO day_words(w) AS
    date_words(replace(regexp_replace(regexp_replace(regexp_replace(w,
        '^ng(?:à|a)y ', ''), ' ?(?:tháng|thang|năm|nam) ', '/', 'g'), '\.$', ''), ' ', ''))::DATE;

CREATE OR REPLACE MACRO day_of(d) AS CASE
    WHEN regexp_matches(d, '^\d{4}-\d{2}-\d{2}$') THEN try_strptime(d, '%Y-%m-%d')::DATE
    ELSE day_words(words(d)) END;

-- The last day of a month (`m` a month number) of year `y`, or NULL.
CREATE OR REPLACE MACRO month_end(y, m) AS
    last_day(try_strptime(y || '-' || m || '-01', '%Y-%m-%d')::DATE);

-- A deadline (format v1), as the day it ends on for a meeting on `day`: a date; a month, quarter
-- or year ("tháng 5/2017", "5/2017", "quý II/2017", "năm 2017", "6 tháng đầu năm 2017"), after
-- lead-ins ("chậm nhất", "trước", "đến", "hết", "trong", "cuối", "hạn"); or one relative to the
-- meeting ("cuối tháng", "quý sau", "năm nay"). "Thường xuyên" and anything else: no day.
CREATE OR REPLACE MACRO deadline_rest(w, day) AS CASE
    WHEN day_words(w) IS NOT NULL THEN day_words(w)
    WHEN regexp_matches(w, '^(?:tháng|thang) ?\d{1,2} ?(?:[/.-]| năm | nam ) ?\d{4}$')
      OR regexp_matches(w, '^\d{1,2} ?[/.-] ?\d{4}$')
    THEN month_end(regexp_extract(w, '(\d{4})$', 1), regexp_extract(w, '(\d{1,2})', 1))
    WHEN regexp_matches(w, '^(?:quý|quy) ?(?:i|ii|iii|iv|[1-4]) ?(?:[/.-]| năm | nam ) ?\d{4}$')
    THEN month_end(regexp_extract(w, '(\d{4})$', 1),
                   3 * CASE regexp_extract(w, '^(?:quý|quy) ?(i|ii|iii|iv|[1-4])\b', 1)
                       WHEN 'i' THEN 1 WHEN 'ii' THEN 2 WHEN 'iii' THEN 3 WHEN 'iv' THEN 4
                       ELSE try_cast(regexp_extract(w, '^(?:quý|quy) ?(i|ii|iii|iv|[1-4])\b', 1) AS INTEGER) END)
    WHEN regexp_matches(w, '^(?:năm|nam) \d{4}$') THEN month_end(regexp_extract(w, '(\d{4})$', 1), 12)
    WHEN regexp_matches(w, '^\d{1,2} (?:tháng|thang) (?:đầu|dau) (?:năm|nam) \d{4}$')
    THEN CASE WHEN try_cast(regexp_extract(w, '^(\d{1,2})', 1) AS INTEGER) BETWEEN 1 AND 12
              THEN month_end(regexp_extract(w, '(\d{4})$', 1), regexp_extract(w, '^(\d{1,2})', 1)) END
    WHEN regexp_matches(w, '^\d{1,2} (?:tháng|thang) (?:cuối|cuoi) (?:năm|nam) \d{4}$')
    THEN CASE WHEN try_cast(regexp_extract(w, '^(\d{1,2})', 1) AS INTEGER) BETWEEN 1 AND 12
              THEN month_end(regexp_extract(w, '(\d{4})$', 1), 12) END
    END;

CREATE OR REPLACE MACRO deadline_relative(w, day) AS CASE
    WHEN regexp_matches(w, '(?:tháng|thang)(?: (?:này|nay))?$') THEN last_day(day)
    WHEN regexp_matches(w, '(?:tháng|thang) (?:sau|tới|toi)$') THEN last_day(day + INTERVAL 1 MONTH)
    WHEN regexp_matches(w, '(?:quý|quy)(?: (?:này|nay))?$') THEN last_day(date_trunc('quarter', day) + INTERVAL 2 MONTH)
    WHEN regexp_matches(w, '(?:quý|quy) (?:sau|tới|toi)$') THEN last_day(date_trunc('quarter', day) + INTERVAL 5 MONTH)
    WHEN regexp_matches(w, '(?:năm|nam)(?: (?:này|nay))?$') THEN month_end(year(day), 12)
    WHEN regexp_matches(w, '(?:năm|nam) (?:sau|tới|toi)$') THEN month_end(year(day) + 1, 12)
    END;

CREATE OR REPLACE MACRO deadline_words(w, day) AS CASE
    -- relative: "cuối|trong|hết <unit> [này|sau|tới]" or "<unit> này|sau|tới", after lead-ins
    WHEN regexp_matches(w, '^(?:(?:chậm nhất|cham nhat|trước|truoc|đến|den|hạn|han) )*'
                           || '(?:(?:cuối|cuoi|trong|hết|het) (?:tháng|thang|quý|quy|năm|nam)'
                           || '(?: (?:này|nay|sau|tới|toi))?|(?:tháng|thang|quý|quy|năm|nam) (?:này|nay|sau|tới|toi))$')
    THEN deadline_relative(w, day)
    ELSE deadline_rest(regexp_replace(w,
        '^(?:(?:chậm nhất|cham nhat|trong|trước|truoc|đến|den|hết|het|hạn|han|cuối|cuoi) )+', ''), day)
    END;

CREATE OR REPLACE MACRO due_of(d, day) AS CASE
    WHEN regexp_matches(d, '^\d{4}-\d{2}-\d{2}$') THEN try_strptime(d, '%Y-%m-%d')::DATE
    ELSE deadline_words(words(d), day) END;

-- Yes (minutes_book.recorded, an assignment's remedy): JSON true, or one of format v1's words
-- for yes ("có", "đã ghi", "x", …); anything else, or nothing, is not yes.
CREATE OR REPLACE MACRO yes(x) AS CASE
    WHEN x = 'true' THEN true
    WHEN x IS NULL OR x = 'false' THEN false
    ELSE words(x) IN ('true', 'có', 'co', 'có ghi', 'co ghi', 'đã ghi', 'da ghi', 'đã ghi sổ',
                      'da ghi so', 'rồi', 'roi', 'x', '1', 'yes', '✓', '✔') END;

-- A time of day, in minutes: "19:30", or "19h30", "19 giờ 30 (phút)", "7 giờ tối" (a part of
-- the day after it).
CREATE OR REPLACE MACRO clock_words(w) AS CASE
    WHEN regexp_matches(w, '^\d{1,2} ?(?:h|g|giờ) ?(?:\d{1,2})? ?(?:phút)? ?(?:sáng|chiều|tối|am|pm|sa|ch)?$')
    THEN (try_cast(regexp_extract(w, '^(\d{1,2})', 1) AS INTEGER)
          + CASE WHEN regexp_matches(w, '(?:chiều|tối|pm|ch)$')
                  AND try_cast(regexp_extract(w, '^(\d{1,2})', 1) AS INTEGER) BETWEEN 1 AND 11
                 THEN 12 ELSE 0 END) * 60
         + coalesce(try_cast(nullif(regexp_extract(w, '^\d{1,2} ?(?:h|g|giờ) ?(\d{1,2})', 1), '') AS INTEGER), 0)
    END;

CREATE OR REPLACE MACRO minutes_of(t) AS CASE
    WHEN regexp_matches(t, '^\d{1,2}:\d{2}$')
    THEN try_cast(split_part(t, ':', 1) AS INTEGER) * 60 + try_cast(split_part(t, ':', 2) AS INTEGER)
    ELSE clock_words(words(t))
    END;

-- A duration in minutes: 45, "45", "45 phút", "45'", "1 giờ 15 (phút)", "1 tiếng rưỡi",
-- "nửa tiếng".
CREATE OR REPLACE MACRO duration_words(w) AS CASE
    WHEN regexp_matches(w, '^\d+ ?(?:phút|p|\x27)$') THEN try_cast(regexp_extract(w, '^(\d+)', 1) AS INTEGER)
    WHEN regexp_matches(w, '^nửa (?:tiếng|giờ)$') THEN 30
    WHEN regexp_matches(w, '^\d+ ?(?:h|g|giờ|tiếng)(?: ?(?:rưỡi|\d{1,2}(?: ?(?:phút|p|\x27))?))?$')
    THEN try_cast(regexp_extract(w, '^(\d+)', 1) AS INTEGER) * 60
         + CASE WHEN w LIKE '%rưỡi' THEN 30
                ELSE coalesce(try_cast(nullif(regexp_extract(w, '^\d+ ?(?:h|g|giờ|tiếng) ?(\d{1,2})', 1), '') AS INTEGER), 0) END
    END;

CREATE OR REPLACE MACRO duration_of(m) AS CASE
    WHEN regexp_matches(m, '^\d{1,9}$') THEN try_cast(m AS INTEGER)
    ELSE duration_words(words(m)) END;

-- A topic without what does not make it another topic (Matching text): a leading list marker
-- (- + • * –, 1. 1) a) followed by a space), trailing punctuation, one pair of enclosing quotes;
-- applied twice (kiemtra repeats until nothing changes).
CREATE OR REPLACE MACRO topic_core1(t) AS regexp_replace(regexp_replace(regexp_replace(t,
    '^\s*(?:[-+•*–]|(?:\d{1,3}[.)]|[a-z]\))\s)\s*', ''),
    '[\s.,;:!…]+$', ''),
    '^(?s)\s*(?:"(.*)"|“(.*)”|«(.*)»|''(.*)''|‘(.*)’)\s*$', '\1\2\3\4\5');

-- The matching key of a topic, as a hash: NFC, lower case, collapsed white space, and each tone
-- mark taken off its vowel and kept, in order, between the syllables' separators, so that old
-- and new tone placement (hoà/hòa, uỷ/ủy) give the same key; diacritics are kept (bác ≠ bạc).
CREATE OR REPLACE MACRO tone_key(w) AS hash(
    translate(w, 'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
                 'aaaaaăăăăăâââââeeeeeêêêêêiiiiioooooôôôôôơơơơơuuuuuưưưưưyyyyy'),
    regexp_replace(
        translate(w, 'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
                     '♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭♩♪♫♬♭'),
        '[\pL\pN]+', '', 'g'));

CREATE OR REPLACE MACRO topic_words(t) AS words(topic_core1(topic_core1(t)));

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
        yes(minutes_book.recorded) AS recorded,
        chair,
        session AS s,
        list_filter(session.topics, lambda t: NOT blank(t)) AS topics,
        CASE WHEN NOT blank(session.follow_up.topic) THEN session.follow_up.topic END AS fu_raw,
        area_code(session.area) AS area,
        source_kind_code(session.source.kind) AS source_kind,
        result_code(session.follow_up.result) AS result,
        duration_of(session.minutes) AS minutes,
        minutes_of(session.start) AS t0,
        minutes_of(session."end") AS t1
    FROM src
    WHERE NOT blank(unit.code) AND day_of(date) IS NOT NULL AND kind_code(kind) IS NOT NULL
),
k AS (
    -- The keys of a session's topics when it lists more than one (CD202); a single topic's key
    -- is looked up in `topic_keys` below.
    SELECT *, CASE WHEN len(topics) > 1
                   THEN list_distinct(list_transform(topics, lambda t: tone_key(topic_words(t)))) END AS multi_keys
    FROM r
    -- As kiemtra (format v1, "Bad input"): a record with a written but unknown value of an
    -- enumeration is rejected, not judged.
    WHERE s IS NULL OR NOT (
        (area IS NULL AND NOT blank(s.area))
        OR (source_kind IS NULL AND NOT blank(s.source.kind))
        OR (result IS NULL AND NOT blank(s.follow_up.result))
        OR len(list_filter(coalesce(s.assignments, []),
               lambda a: assignee_kind_code(a.kind) IS NULL AND NOT blank(a.kind))) > 0)
)
SELECT
    rid, unit, day, kind,
    day >= DATE '2016-12-30' AS judged,
    s IS NOT NULL AS has_session,
    coalesce(len(topics), 0) > 0 AS topic_stated,
    CASE WHEN len(topics) = 1 THEN topics[1] END AS one_raw,
    CASE WHEN len(multi_keys) = 1 THEN multi_keys[1] END AS multi_key,
    fu_raw,
    result,
    kind = 'periodic' AND s IS NULL AS cd101,
    s IS NOT NULL AND recorded IS NOT TRUE AS cd102,
    s IS NOT NULL AND coalesce(len(topics), 0) = 0 AS cd201,
    s IS NOT NULL AND len(multi_keys) > 1 AS cd202,
    s IS NOT NULL AND area IS NULL AS cd203,
    s IS NOT NULL AND (source_kind IS NULL OR blank(s.source.title)) AS cd204,
    s IS NOT NULL AND blank(s.reason) AS cd301,
    s IS NOT NULL AND (blank(s.assessment.strengths) OR blank(s.assessment.weaknesses)) AS cd302,
    s IS NOT NULL AND (blank(s.discussion.causes) OR blank(s.discussion.measures)) AS cd303,
    s IS NOT NULL AND len(list_filter(coalesce(s.discussion.opinions, []), lambda t: NOT blank(t))) = 0 AS cd304,
    s IS NOT NULL AND len(list_filter(coalesce(s.questions, []), lambda t: NOT blank(t))) = 0 AS cd305,
    s IS NOT NULL AND blank(s.conclusion) AS cd306,
    s IS NOT NULL AND len(list_filter(coalesce(s.assignments, []),
        lambda a: NOT blank(a.assignee) AND NOT blank(a.task))) = 0 AS cd307,
    -- (Deadlines other than ISO dates only where there are some: in a lambda, DuckDB pays for
    -- the whole expression of due_of on every element.)
    CASE WHEN s IS NULL THEN 0
         WHEN len(list_filter(coalesce(s.assignments, []),
                  lambda a: NOT regexp_matches(coalesce(a.due, ''), '^\d{4}-\d{2}-\d{2}$'))) = 0
         THEN len(list_filter(coalesce(s.assignments, []),
                  lambda a: coalesce(try_strptime(a.due, '%Y-%m-%d')::DATE < day, true)))
         ELSE len(list_filter(coalesce(s.assignments, []),
                  lambda a: coalesce(due_of(a.due, day) < day, true))) END AS cd308,
    s IS NOT NULL AND area = 'shortcomings'
        AND len(list_filter(coalesce(s.assignments, []), lambda a: yes(a.remedy))) = 0 AS cd309,
    s IS NOT NULL AND blank(chair) AS cd310,
    s IS NOT NULL AND coalesce(minutes, CASE WHEN t1 > t0 THEN t1 - t0 END) < 30 AS cd401,
    s IS NOT NULL AND minutes IS NULL AND (t0 IS NULL OR t1 IS NULL) AS cd402,
    s IS NOT NULL AND t0 IS NOT NULL AND t1 IS NOT NULL
        AND (t1 <= t0 OR abs(minutes - (t1 - t0)) > 1) AS cd403
FROM k;

-- The key of each distinct topic as written (a district's themes repeat: a few dozen strings
-- per million records), instead of one key per record.
CREATE OR REPLACE TEMP TABLE topic_keys AS
SELECT raw, tone_key(topic_words(raw)) AS key
FROM (SELECT one_raw AS raw FROM rec UNION SELECT fu_raw FROM rec)
WHERE raw IS NOT NULL;

CREATE OR REPLACE TEMP TABLE findings AS
WITH record_rules AS (
    SELECT rid, unit, upper(rule) AS rule
    FROM (UNPIVOT (SELECT rid, unit, cd101, cd102, cd201, cd202, cd203, cd204, cd301, cd302, cd303,
                          cd304, cd305, cd306, cd307, cd309, cd310, cd401, cd402, cd403
                   FROM rec WHERE judged)
          ON COLUMNS(* EXCLUDE (rid, unit)) INTO NAME rule VALUE hit)
    WHERE hit
    UNION ALL
    SELECT rid, unit, 'CD308' FROM (SELECT rid, unit, unnest(range(cd308)) FROM rec WHERE judged AND cd308 > 0)
),
with_previous AS (
    -- The unit's previous session: the latest session dated strictly earlier (sessions before
    -- the effective date are history: they are previous sessions and count in runs).
    SELECT n, unit, day, judged, one_topic, fu_topic, result, topic_stated,
           last(topic_stated) OVER before AS previous_stated,
           last(one_topic) OVER before AS previous_topic,
           count(*) OVER before > 0 AS has_previous
    FROM (SELECT r.rowid AS n, r.unit, r.day, r.judged, r.result, r.topic_stated,
                 coalesce(a.key, r.multi_key) AS one_topic, b.key AS fu_topic
          FROM rec r LEFT JOIN topic_keys a ON a.raw = r.one_raw LEFT JOIN topic_keys b ON b.raw = r.fu_raw
          WHERE r.has_session)
    WINDOW before AS (PARTITION BY unit ORDER BY day
                      RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING)
),
previous_rules AS (
    SELECT n, 'CD501' AS rule FROM with_previous
    WHERE judged AND has_previous AND previous_stated AND result IS NULL
    UNION ALL
    SELECT n, 'CD502' FROM with_previous
    WHERE judged AND fu_topic IS NOT NULL AND previous_topic IS NOT NULL AND fu_topic <> previous_topic
    UNION ALL
    SELECT n, 'CD503' FROM with_previous
    WHERE judged AND result IN ('not-achieved', 'in-progress') AND one_topic <> previous_topic
    UNION ALL
    SELECT n, 'CD504' FROM with_previous
    WHERE judged AND result = 'achieved' AND one_topic = previous_topic
),
islands AS (
    -- A run of one topic: a session continues its previous session's run when both have the
    -- same single topic.
    SELECT *, date_trunc('month', day) AS month,
           sum(CASE WHEN one_topic = previous_topic THEN 0 ELSE 1 END)
               OVER (PARTITION BY unit ORDER BY day, n ROWS UNBOUNDED PRECEDING) AS island
    FROM with_previous
),
runs AS (
    SELECT n, judged, one_topic,
           sum(new_month) OVER (PARTITION BY unit, island ORDER BY day, n ROWS UNBOUNDED PRECEDING) AS months
    FROM (SELECT *, CASE WHEN month IS DISTINCT FROM lag(month) OVER (PARTITION BY unit, island ORDER BY day, n)
                    THEN 1 ELSE 0 END AS new_month
          FROM islands)
),
too_long AS (
    SELECT n, 'CD505' AS rule FROM runs WHERE judged AND one_topic IS NOT NULL AND months > 3
),
-- The cross-record rules above carry the row (`rowid`) of rec, not its id and unit.
session_rules AS (
    SELECT r.rid, r.unit, f.rule
    FROM (SELECT * FROM previous_rules UNION ALL SELECT * FROM too_long) f JOIN rec r ON r.rowid = f.n
),
periods AS (
    -- From the unit's first record, but never before the pack's first full month.
    SELECT unit, greatest(date_trunc('month', min(day)), DATE '2017-01-01') AS first,
           date_trunc('month', max(day)) AS last
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
    SELECT h.unit || ' ' || strftime(h.month, '%Y-%m'), h.unit, 'CD602'
    FROM held h SEMI JOIN months m ON m.unit = h.unit AND m.month = h.month
    WHERE h.n > 1
)
SELECT * FROM record_rules UNION ALL SELECT * FROM session_rules UNION ALL SELECT * FROM cadence;
