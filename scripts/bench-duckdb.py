#!/usr/bin/env python3
"""The DuckDB baseline for the report benchmark: the TSM counts (CH01, CH02) of a financial year
computed by DuckDB over the canonical CSV, loaded beforehand.

Usage: bench-duckdb.py CASES.CSV YEAR_START NON_WORKING_DAYS.TXT
  YEAR_START is the first calendar year of the financial year (2024 for 2024/25);
  NON_WORKING_DAYS.TXT lists bank holidays and closure days, one YYYY-MM-DD per line.

Prints one JSON document: the load time, the median aggregate time over five runs, and the
counts, so they can be compared with `putright report tsm` for the same year. The timing rules
are the Code's, written in SQL: acknowledgement within 5 working days; the response clock starts
at the acknowledgement or the acknowledgement deadline, whichever is sooner; 10 working days at
stage 1 and 20 at stage 2; one extension counts if agreed by the due date, later than it, and
within the limit (10 or 20 more working days) or with a good reason; a withdrawn stage is not a
response.
"""

import json
import statistics
import sys
import time

import duckdb

QUERY = """
WITH days AS (
    SELECT d::DATE AS day,
           dayofweek(d) NOT IN (0, 6) AND d::DATE NOT IN (SELECT day FROM holidays) AS working
    FROM range(DATE '2010-01-01', DATE '2040-01-01', INTERVAL 1 DAY) t(d)
),
numbered AS (
    SELECT day, working, sum(working::INT) OVER (ORDER BY day) AS n FROM days
),
working AS (SELECT day, n FROM numbered WHERE working),
stages AS (
    SELECT 1 AS stage, tenure, received_on AS started_on, s1_acknowledged_on AS ack,
           s1_extended_on AS ext_on, s1_extended_to AS ext_to,
           coalesce(s1_extension_good_reason::VARCHAR, '') IN ('yes', 'true', '1') AS good,
           CASE WHEN coalesce(s1_outcome, '') <> 'withdrawn' THEN s1_responded_on END
               AS responded_on, 10 AS within
    FROM cases
    WHERE kind = 'complaint' AND refused_on IS NULL
          AND coalesce(jurisdiction, 'hos') IN ('hos', '')
          AND tenure IN ('tenant', 'shared_owner')
    UNION ALL
    SELECT 2, tenure, s2_requested_on, s2_acknowledged_on, s2_extended_on, s2_extended_to,
           coalesce(s2_extension_good_reason::VARCHAR, '') IN ('yes', 'true', '1'),
           CASE WHEN coalesce(s2_outcome, '') <> 'withdrawn' THEN s2_responded_on END, 20
    FROM cases
    WHERE kind = 'complaint' AND refused_on IS NULL AND s2_requested_on IS NOT NULL
          AND s2_refused_on IS NULL
          AND coalesce(jurisdiction, 'hos') IN ('hos', '')
          AND tenure IN ('tenant', 'shared_owner')
),
acked AS (
    SELECT s.*, ad.day AS ack_due
    FROM stages s
    JOIN numbered ns ON ns.day = s.started_on
    JOIN working ad ON ad.n = ns.n + 5
),
clocked AS (
    SELECT a.*, od.day AS original_due, ld.day AS limit_due
    FROM acked a
    JOIN numbered nc ON nc.day = least(coalesce(a.ack, a.ack_due), a.ack_due)
    JOIN working od ON od.n = nc.n + a.within
    JOIN numbered no ON no.day = od.day
    JOIN working ld ON ld.n = no.n + a.within
),
judged AS (
    SELECT *,
           CASE WHEN ext_to IS NOT NULL AND coalesce(ext_on, original_due) <= original_due
                     AND ext_to > original_due AND (ext_to <= limit_due OR good)
                THEN ext_to ELSE original_due END AS due
    FROM clocked
)
SELECT tenure, stage,
       count(*) FILTER (WHERE started_on BETWEEN $first AND $last) AS received,
       count(*) FILTER (WHERE responded_on BETWEEN $first AND $last) AS responded,
       count(*) FILTER (WHERE responded_on BETWEEN $first AND $last AND responded_on <= due)
           AS responded_within
FROM judged
GROUP BY tenure, stage
ORDER BY tenure, stage
"""


def main():
    csv_path, year, holidays_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    db = duckdb.connect()
    with open(holidays_path) as f:
        holidays = [line.strip() for line in f if line.strip()]
    db.execute("CREATE TABLE holidays (day DATE)")
    db.executemany("INSERT INTO holidays VALUES (?)", [[h] for h in holidays])

    started = time.perf_counter()
    db.execute(
        "CREATE TABLE cases AS SELECT * FROM read_csv(?, header = true, all_varchar = false)",
        [csv_path],
    )
    load = time.perf_counter() - started

    params = {"first": f"{year}-04-01", "last": f"{year + 1}-03-31"}
    times, rows = [], None
    for _ in range(5):
        started = time.perf_counter()
        rows = db.execute(QUERY, params).fetchall()
        times.append(time.perf_counter() - started)

    names = {"tenant": "lcra", "shared_owner": "lcho"}
    counts = {}
    for tenure, stage, received, responded, within in rows:
        part = counts.setdefault(names[tenure], {})
        part[f"stage{stage}_received"] = received
        part[f"stage{stage}_responded"] = responded
        part[f"stage{stage}_responded_within"] = within
    print(json.dumps({
        "load_s": round(load, 3),
        "aggregate_s_median": round(statistics.median(times), 3),
        "aggregate_s_all": [round(t, 3) for t in times],
        "counts": counts,
    }, indent=2))


if __name__ == "__main__":
    main()
