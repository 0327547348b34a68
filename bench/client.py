"""A browser-like session on loopback (urllib with a cookie jar), the fields of a page's form, percentiles."""

import math
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from urllib.parse import urlencode

PASSWORD = "demo-portal-2026"


@dataclass
class Response:
    status: int  # 0: no answer (connection refused or reset, timeout)
    body: str
    location: str
    seconds: float


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # 302 after a save is the answer we measure


class Session:
    """One user's cookies. Redirects are not followed."""

    def __init__(self, base: str, timeout: float = 60):
        assert base.startswith("http://127.0.0.1:"), "benchmarks talk to loopback only"
        self.base, self.timeout = base, timeout
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect)

    def request(self, path: str, data=None) -> Response:
        body = urlencode(data, doseq=True).encode() if data is not None else None
        started = time.perf_counter()
        try:
            try:
                response = self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=self.timeout)
            except urllib.error.HTTPError as error:
                response = error
            content = response.read()
        except (OSError, urllib.error.URLError) as error:
            return Response(0, str(error), "", time.perf_counter() - started)
        text = content.decode(errors="replace") if b"<html" in content[:500].lower() else ""
        return Response(response.status, text, response.headers.get("Location", ""), time.perf_counter() - started)

    def log_in(self, username: str) -> None:
        page = self.request("/accounts/login/").body
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        answer = self.request("/accounts/login/", {"username": username, "password": PASSWORD,
                                                   "csrfmiddlewaretoken": token})
        if answer.status != 302 or "/login/" in answer.location:
            raise RuntimeError(f"log-in of {username} failed: {answer.status}")


class _FormFields(HTMLParser):
    """The fields of the page's first form without an `action` (not the log-out button), as a browser sends them."""

    def __init__(self, html):
        super().__init__()
        self.fields, self._in_form, self._done, self._select, self._textarea = [], False, False, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self._done and not a.get("action"):
            self._in_form = True
        elif not self._in_form:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio"):
                self.fields.append((a["name"], a.get("value") or ""))
            elif "checked" in a:
                self.fields.append((a["name"], a.get("value") or "on"))  # a browser sends "on" without a value
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.fields.append((self._textarea, ""))

    def handle_data(self, data):
        if self._textarea:
            self.fields[-1] = (self._textarea, self.fields[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(html: str, **changes) -> list[tuple[str, str]]:
    """What submitting the page's form sends, with some fields replaced."""
    return [(n, v) for n, v in _FormFields(html).fields if n not in changes] + list(changes.items())


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]
