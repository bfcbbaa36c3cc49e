#!/usr/bin/env python3
"""Whole-process times of the `greenroom` command line (release build) against
`sqlite3` running the equivalent query on the same small archive, and of a one-page
PDF export against LibreOffice converting the same run-sheet from HTML.

    scripts/bench-cli.py [RUNS]        # RUNS per command, default 200 (LibreOffice: 10)

Each figure is the median wall time of a whole process, spawn to exit, output to
/dev/null; the font index is warm (one export first), as on any run after the first.
LibreOffice (`soffice`, package libreoffice-writer-nogui) is measured only if installed.
"""
import html
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "greenroom")


def timed(argv, runs, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def greenroom(db, *args):
    out = subprocess.run([BIN, "--db", db, *args], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "greenroom-cli"],
                   cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="bench-cli-")
    try:
        db = os.path.join(work, "small.db")
        example = greenroom(db, "programme", "example")
        for i in range(1, 21):
            greenroom(db, "programme", "add", "--title", f"Question {i}?",
                      "--series", "Inside Story", "--presenter", "Dareen Abughaida",
                      "--guest", f"Guest {i} – Analyst at Institute {i}",
                      "--guest", f"Other {i} – Professor at University {i}",
                      # "Guest 10" nearly matches "Guest 1": new people all the same.
                      "--new-person", f"Guest {i}", "--new-person", f"Other {i}",
                      "--air", f"2025-06-{i:02d}T19:30", "--tz", "Asia/Qatar", "--slot", "25m")
        pdf = os.path.join(work, "sheet.pdf")
        md = os.path.join(work, "sheet.md")
        greenroom(db, "export", example, "--format", "pdf", "--out", pdf)  # warms the font index
        greenroom(db, "export", example, "--format", "md", "--out", md)
        sheet_html = os.path.join(work, "sheet.html")
        with open(md, encoding="utf-8") as f, open(sheet_html, "w", encoding="utf-8") as out:
            out.write("<!doctype html><meta charset=utf-8><body>")
            for line in f:
                out.write(f"<p>{html.escape(line.strip())}</p>\n")
        rows = [
            ("--version", [BIN, "--version"], ["sqlite3", "-version"]),
            ("programme list --limit 50 --json",
             [BIN, "--db", db, "programme", "list", "--limit", "50", "--json"],
             ["sqlite3", "-json", db,
              "SELECT id, title, series, air_at, status FROM programme "
              "ORDER BY air_at DESC LIMIT 50"]),
            ("programme show ID --json",
             [BIN, "--db", db, "programme", "show", example, "--json"],
             ["sqlite3", "-json", db,
              f"SELECT * FROM programme WHERE id = '{example}'"]),
            ("search ceasefire --json",
             [BIN, "--db", db, "search", "ceasefire", "--json"],
             ["sqlite3", "-json", db,
              "SELECT rowid FROM programme_fts WHERE programme_fts MATCH 'ceasefire' LIMIT 20"]),
        ]
        print(f"{'command':40} {'greenroom':>10} {'sqlite3':>9} {'ratio':>6}")
        for name, ours, theirs in rows:
            a = timed(ours, runs)
            b = timed(theirs, runs)
            print(f"{name:40} {a:8.2f}ms {b:7.2f}ms {a / b:5.1f}x")
        export = [BIN, "--db", db, "export", example, "--format", "pdf", "--out", pdf]
        ours = timed(export, max(20, runs // 10))
        print(f"{'export ID --format pdf':40} {ours:8.2f}ms")
        soffice = shutil.which("soffice")
        if soffice:
            profile = "file://" + os.path.join(work, "lo-profile")
            convert = [soffice, f"-env:UserInstallation={profile}", "--headless",
                       "--convert-to", "pdf", "--outdir", work, sheet_html]
            subprocess.run(convert, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=True)  # its first run creates the profile
            theirs = timed(convert, 10)
            print(f"{'LibreOffice --convert-to pdf (HTML)':40} {theirs:8.2f}ms "
                  f"-> greenroom is {theirs / ours:.1f}x faster")
        else:
            print("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
