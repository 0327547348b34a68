"""Two portal instances behind one load balancer: they share logins and refuse each other's stale edits.

Like test_faults.py, the test starts its own PostgreSQL server in a temporary folder (pgserver's
binaries) and two gunicorn processes on loopback, so it touches no shared server.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-portal-2026"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def own_postgres(tmp_path):
    import pgserver

    server = pgserver.get_server(tmp_path / "pgdata", cleanup_mode="delete")
    server.psql("CREATE DATABASE portal;")
    socket_dir = server.get_postmaster_info().socket_dir
    yield {"url": f"postgres://postgres@/portal?host={socket_dir}", "host": str(socket_dir)}
    server.cleanup()


def _wait_until_up(base, process):
    for _ in range(150):  # up to about 30 seconds
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn for {base} exited with {process.returncode}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except OSError:  # refused, reset or timed out while gunicorn starts
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn for {base} did not answer")


@pytest.fixture
def two_instances(own_postgres, tmp_path):
    env = {**os.environ, "DATABASE_URL": own_postgres["url"], "SECURE_SSL_REDIRECT": "0", "DEBUG": "0",
           "STATIC_MANIFEST": "0", "WHITENOISE_USE_FINDERS": "1", "CONN_MAX_AGE": "300",
           # plain HTTP on loopback: cookies without the Secure flag
           "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
           # instances behind one load balancer share their configuration, the key included
           "SECRET_KEY": "two-instances-test-key-3f9c2a7e5d1b8046a9e2c7f1d3b5e8a0"}
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--no-input"], ["load_strategy"], ["load_demo", "--allow-production"]):
        subprocess.run(manage + command, cwd=PROJECT, env=env, check=True, capture_output=True)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    processes, bases = [], []
    try:
        for name in ("a", "b"):
            port = _free_port()
            log = open(tmp_path / f"gunicorn-{name}.log", "wb")  # closed after the process ends
            processes.append((subprocess.Popen(
                [str(gunicorn), "strategy_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT), log))
            bases.append(f"http://127.0.0.1:{port}")
        for base, (process, _log) in zip(bases, processes, strict=True):
            _wait_until_up(base, process)
        yield bases
    finally:
        for process, log in processes:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
            log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the test looks at the 302 itself


def _request(opener, url, data=None):
    """(status, body, Location) of one request; redirects are not followed."""
    body = urlencode(data, doseq=True).encode() if data is not None else None
    try:
        response = opener.open(urllib.request.Request(url, data=body), timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.read().decode(), response.headers.get("Location", "")


class _FormFields(HTMLParser):
    """The fields of the first form without an `action` (the page's own form, not the log-out button),
    as a browser would submit them."""

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
        elif tag == "input" and a.get("name"):
            if a.get("type") not in ("checkbox", "radio"):
                self.fields.append((a["name"], a.get("value") or ""))
            elif "checked" in a:
                self.fields.append((a["name"], a.get("value") or "on"))  # a browser sends "on" without a value
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
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


def _form(html, **changes):
    fields = [(name, value) for name, value in _FormFields(html).fields if name not in changes]
    return fields + list(changes.items())


def _log_in(opener, base, username):
    _status, page, _ = _request(opener, base + "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, _body, location = _request(opener, base + "/accounts/login/", {
        "username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert status == 302 and "/accounts/login/" not in location


def _initiative_in_db(own_postgres, pk):
    import psycopg2

    with psycopg2.connect(dbname="portal", user="postgres", host=own_postgres["host"]) as connection:
        with connection.cursor() as cursor:
            cursor.execute("SELECT progress, version FROM actionplans_initiative WHERE id = %s", [pk])
            progress, version = cursor.fetchone()
            cursor.execute("SELECT reason FROM actionplans_adjustment WHERE plan_id = (SELECT g.plan_id "
                           "FROM actionplans_initiative i JOIN actionplans_goal g ON g.id = i.goal_id WHERE i.id = %s)",
                           [pk])
            reasons = [row[0] for row in cursor.fetchall()]
    connection.close()
    return progress, version, reasons


def test_two_instances_share_logins_and_refuse_each_others_stale_edits(two_instances, own_postgres):
    a, b = two_instances
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect)

    # Logged in on A, the same session cookie is a login on B (sessions live in the database).
    assert _request(opener, b + "/plans/")[0] == 302  # not logged in yet: to the login page
    _log_in(opener, a, "demo-sundhed")
    status, page, location = _request(opener, b + "/plans/")
    assert (status, location) == (200, "")
    assert "Sundhed" in page

    # The example plans are history: start the revision on A, carrying everything forward.
    status, page, _ = _request(opener, a + "/plans/area/sundhed/start-revision/")
    assert status == 200
    fields = _form(page)
    assert any(name == "initiatives" for name, _value in fields)
    status, _body, location = _request(opener, a + "/plans/area/sundhed/start-revision/", fields)
    assert status == 302
    draft = re.search(r"/plans/(\d+)/$", location).group(1)
    status, page, _ = _request(opener, b + f"/plans/{draft}/")
    assert status == 200
    initiative = re.search(r'href="/plans/initiatives/(\d+)/edit/"', page).group(1)
    edit = f"/plans/initiatives/{initiative}/edit/"

    # Both instances show the same version of the initiative in the edit form.
    form_a, form_b = (_request(opener, base + edit) for base in (a, b))
    assert form_a[0] == form_b[0] == 200
    version = dict(_form(form_a[1]))["version"]
    assert dict(_form(form_b[1]))["version"] == version

    status, _body, location = _request(opener, a + edit, _form(form_a[1], progress="41", reason="Saved on A"))
    assert (status, location) == (302, f"/plans/{draft}/")

    # B's form still carries the old version: refused, with the user's input kept, and A's value stays.
    status, page, _ = _request(opener, b + edit, _form(form_b[1], progress="87", reason="Saved on B"))
    assert status == 409
    assert dict(_form(page))["progress"] == "87"
    assert dict(_form(page))["version"] == str(int(version) + 1)
    progress, db_version, reasons = _initiative_in_db(own_postgres, initiative)
    assert (progress, db_version) == (41, int(version) + 1)
    assert "Saved on A" in reasons and "Saved on B" not in reasons
