#!/usr/bin/env python3
"""The comparison point: catalogue v1.1's rules as SQL (duckdb_rules.sql) over the same JSON Lines.

    python3 benches/duckdb_check.py DIR [THREADS] [FINDINGS.csv]
        # prints records and findings per rule; writes rule,unit,record of each finding to CSV
"""
import sys
import time
from pathlib import Path

import duckdb

directory = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
columns = """{
  'id': 'VARCHAR',
  'unit': 'STRUCT(code VARCHAR, name VARCHAR, parent VARCHAR)',
  'date': 'VARCHAR', 'kind': 'VARCHAR', 'chair': 'VARCHAR',
  'minutes_book': 'STRUCT(recorded VARCHAR, page VARCHAR)',
  'session': 'STRUCT(topics VARCHAR[], area VARCHAR, source STRUCT(kind VARCHAR, title VARCHAR),
      start VARCHAR, "end" VARCHAR, minutes VARCHAR, reason VARCHAR,
      assessment STRUCT(strengths VARCHAR, weaknesses VARCHAR), questions VARCHAR[],
      discussion STRUCT(opinions VARCHAR[], causes VARCHAR, measures VARCHAR), conclusion VARCHAR,
      assignments STRUCT(assignee VARCHAR, kind VARCHAR, task VARCHAR, due VARCHAR, remedy VARCHAR)[],
      follow_up STRUCT(topic VARCHAR, result VARCHAR, notes VARCHAR))'
}"""
start = time.monotonic()
con.execute(
    f"CREATE VIEW src AS SELECT * FROM read_json('{directory}/*.jsonl', format = 'newline_delimited', "
    f"columns = {columns}, ignore_errors = true, maximum_object_size = 16777216)"
)
con.execute(Path(__file__).with_name("duckdb_rules.sql").read_text())
records = con.execute("SELECT count(*) FROM rec").fetchone()[0]
rows = con.execute("SELECT rule, count(*) FROM findings GROUP BY rule ORDER BY rule").fetchall()
elapsed = time.monotonic() - start
print(f"duckdb {duckdb.__version__}: {records} records checked, "
      f"{sum(n for _, n in rows)} findings in {elapsed:.2f} s ({threads} threads)")
for r, n in rows:
    print(f"  {r} {n}")
if len(sys.argv) > 3:
    con.execute(f"COPY (SELECT rule, unit, rid AS record FROM findings ORDER BY ALL) TO '{sys.argv[3]}' (HEADER)")
