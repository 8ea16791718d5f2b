#!/usr/bin/env python3
"""Sign in to a running Okienko as a browser would, for the attack tools of
scripts/security-scan.sh, and print the session cookie.

    sign_in.py BASE_URL LOGIN            (password from OKIENKO_SCAN_PASSWORD)
    sign_in.py --check BASE_URL COOKIE   (exit 0 while COOKIE is still signed in)

Prints one line, `NAME=VALUE`, the session cookie: wapiti takes it as
`-C NAME=VALUE`, sqlmap as `--cookie=NAME=VALUE`, curl as `-b NAME=VALUE`.

Every step is read from the page, not assumed: the first form with a password
field is filled in (its hidden fields, the CSRF token `_csrf` among them, are
sent back as they are), then redirects are followed, and when the page reached
asks for a one-time code (a form with a field named `code`: the TOTP second
step for admin, director and other roles that require it) the code is computed
from the base32 secret in OKIENKO_DEMO_TOTP_SECRET (with pyotp, from the
scan's virtual environment) and sent the same way. The sign-in has succeeded
when a page is reached that asks for nothing more.

Python's standard library only, apart from pyotp for the second step. Cookies
are kept by hand rather than in http.cookiejar: the scan's server marks them
`Secure` (as behind its TLS proxy) while it is reached over plain HTTP on the
loopback, and a cookie jar would not send a Secure cookie back over HTTP.
"""

import html.parser
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

# The field names of the sign-in steps. The password step is recognised by its
# <input type="password">; these are the ones we fill in.
LOGIN_FIELD = "login"
PASSWORD_FIELD = "password"
CODE_FIELD = "code"
# Env var holding the demo accounts' shared TOTP secret (base32).
TOTP_SECRET_ENV = "OKIENKO_DEMO_TOTP_SECRET"
# The session cookie is `okienko_session`, or `__Host-okienko_session` when the
# server sets Secure cookies.
SESSION_COOKIE_SUFFIX = "okienko_session"
MAX_STEPS = 8


class Form:
    def __init__(self, action, method):
        self.action = action
        self.method = method
        # (name, type, value) in page order; checkboxes only when checked
        self.fields = []

    def has(self, name):
        return any(n == name for n, _, _ in self.fields)

    def has_type(self, kind):
        return any(t == kind for _, t, _ in self.fields)


class FormParser(html.parser.HTMLParser):
    """The page's forms with their fields; enough HTML for our own pages."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.current = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.current = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and "name" in a:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "image", "reset"):
                return
            self.current.fields.append((a["name"], kind, a.get("value", "")))
        elif tag == "textarea" and "name" in a:
            self.textarea = [a["name"], ""]
        elif tag == "select" and "name" in a:
            self.current.fields.append((a["name"], "select", ""))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None and self.current is not None:
            self.current.fields.append((self.textarea[0], "textarea", self.textarea[1]))
            self.textarea = None
        elif tag == "form":
            self.current = None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """GET and POST with cookies kept by hand and redirects followed by us."""

    def __init__(self, base):
        self.base = base.rstrip("/")
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, url, data=None):
        """(status, final URL, body) after following redirects."""
        for _ in range(MAX_STEPS):
            req = urllib.request.Request(urllib.parse.urljoin(self.base + "/", url), data=data)
            if self.cookies:
                req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
            if data is not None:
                req.add_header("Content-Type", "application/x-www-form-urlencoded")
            try:
                res = self.opener.open(req, timeout=60)
            except urllib.error.HTTPError as e:
                res = e  # 3xx (not followed by urllib), 4xx, 5xx: read them all the same
            status = res.status if hasattr(res, "status") else res.code
            for header in res.headers.get_all("Set-Cookie") or []:
                pair = header.split(";", 1)[0]
                name, _, value = pair.partition("=")
                attrs = header.lower()
                if value == "" or "max-age=0" in attrs:
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value.strip()
            body = res.read().decode("utf-8", "replace")
            if status in (301, 302, 303, 307, 308):
                url = res.headers["Location"]
                data = None  # 303 after a POST: GET the new place
                continue
            return status, req.full_url, body
        raise SystemExit(f"sign_in: more than {MAX_STEPS} redirects from {url}")

    def submit(self, page_url, form, values):
        """Send FORM from PAGE_URL with its own fields, VALUES filled in."""
        pairs = [(n, values.get(n, v)) for n, _, v in form.fields]
        data = urllib.parse.urlencode(pairs).encode()
        action = urllib.parse.urljoin(page_url, form.action or page_url)
        return self.request(action, data)

    def session_cookie(self):
        for name, value in self.cookies.items():
            if name.endswith(SESSION_COOKIE_SUFFIX):
                return f"{name}={value}"
        return None


def forms_of(body):
    parser = FormParser()
    parser.feed(body)
    return parser.forms


def totp_now():
    secret = os.environ.get(TOTP_SECRET_ENV, "").strip()
    if not secret:
        raise SystemExit(f"sign_in: the page asks for a one-time code, but {TOTP_SECRET_ENV} is not set")
    try:
        import pyotp
    except ImportError:
        raise SystemExit("sign_in: the page asks for a one-time code, and pyotp is not installed")
    return pyotp.TOTP(secret).now()


def sign_in(base, login, password):
    """Sign LOGIN in at BASE, following a second step if the site asks for
    one; returns the session cookie as NAME=VALUE. Every sign-in of the scan
    goes through here, so a new step only needs to be taught here."""
    browser = Browser(base)
    status, url, body = browser.request("/login")
    sent_password = sent_code = False
    for _ in range(MAX_STEPS):
        forms = [f for f in forms_of(body) if f.method == "post"]
        password_form = next((f for f in forms if f.has_type("password") and f.has(LOGIN_FIELD)), None)
        code_form = next((f for f in forms if f.has(CODE_FIELD)), None)
        if password_form is not None:
            if sent_password:
                raise SystemExit(f"sign_in: {login}: the password was not accepted (HTTP {status} at {url})")
            sent_password = True
            status, url, body = browser.submit(url, password_form, {LOGIN_FIELD: login, PASSWORD_FIELD: password})
            continue
        if code_form is not None:
            if sent_code:
                raise SystemExit(f"sign_in: {login}: the one-time code was not accepted (HTTP {status} at {url})")
            sent_code = True
            status, url, body = browser.submit(url, code_form, {CODE_FIELD: totp_now()})
            continue
        if status != 200:
            raise SystemExit(f"sign_in: {login}: not signed in (HTTP {status} at {url})")
        cookie = browser.session_cookie()
        if cookie is None:
            raise SystemExit(f"sign_in: {login}: signed in, but no session cookie was set")
        if not check(base, cookie):
            raise SystemExit(f"sign_in: {login}: the session cookie does not open the home page")
        return cookie
    raise SystemExit(f"sign_in: {login}: more than {MAX_STEPS} steps")


def check(base, cookie):
    """True while COOKIE is signed in: `/` answers 200 (an anonymous visitor is
    sent to /login)."""
    req = urllib.request.Request(base.rstrip("/") + "/", headers={"Cookie": cookie})
    try:
        res = urllib.request.build_opener(NoRedirect).open(req, timeout=60)
    except urllib.error.HTTPError as e:
        return False
    return res.status == 200


def main(argv):
    if len(argv) == 4 and argv[1] == "--check":
        return 0 if check(argv[2], argv[3]) else 1
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    password = os.environ.get("OKIENKO_SCAN_PASSWORD")
    if not password:
        raise SystemExit("sign_in: OKIENKO_SCAN_PASSWORD is not set")
    print(sign_in(argv[1], argv[2], password))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
