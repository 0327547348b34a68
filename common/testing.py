"""Test helpers for every app's tests and the benchmarks. Imports no app of the portal at module level.

- rules: a rule holds in model validation and in the database (`refusal`, `non_field`, `refused_by_database`);
  the longest text a field takes (`longest_text`);
- Django admin: its URLs and the data of its forms (`admin_url`, `model_url`, `form_data`);
- the browser (Playwright): `log_in`, `assert_accessible`, `assert_fits_phone`, the `DESKTOP` and `PHONE` sizes;
- a live portal: a private PostgreSQL (`private_postgres`), its database ready for the demo
  (`prepare_database`), gunicorn on a free loopback port (`running_portal`) and a client with a cookie jar
  (`Client`) that submits a page's form as a browser does (`form_fields`).
"""

import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import override

PROJECT = Path(__file__).resolve().parents[1]

# The password of every user the tests make (accounts.tests.factories.UserFactory).
PASSWORD = "correct-horse-battery-staple"


def refusal(obj, *, language: str = "en") -> dict[str, list[str]]:
    """Run full_clean() in the given language; return the errors by field (NON_FIELD_ERRORS for the row)."""
    with override(language), pytest.raises(ValidationError) as caught:
        obj.full_clean()
    with override(language):
        return {field: [str(m) for m in messages] for field, messages in caught.value.message_dict.items()}


def non_field(errors: dict[str, list[str]]) -> list[str]:
    return errors.get(NON_FIELD_ERRORS, [])


@contextmanager
def refused_by_database(constraint: str, *models):
    """The block must fail with an IntegrityError from the named constraint and leave the row counts as they were.
    The block runs in its own savepoint, so the test can go on using the database."""
    before = {model: model.objects.count() for model in models}
    with pytest.raises(IntegrityError) as caught:
        with transaction.atomic():
            yield
    refused_by = caught.value.__cause__.diag.constraint_name
    assert refused_by == constraint, f"refused by {refused_by}, expected {constraint}"
    assert {model: model.objects.count() for model in models} == before


