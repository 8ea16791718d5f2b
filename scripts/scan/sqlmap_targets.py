#!/usr/bin/env python3
"""The requests wapiti crawled, as targets for sqlmap: one request per page
and set of parameter names, written as a Burp proxy log that `sqlmap -l`
reads (GET and POST, with their form bodies).

    sqlmap_targets.py WAPITI_REPORT.json BASE_URL EXCLUDED_PATH... > targets.log

WAPITI_REPORT.json is wapiti's JSON report made with `-dr 1` (its `infos` then
list every request crawled, with the POST fields). sqlmap's own crawler finds
far fewer of our pages (it reads links with a regular expression and misses
`&#38;` between parameters), so it is given wapiti's list instead.

Left out: requests without parameters (nothing to inject), static files,
EXCLUDED_PATHs (sign-out and the language switch, as for wapiti), and repeats:
pages that differ only by an id in the path (`/callbacks/<uuid>/close`) and
carry the same parameter names count once. Prints on stderr how many were kept.
"""

import json
import re
import sys
import urllib.parse

ID_IN_PATH = re.compile(r"/(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\d+)(?=/|$)")
SEPARATOR = "=" * 54


def main(argv):
    if len(argv) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    report, base, excluded = argv[1], argv[2].rstrip("/"), set(argv[3:])
    with open(report, encoding="utf-8") as f:
        pages = json.load(f)["infos"].get("crawled_pages")
    if pages is None:
        raise SystemExit("sqlmap_targets: the wapiti report lists no crawled pages (run wapiti with -dr 1)")
    host = urllib.parse.urlsplit(base).netloc
    seen = set()
    kept = 0
    for page in pages:
        req = page["request"]
        url = req["url"]
        method = req["method"].upper()
        parts = urllib.parse.urlsplit(url)
        if parts.netloc != host or parts.path in excluded or parts.path.startswith("/static/"):
            continue
        get_names = [k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
        post = [(k, v) for k, v in (req.get("post_params") or [])]
        names = tuple(sorted(set(get_names) | {k for k, _ in post} - {"_csrf"}))
        if not names:
            continue
        key = (method, ID_IN_PATH.sub("/{id}", parts.path), names)
        if key in seen:
            continue
        seen.add(key)
        kept += 1
        lines = [SEPARATOR, f"{method} {url} HTTP/1.1", f"Host: {host}"]
        body = None
        if method != "GET":
            body = urllib.parse.urlencode(post)
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body.encode())}"]
        lines.append("")
        if body is not None:
            lines.append(body)
        lines += [SEPARATOR, "", ""]
        sys.stdout.write("\n".join(lines))
    print(f"sqlmap_targets: {kept} targets from {len(pages)} requests crawled", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
