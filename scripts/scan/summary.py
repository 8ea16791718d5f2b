#!/usr/bin/env python3
"""Read what one role's scan left in its directory and print its summary;
exit 1 when anything was found.

    summary.py ROLE_DIR ROLE

ROLE_DIR (var/security-scan/<role>/) holds:
  wapiti-crawl.json, wapiti.json  wapiti's JSON reports (the crawl; the attacks)
  crawled        "CRAWLED ATTACKED": requests crawled, and kept for the attacks
  sqlmap.out     sqlmap's console output; sqlmap/results-*.csv its injections
  server.log     the server's log (LOG_FORMAT=json; text lines are read too)
  session        "kept" or "lost": still signed in after both tools?
  modules        the wapiti modules run, comma-separated
  seconds        how long the role took

A finding is any of:
  * a wapiti vulnerability or anomaly (500 answers, time-outs) of any level;
  * a wapiti "additional" (informational) item, except the methods module's
    list of methods when it names none but OPTIONS (it writes that line for
    every page, even when the page only answers 405 to OPTIONS);
  * a row of sqlmap's results (an injectable parameter);
  * a 5xx answer in the server log, or a line it logged at ERROR level;
  * a 5xx that sqlmap or wapiti saw (also counted above, through the log);
  * a session that did not last to the end (the scan then did not see what
    the role sees, so it cannot pass).
"""

import glob
import json
import os
import re
import sys

SHOW = 8  # examples printed per kind of finding


def read(path, default=""):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return default


def wapiti_findings(report):
    found = []
    for kind in ("vulnerabilities", "anomalies"):
        for category, items in report.get(kind, {}).items():
            for item in items:
                found.append(f"wapiti {category}: {item['method']} {item['path']} {item['info']}")
    for category, items in report.get("additionals", {}).items():
        for item in items:
            if category == "HTTP Methods":
                listed = item["info"].rsplit(":", 1)[-1]
                methods = set(re.findall(r"\b([A-Z]+) \(\d+\)", listed))
                if methods <= {"OPTIONS"}:
                    continue
            found.append(f"wapiti {category}: {item['method']} {item['path']} {item['info']}")
    return found


def server_log(text):
    """(list of 5xx answers, list of ERROR lines) from the server's log."""
    fives, errors = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if isinstance(entry, dict):
            fields = entry.get("fields", {})
            span = entry.get("span", {})
            status = fields.get("status")
            where = f"{span.get('method', '?')} {span.get('path', '?')}"
            if isinstance(status, int) and status >= 500:
                fives.append(f"{status} {where}")
            if entry.get("level") == "ERROR":
                errors.append(f"{where}: {fields.get('message', '')} {fields.get('error', '')}".strip())
            continue
        # LOG_FORMAT=text: "... WARN request{id=.. method=GET path=/x}: status=500 ms=1.0 request"
        m = re.search(r"method=(\S+) path=(\S+?)\}.*\bstatus=(5\d\d)\b", line)
        if m:
            fives.append(f"{m.group(3)} {m.group(1)} {m.group(2)}")
        if re.search(r"\bERROR\b", line):
            errors.append(line[:300])
    return fives, errors


def sqlmap_results(role_dir):
    """(injections, 5xx counts seen by sqlmap, number of targets)."""
    injections = []
    for path in glob.glob(os.path.join(role_dir, "sqlmap", "results-*.csv")):
        rows = read(path).splitlines()[1:]
        injections += [f"sqlmap injection: {row}" for row in rows if row.strip()]
    out = read(os.path.join(role_dir, "sqlmap.out"))
    fives = {}
    for code, times in re.findall(r"^(5\d\d) \([^)]*\) - (\d+) times", out, re.M):
        fives[code] = fives.get(code, 0) + int(times)
    targets = len(re.findall(r"^\[\d+/\d+\] (?:URL|Form):", out, re.M))
    tested = len(set(re.findall(r"testing for SQL injection on (\S+ parameter '[^']*')", out)))
    return injections, fives, targets, tested


def main(argv):
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    role_dir, role = argv[1], argv[2]
    findings = []

    report_text = read(os.path.join(role_dir, "wapiti.json"))
    if report_text:
        report = json.loads(report_text)
        version = report["infos"].get("version", "wapiti")
        wapiti_found = wapiti_findings(report)
        wapiti_500 = len(report.get("anomalies", {}).get("Internal Server Error", []))
    else:
        version, wapiti_500 = "wapiti", 0
        wapiti_found = ["wapiti wrote no report (see wapiti.out)"]
    crawl_text = read(os.path.join(role_dir, "wapiti-crawl.json"))
    if crawl_text:
        wapiti_found += wapiti_findings(json.loads(crawl_text))
    findings += wapiti_found
    crawled, _, attacked = read(os.path.join(role_dir, "crawled"), "? ?").strip().partition(" ")
    modules = read(os.path.join(role_dir, "modules")).strip()

    injections, sqlmap_5xx, targets, tested = sqlmap_results(role_dir)
    findings += injections
    if not os.path.exists(os.path.join(role_dir, "sqlmap.out")):
        findings.append("sqlmap did not run (see the log above)")

    fives, errors = server_log(read(os.path.join(role_dir, "server.log")))
    findings += [f"server answered {f}" for f in fives]
    findings += [f"server logged an error: {e}" for e in errors]
    for code, times in sorted(sqlmap_5xx.items()):
        findings.append(f"sqlmap saw {code} {times} times")

    session = read(os.path.join(role_dir, "session")).strip() or "unknown"
    if session != "kept":
        findings.append("the session did not last to the end of the scan: pages after that were seen anonymously")

    seconds = read(os.path.join(role_dir, "seconds")).strip()
    took = f"{int(seconds) // 60} min {int(seconds) % 60:02d} s" if seconds.isdigit() else "?"
    n_modules = len([m for m in modules.split(",") if m])
    print(f"== {role}: {'FINDINGS' if findings else 'clean'} ({took})")
    print(f"   {version}: {crawled} URLs and forms crawled, {attacked} attacked (one of each kind) "
          f"by {n_modules} modules: {len(wapiti_found)} findings")
    print(f"     modules: {modules}")
    print(f"   sqlmap: {targets} targets, {tested} parameters tested; {len(injections)} injections")
    print(f"   5xx: {len(fives)} in the server log (wapiti saw {wapiti_500}, "
          f"sqlmap {sum(sqlmap_5xx.values())}); {len(errors)} errors logged; session {session}")
    for line in findings[:SHOW * 3]:
        print(f"   - {line}")
    if len(findings) > SHOW * 3:
        print(f"   - ... and {len(findings) - SHOW * 3} more (see {role_dir})")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