def longest_text(model, field: str, line: str = "Samarbejdet om genoptræning fortsætter i hele planperioden.") -> str:
    """As much text as `model.field` takes: `line` again and again, a line each, cut at the field's max_length.
    A `line` of one letter gives the most lines."""
    limit = model._meta.get_field(field).max_length
    return ((line + "\n") * (limit // (len(line) + 1) + 1))[:limit]


# --- Django admin ---------------------------------------------------------------------------------


def admin_url(name: str, *args, lang: str = "da") -> str:
    """An admin URL in the given language (Danish has no prefix, English lives under /en/)."""
    with override(lang):
        return reverse(f"admin:{name}", args=args)


def model_url(model, view: str, *args, lang: str = "da") -> str:
    return admin_url(f"{model._meta.app_label}_{model._meta.model_name}_{view}", *args, lang=lang)


def form_data(response) -> dict:
    """The POST data of a form page (the portal's or admin's add or change page) as rendered, for a test to
    change and send back."""
    data = {}

    def add(form):
        for bound_field in form:
            value = bound_field.value()
            if value is None or value is False:
                continue
            widget = bound_field.field.widget
            # The value as the form loaded it goes back too, as the page's hidden initial input would send it.
            names = [bound_field.html_name] + ([bound_field.html_initial_name]
                                               if bound_field.field.show_hidden_initial else [])
            for name in names:
                if isinstance(widget, forms.MultiWidget) and name == bound_field.html_name:
                    for index, part in enumerate(widget.decompress(value)):  # date and time, in two inputs
                        data[f"{name}_{index}"] = str(part)
                elif value is True:
                    data[name] = "on"
                elif isinstance(value, list | tuple):
                    data[name] = [str(getattr(item, "pk", item)) for item in value]
                else:
                    data[name] = str(getattr(value, "pk", value))

    if "adminform" not in response.context:  # a page of the portal
        add(response.context["form"])
        return data
    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


# --- The browser (Playwright; the fixtures browser, browser_context and page are in conftest.py) ----------

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login page, by default with the test users' password."""
    page.goto("/accounts/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """Run axe-core's WCAG 2.0/2.1 A and AA rules on the page and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                             "wcag21aa"]}})
    violations = [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]
    assert violations == [], f"{page.url}: {violations}"


def assert_fits_phone(page) -> None:
    """Nothing on the page is wider than a phone's screen."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} overflows a phone's width by {overflow}px"


# --- A live portal: private PostgreSQL, gunicorn on loopback, an HTTP client ------------------------

# Plain HTTP on loopback (no redirect to HTTPS, cookies without the Secure flag), production otherwise.
LIVE_SETTINGS = {"SECURE_SSL_REDIRECT": "0", "DEBUG": "0", "STATIC_MANIFEST": "0", "WHITENOISE_USE_FINDERS": "1",
                 "CONN_MAX_AGE": "300", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PrivatePostgres:
    url: str  # DATABASE_URL of the empty database, over the server's Unix socket
    host: str  # the socket folder, for psycopg2.connect(host=...)
    database: str
    server: object  # pgserver's handle: pgdata, log, get_pid()

    def stop(self) -> None:
        """Stop the server (fast shutdown: open connections are cut)."""
        from pgserver._commands import pg_ctl

        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.server.pgdata, user=self.server.system_user)

    def start(self) -> None:
        """Start the stopped server again, on the same socket."""
        from pgserver._commands import pg_ctl

        socket_dir = self.server.get_postmaster_info().socket_dir
        pg_ctl(["-w", "-o", '-h ""', "-o", f"-k {socket_dir}", "-l", str(self.server.log), "start"],
               pgdata=self.server.pgdata, user=self.server.system_user)
        self.server.ensure_postgres_running()  # finds it running: the clean-up afterwards stops this one

    @contextmanager
    def frozen(self):
        """The server frozen for the block: the postmaster and all its processes stopped (SIGSTOP). The kernel
        still accepts connections into the listen queue, but nothing answers. They go on (SIGCONT) afterwards,
        whatever happens in the block."""
        import psutil

        postmaster = psutil.Process(self.server.get_pid())
        postmaster.suspend()  # first, so that it starts no new process meanwhile
        processes = [postmaster]
        try:
            for child in postmaster.children(recursive=True):
                with suppress(psutil.NoSuchProcess):  # a backend that has just ended
                    child.suspend()
                    processes.append(child)
            yield
        finally:
            for process in processes:
                with suppress(psutil.NoSuchProcess):
                    process.resume()


@contextmanager
def private_postgres(database: str = "portal"):
    """A PostgreSQL server of its own (pgserver's binaries) in a temporary folder, listening on a Unix socket
    only, with an empty `database`. Stopped and deleted afterwards.

    Not in pytest's tmp_path: every pytest session that starts makes /tmp/pytest-of-<user> private to its
    user again, and pgserver's system user could then no longer reach the data to stop the server."""
    import pgserver

    with tempfile.TemporaryDirectory(prefix="portal-postgres-") as folder:
        server = pgserver.get_server(Path(folder) / "pgdata", cleanup_mode="delete")
        try:
            server.psql(f"CREATE DATABASE {database};")
            socket_dir = server.get_postmaster_info().socket_dir
            yield PrivatePostgres(url=f"postgres://postgres@/{database}?host={socket_dir}", host=str(socket_dir),
                                  database=database, server=server)
        finally:
            server.cleanup()


def prepare_database(env: dict) -> None:
    """Migrate the database of `env` and load the starting data and the demo users and plans."""
    for command in (["migrate", "--no-input"], ["load_strategy"], ["load_demo", "--allow-production"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT, env=env, check=True,
                       capture_output=True)


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    """Wait until /healthz answers (about 30 seconds at most); fail if the server exits first."""
    for _ in range(150):
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn for {base} exited with {process.returncode}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except OSError:  # refused, reset or timed out while gunicorn starts; 503 without a database
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn for {base} did not answer /healthz")


@contextmanager
def running_portal(env: dict, log: Path, *args: str):
    """gunicorn serving the portal with `env` on a free loopback port, with more command line `args`
    (e.g. "--workers", "1"); yields its base URL once /healthz answers and stops it afterwards.
    Its output goes to the file `log`."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with open(log, "wb") as out:
        process = subprocess.Popen([str(gunicorn), "strategy_portal.wsgi", *args, "--bind", f"127.0.0.1:{port}"],
                                   cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(base, process)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


@dataclass
class Response:
    status: int  # 0: no answer (connection refused or reset, timeout)
    body: str  # the text of a text/* answer (an HTML page, /healthz); empty for files such as PDF
    location: str
    seconds: float  # from sending to the last byte


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the caller looks at the 302 itself


class Client:
    """One user's session with the portal on loopback: urllib with a cookie jar. Redirects are not followed.
    Clients of several instances that share `cookies` are one browser (cookies ignore the port)."""

    def __init__(self, base: str, timeout: float = 30, cookies: CookieJar | None = None):
        assert base.startswith("http://127.0.0.1:"), "only the portal on loopback"
        self.base, self.timeout = base, timeout
        self.cookies = CookieJar() if cookies is None else cookies
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def get(self, path: str) -> Response:
        return self._request(path)

    def post(self, path: str, data) -> Response:
        """POST `data` (a dict or a list of (name, value) pairs) as a form."""
        return self._request(path, urlencode(data, doseq=True).encode())

    def post_form(self, path: str, html: str, **changes) -> Response:
        """Submit the form of `html` (with its CSRF token) to `path`, with some fields replaced."""
        return self.post(path, form_fields(html, **changes))

    def log_in(self, username: str, password: str) -> None:
        page = self.get("/accounts/login/")
        answer = self.post_form("/accounts/login/", page.body, username=username, password=password)
        if answer.status != 302 or "/login/" in answer.location:
            raise RuntimeError(f"log-in of {username} failed: {answer.status} {answer.location}")

    def _request(self, path: str, body: bytes | None = None) -> Response:
        started = time.perf_counter()
        try:
            try:
                response = self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=self.timeout)
            except urllib.error.HTTPError as error:
                response = error
            content = response.read()
        except OSError as error:  # URLError included
            return Response(0, str(error), "", time.perf_counter() - started)
        text = response.headers.get_content_maintype() == "text"
        return Response(response.status, content.decode(errors="replace") if text else "",
                        response.headers.get("Location", ""), time.perf_counter() - started)


class _FormFields(HTMLParser):
    """The fields of the page's first form without an `action` (the page's own form, not the log-out button),
    the CSRF token among them, as a browser submits them."""

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
