#!/usr/bin/env bash
# Times the guest-history query in a SQLite shell, for comparison with Greenroom's own
# `Store::guest_history` (cargo bench -p greenroom-core --bench archive, "guest history,
# busiest guest"). The SQL is printed by the history_sql example from
# src-tauri/core/src/people/history.rs (HISTORY_TIMELINE_SQL, then HISTORY_PAGE_SQL for the
# first page), the very text the app prepares, so the two cannot drift.
#
#   scripts/bench-history-sqlite3.sh [DB] [RUNS]
#
# DB defaults to the benchmark archive the bench caches in target/ (build it first with
# the bench, or `greenroom dev generate --programmes 100000 --people 40000 --seed 1 --db F`);
# RUNS defaults to 200. The guest is the one with the most appearances.
#
# Which shell: $SQLITE_SHELL if set (a sqlite3 binary); else `sqlite3` if it is 3.44 or
# newer (the query uses an ORDER BY inside json_group_array, which older shells cannot
# parse: Debian 12 ships 3.40); else the shell of APSW (python -m apsw), whose wheel bundles
# the same SQLite release as rusqlite, installed from PyPI into .tools/apsw-venv on first use.
# APSW's shell formats every row in Python even when output is discarded, so for it the
# script also times a bare loop that steps through the rows in the same SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."

# The SQLite that libsqlite3-sys 0.40 bundles (rusqlite 0.43): 3.54.1.
APSW_VERSION=3.54.1.0

db=${1:-$(ls -t target/archive-bench-*.db 2>/dev/null | head -n 1 || true)}
runs=${2:-200}
if [ -z "$db" ] || [ ! -f "$db" ]; then
  echo "no database: run 'cargo bench -p greenroom-core --bench archive' first, or pass DB" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The SQL with ?1 bound to the busiest guest's id (as a literal: both shells accept it).
cargo run --quiet --release -p greenroom-core --example history_sql >"$work/history.sql"
python3 - "$db" "$work/history.sql" "$work/query.sql" <<'PY'
import re, sqlite3, sys
sql = open(sys.argv[2], encoding="utf-8").read()
db = sqlite3.connect(sys.argv[1])
guest, n = db.execute(
    "SELECT person_id, count(*) AS n FROM appearance WHERE role = 'guest' "
    "GROUP BY person_id ORDER BY n DESC, person_id LIMIT 1").fetchone()
# What guest_history runs: the timeline, then the first page (50 rows).
bind = {"?1": "'%s'" % guest, "?2": "50"}
open(sys.argv[3], "w", encoding="utf-8").write(
    re.sub(r"\?[12]\b", lambda m: bind[m.group(0)], sql))
print(f"guest {guest} ({n} appearances)")
PY

shell=()
kind=c
if [ -n "${SQLITE_SHELL:-}" ]; then
  shell=("$SQLITE_SHELL")
elif command -v sqlite3 >/dev/null \
    && printf '%s\n' 3.44.0 "$(sqlite3 --version | cut -d' ' -f1)" | sort -V -C; then
  shell=(sqlite3)
else
  venv=.tools/apsw-venv
  if ! "$venv/bin/python" -c 'import apsw' 2>/dev/null; then
    echo "installing apsw $APSW_VERSION into $venv (sqlite3 $(sqlite3 --version 2>/dev/null | cut -d' ' -f1) is older than 3.44)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "apsw==$APSW_VERSION"
  fi
  shell=("$venv/bin/python" -m apsw)
  kind=apsw
fi

{
  echo ".timer on"
  echo ".output /dev/null"
  cat "$work/query.sql" # warm the cache once
  for _ in $(seq "$runs"); do cat "$work/query.sql"; done
} >"$work/script.sql"

if [ "$kind" = c ]; then
  echo "shell: $("${shell[@]}" --version | cut -d' ' -f1-2)"
  "${shell[@]}" -bail "$db" <"$work/script.sql" 2>&1 | awk -v runs="$runs" '
    /^(Parse error|Error|Runtime error)/ { print; failed = 1; exit 1 }
    /^Run Time:/ { n++; if (n > 2) { real += $4; cpu += $6 + $8 } }
    END { if (failed) exit 1; printf "%d runs of both statements: mean real %.3f ms, mean CPU (user+sys) %.3f ms\n", runs, real / runs * 1000, cpu / runs * 1000 }'
else
  echo "shell: APSW $("${shell[0]}" -c 'import apsw; print(apsw.apsw_version(), "(SQLite", apsw.sqlite_lib_version() + ")")')"
  "${shell[@]}" -bail "$db" <"$work/script.sql" 2>&1 >/dev/null | awk -v runs="$runs" '
    /[Ee]rror/ { print; failed = 1; exit 1 }
    /Wall clock/ { n++; if (n > 2) wall += $NF }
    /Process CPU consumption/ { c++; if (c > 2) cpu += $NF }
    END { if (failed) exit 1; printf "%d runs of both statements: mean wall clock %.3f ms, mean CPU %.3f ms (the shell formats each row in Python)\n", runs, wall / runs * 1000, cpu / runs * 1000 }'
  "${shell[0]}" - "$db" "$work/query.sql" "$runs" <<'PY'
import apsw, statistics, sys, time
db, sql, runs = sys.argv[1], open(sys.argv[2], encoding="utf-8").read(), int(sys.argv[3])
con = apsw.Connection(db)
def once():
    t = time.perf_counter()
    rows = sum(1 for _ in con.execute(sql))
    return time.perf_counter() - t, rows
once()
times = [once()[0] for _ in range(runs)]
print(f"{runs} runs stepping the rows in SQLite {apsw.sqlite_lib_version()} (no formatting): "
      f"median {statistics.median(times) * 1000:.3f} ms, mean {statistics.mean(times) * 1000:.3f} ms, "
      f"rows {once()[1]}")
PY
fi
