"""Log in through the test provider without a browser: the portal's test client on one side, HTTP on the other."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

PROVIDER_PASSWORD = "provider-password"  # idp/control.py's test users


class _Stop(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def provider_answer(authorize_url: str, username: str, password: str = PROVIDER_PASSWORD) -> str:
    """Follow the portal's redirect to the provider, sign in there, and return the address the provider sends the
    browser back to (the portal's callback with code and state, or with error=...)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _Stop())
    url, body = authorize_url, None
    for _ in range(10):
        if not url.startswith("http://127.0.0.1"):
            return url
        try:
            with opener.open(urllib.request.Request(url, data=body), timeout=15) as response:
                page = response.read().decode()
        except urllib.error.HTTPError as redirect:
            if redirect.code not in (301, 302, 303):
                raise
            url, body = urllib.parse.urljoin(url, redirect.headers["Location"]), None
            continue
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        next_url = re.search(r'name="next" value="([^"]*)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password,
                                       "next": next_url.replace("&amp;", "&")}).encode()
    raise AssertionError(f"the provider did not send the browser back: {url}")


def start(client, next_url: str = "") -> str:
    """The portal's first step: the provider's authorization address it redirects to."""
    response = client.get("/oidc/login/" + (f"?next={urllib.parse.quote(next_url)}" if next_url else ""))
    assert response.status_code == 302, response.status_code
    return response["Location"]


def callback_path(answer: str) -> str:
    parts = urllib.parse.urlsplit(answer)
    return f"{parts.path}?{parts.query}"


def log_in_with_region_account(client, username: str, next_url: str = ""):
    """The whole login; returns the portal's answer to the callback."""
    return client.get(callback_path(provider_answer(start(client, next_url), username)))
