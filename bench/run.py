"""Benchmarks of the portal (`./portal bench`, see bench/README.md). Not tests: the test suite never runs them.

Each run starts a private PostgreSQL (pgserver, temporary folder), migrates, loads the starting data,
the demo users and plans and the benchmark data of the chosen size (bench/data.py), starts gunicorn
on a free loopback port, runs `pages` (bench/pages.py) or `load` (bench/load.py), and removes it all.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
MAX_SECONDS = 600


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def private_portal(size: str, workers: int):
    """Yield the base URL of a gunicorn serving a fresh private database with the data of `size`."""
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver

    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
        (Path(folder) / "static").mkdir()
        server = pgserver.get_server(Path(folder) / "pgdata", cleanup_mode="delete")
        try:
            server.psql("CREATE DATABASE portal;")
            socket_dir = server.get_postmaster_info().socket_dir
            os.environ.update({
                "DATABASE_URL": f"postgres://postgres@/portal?host={socket_dir}", "DEBUG": "0",
                "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
                "STATIC_MANIFEST": "0", "WHITENOISE_USE_FINDERS": "1", "CONN_MAX_AGE": "300",
                "LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "strategy_portal.settings",
                # No collectstatic: WhiteNoise serves the sources (finders); an empty STATIC_ROOT keeps it quiet.
                "STATIC_ROOT": str(Path(folder) / "static"),
            })
            yield from _serve(size, workers, Path(folder))
        finally:
            from django.db import connections

            connections.close_all()
            server.cleanup()


def _serve(size: str, workers: int, folder: Path):
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        for command in (["migrate", "--no-input", "--verbosity", "0"], ["load_strategy"],
                        ["load_demo", "--allow-production"]):
            call_command(*command, stdout=quiet)
    from bench import data

    counts = data.generate(size)
    print(f"Data '{size}' ready in {time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{n} {what}" for what, n in counts.items()), flush=True)
    port = _free_port()
    log = folder / "gunicorn.log"
    env = {**os.environ, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    with open(log, "wb") as out:
        process = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "strategy_portal.wsgi",
                                    "--config", "strategy_portal/gunicorn.conf.py"],
                                   cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base, process)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
    problems = [line for line in log.read_text(errors="replace").splitlines()
                if "[CRITICAL]" in line or "Traceback" in line or " ERROR " in line]
    if problems:
        print(f"gunicorn log: {len(problems)} error lines, the first: {problems[:5]}")


def _wait_until_up(base, process) -> None:
    for _ in range(150):  # about 30 seconds
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except OSError:  # refused, reset or timed out while gunicorn starts
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="./portal bench", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=["pages", "load"], default="pages")
    parser.add_argument("--size", choices=["small", "large"], default="small")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--requests", type=int, default=100, help="pages: requests per page (default 100)")
    parser.add_argument("--concurrency", type=int, default=4, help="pages: parallel sessions (default 4)")
    parser.add_argument("--seconds", type=float, default=60,
                        help=f"load: how long (default 60, at most {MAX_SECONDS}); pages: limit per page")
    parser.add_argument("--seed", type=int, default=2026, help="load: random seed (default 2026)")
    args = parser.parse_args(argv)
    args.seconds = min(max(args.seconds, 1), MAX_SECONDS)
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    with private_portal(args.size, args.workers) as base:
        # Other work on the machine skews the figures: say how busy it was.
        print("Load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        if args.command == "pages":
            from bench import pages

            failed = pages.run(base, size=args.size, requests=args.requests, concurrency=args.concurrency,
                               seconds=args.seconds)
        else:
            from bench import load

            failed = load.run(base, seconds=args.seconds, seed=args.seed)
        print("Load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return failed


if __name__ == "__main__":
    sys.exit(main())
