#!/usr/bin/env bash
# Memory of the desktop app with a big archive open: the app process and its WebKit
# web and network processes, after the programme list has loaded, after a search, and
# after opening the guest page of the busiest guest (docs/PERFORMANCE.md, issue 6).
#
#   scripts/measure-memory.sh [DB]
#
# DB defaults to the benchmark archive cached in target/ (cargo bench -p greenroom-core
# --bench archive builds it; or `greenroom dev generate --db FILE`). It is copied into a
# temp folder first, so the app never writes to it. The binary is target/release/greenroom-desktop
# if built, else target/debug/greenroom-desktop ($GREENROOM_BIN overrides). Needs Xvfb and
# .tools/bin/tauri-driver (scripts/setup.sh installs both).
#
# MEASURE_ROLE=presenter opens the busiest presenter's page instead of the busiest guest's.
#
# PSS (proportional set size, /proc/PID/smaps_rollup) counts pages shared between the
# processes once, so the total is what the app adds to the machine; RSS is printed too.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${GREENROOM_BIN:-target/release/greenroom-desktop}
[ -x "$bin" ] || bin=target/debug/greenroom-desktop
db=${1:-$(ls -t target/archive-bench-*.db 2>/dev/null | head -n 1 || true)}
driver=.tools/bin/tauri-driver
for need in "$bin" "$driver"; do
  [ -x "$need" ] || { echo "missing $need (cargo build; scripts/setup.sh)" >&2; exit 1; }
done
if [ -z "$db" ] || [ ! -f "$db" ]; then
  echo "no database: pass DB, or build the benchmark archive first" >&2
  exit 1
fi

work=$(mktemp -d)
xvfb_pid=
driver_pid=
descendants() {
  local child
  for child in $(pgrep -P "$1"); do echo "$child"; descendants "$child"; done
}
cleanup() {
  # SIGTERM: tauri-driver then stops its WebKitWebDriver and the app; whatever it had
  # not handed over yet (stopped while starting) is stopped here, by pid.
  if [ -n "$driver_pid" ]; then
    local left
    left=$(descendants "$driver_pid")
    kill -TERM "$driver_pid" 2>/dev/null && wait "$driver_pid" 2>/dev/null
    sleep 1
    for pid in $left; do kill -TERM "$pid" 2>/dev/null || true; done
  fi
  [ -n "$xvfb_pid" ] && kill -TERM "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

cp "$db" "$work/greenroom.db"
[ -f "$db-wal" ] && cp "$db-wal" "$work/greenroom.db-wal"
mkdir -p "$work/data" "$work/config" "$work/cache"

display=
for n in $(seq 77 120); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=$n; break; fi
done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!

# tauri-driver now and then exits at once (status 0, no message); try again on new ports.
for attempt in 1 2 3 4 5; do
  read -r port native_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
  DISPLAY=":$display" NO_AT_BRIDGE=1 GREENROOM_DB="$work/greenroom.db" \
    XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" \
    "$driver" --port "$port" --native-port "$native_port" >/dev/null 2>"$work/driver.log" &
  driver_pid=$!
  sleep 2
  if kill -0 "$driver_pid" 2>/dev/null; then break; fi
  wait "$driver_pid" || true
  driver_pid=
  # It leaves its WebKitWebDriver behind, known by the port it was given.
  for pid in $(pgrep -x -f "/usr/bin/WebKitWebDriver --port=$native_port --host=127.0.0.1"); do
    kill -TERM "$pid" 2>/dev/null || true
  done
  [ "$attempt" = 5 ] && { echo "tauri-driver would not start: $(cat "$work/driver.log")" >&2; exit 1; }
done

echo "binary:   $bin"
echo "database: $db ($(du -m "$db" | cut -f1) MB)"
echo "load:     $(uptime | sed 's/.*load/load/')"
python3 - "$port" "$native_port" "$driver_pid" "$(realpath "$bin")" "$work/greenroom.db" "$work/driver.log" <<'PY'
import json, os, socket, sqlite3, sys, time, urllib.request

port, native_port, driver_pid, binary, db = sys.argv[1:6]
base = f"http://127.0.0.1:{port}"

def wait_port(p, timeout=120):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", int(p)), 0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    alive = os.path.exists(f"/proc/{driver_pid}")
    sys.exit(f"nothing listens on port {p} (tauri-driver {'running' if alive else 'exited'}): "
             + open(sys.argv[6]).read())

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"null")["value"]

