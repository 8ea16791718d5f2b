#!/usr/bin/env python3
"""Between wapiti's crawl and its attacks: keep one request of each kind.

    wapiti_dedupe.py SESSION_DIR

SESSION_DIR is wapiti's --store-session directory after a crawl-only run
(`-m ""`); its one *.db file is wapiti's SQLite session (wapiti 3.2.3's
schema: tables paths, params, attack_logs, payloads). Requests that differ
only by an id in the path and carry the same parameter names are one kind:
the admin's form for each of 14 employees is one handler with one form, and
attacking it 14 times (about 40,000 requests, most of the admin's scan) finds
nothing that once would not. The first of each kind is kept, the others are
removed the way wapiti's own --max-parameters removes a request; the attack
run (`--skip-crawl`) then sees only what is left. Home-visit steps keep their
step name in the path, so each step's form stays.

Prints "KEPT CRAWLED" on stdout.
"""

import glob
import os
import re
import sqlite3
import sys

ID_IN_PATH = re.compile(
    r"/(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\d+)(?=/|$|\?)"
)


def main(argv):
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    found = glob.glob(os.path.join(argv[1], "*.db"))
    if len(found) != 1:
        raise SystemExit(f"wapiti_dedupe: expected one session database in {argv[1]}, found {len(found)}")
    db = sqlite3.connect(found[0])
    names = {}
    for path_id, kind, name in db.execute("select path_id, type, name from params"):
        names.setdefault(path_id, set()).add(f"{kind}:{name}")
    seen = set()
    drop = []
    rows = db.execute("select path_id, path, method, enctype from paths where not evil order by path_id").fetchall()
    for path_id, url, method, enctype in rows:
        key = (method, enctype, ID_IN_PATH.sub("/{id}", url.split("?", 1)[0]), frozenset(names.get(path_id, ())))
        if key in seen:
            drop.append(path_id)
        else:
            seen.add(key)
    with db:
        for path_id in drop:
            db.execute("delete from payloads where evil_path_id = ? or original_path_id = ?", (path_id, path_id))
            db.execute("delete from attack_logs where path_id = ?", (path_id,))
            db.execute("delete from params where path_id = ?", (path_id,))
            db.execute("delete from paths where path_id = ?", (path_id,))
    print(len(rows) - len(drop), len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