wait_port(port)
wait_port(native_port)
started = time.time()
session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
    "tauri:options": {"application": binary}}}})["sessionId"]
s = f"/session/{session}"

def js(script, *args):
    return call("POST", f"{s}/execute/sync", {"script": script, "args": list(args)})

def until(script, what, timeout=180, *args):
    end = time.time() + timeout
    while time.time() < end:
        v = js(script, *args)
        if v:
            return v
        time.sleep(0.2)
    sys.exit(f"timed out waiting for {what}")

def element(css):
    e = call("POST", f"{s}/element", {"using": "css selector", "value": css})
    return next(iter(e.values()))

def processes():
    """The app and its WebKit processes: descendants of tauri-driver, less WebKitWebDriver."""
    children = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append((int(pid), comm))
    found, todo = [], [int(driver_pid)]
    while todo:
        for pid, comm in children.get(todo.pop(), []):
            todo.append(pid)
            if comm.startswith("greenroom") or (comm.startswith("WebKit") and comm != "WebKitWebDriver"):
                found.append((pid, comm))
    return found

def measure(stage):
    rows, total = [], {"Uss": 0, "Pss": 0, "Rss": 0}
    for pid, comm in sorted(processes(), key=lambda p: p[1]):
        f = {}
        try:
            for line in open(f"/proc/{pid}/smaps_rollup"):
                k, _, v = line.partition(":")
                if v.strip().endswith("kB"):
                    f[k] = int(v.split()[0])
        except OSError:
            continue
        f["Uss"] = f.get("Private_Clean", 0) + f.get("Private_Dirty", 0)
        for k in total:
            total[k] += f.get(k, 0)
        rows.append(f"{comm} " + "/".join(f"{f.get(k, 0) / 1024:.0f}" for k in total))
    mb = {k: v / 1024 for k, v in total.items()}
    print(f"{stage:<34} USS {mb['Uss']:6.1f}  PSS {mb['Pss']:6.1f}  RSS {mb['Rss']:6.1f} MB"
          f"   [USS/PSS/RSS MB: {', '.join(rows)}]")

def web_processes():
    n = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            n += open(f"/proc/{pid}/comm").read().strip() == "WebKitWebProces"
        except OSError:
            pass
    return n

until("return document.querySelectorAll('#programme-list tr.programme-row').length", "the programme list")
print(f"list shown {time.time() - started:.1f} s after the session started; "
      f"{web_processes() - 1} other WebKit web process(es) on the machine share library pages (and so PSS)")
time.sleep(3)
measure("programme list loaded")

con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
guest, name, n = con.execute(
    "SELECT a.person_id, p.name, count(*) AS n FROM appearance a JOIN person p ON p.id = a.person_id "
    "WHERE a.role = ? GROUP BY a.person_id ORDER BY n DESC, a.person_id LIMIT 1",
    (os.environ.get("MEASURE_ROLE", "guest"),)).fetchone()
con.close()

box = element("#global-search")
call("POST", f"{s}/element/{box}/value", {"text": name})
until("return document.getElementById('search-person-' + arguments[0])", "the search result", 60, guest)
time.sleep(2)
measure(f"after searching {name!r}")

opened = time.time()
call("POST", f"{s}/element/{element('#search-person-' + guest)}/click", {})
shown = until("return document.querySelectorAll('#person-appearances tr.appearance-row').length",
              "the person page", 180)
opened = time.time() - opened
time.sleep(3)
measure(f"person page ({shown} appearances, shown in {opened:.1f} s)")
call("DELETE", s)
PY
