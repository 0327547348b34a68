"""Benchmarks of the portal (`./portal bench`, see bench/README.md). Not tests: the test suite never runs them.

Each run starts a private PostgreSQL (pgserver, temporary folder), migrates, loads the starting data,
the demo users and plans and the benchmark data of the chosen size (bench/data.py), starts gunicorn
on a free loopback port, runs `pages` (bench/pages.py) or `load` (bench/load.py), and removes it all.
"""

import argparse
import os
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
MAX_SECONDS = 600


@contextmanager
def private_portal(size: str, workers: int):
    """Yield the base URL of a gunicorn serving a fresh private database with the data of `size`."""
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    from common.testing import LIVE_SETTINGS, private_postgres

    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder, private_postgres() as postgres:
        (Path(folder) / "static").mkdir()
        os.environ.update({
            **LIVE_SETTINGS, "DATABASE_URL": postgres.url,
            "LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "strategy_portal.settings",
            # No collectstatic: WhiteNoise serves the sources (finders); an empty STATIC_ROOT keeps it quiet.
            "STATIC_ROOT": str(Path(folder) / "static"),
        })
        try:
            yield from _serve(size, workers, Path(folder))
        finally:
            from django.db import connections

            connections.close_all()


def _serve(size: str, workers: int, folder: Path):
    import django

    from common.testing import prepare_database, running_portal

    started = time.perf_counter()
    prepare_database(dict(os.environ))
    django.setup()
    from bench import data

    counts = data.generate(size)
    print(f"Data '{size}' ready in {time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{n} {what}" for what, n in counts.items()), flush=True)
    log = folder / "gunicorn.log"
    with running_portal(dict(os.environ), log, "--config", "strategy_portal/gunicorn.conf.py",
                        "--workers", str(workers)) as base:
        yield base
    problems = [line for line in log.read_text(errors="replace").splitlines()
                if "[CRITICAL]" in line or "Traceback" in line or " ERROR " in line]
    if problems:
        print(f"gunicorn log: {len(problems)} error lines, the first: {problems[:5]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="./portal bench", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=["pages", "load"], default="pages")
    parser.add_argument("--size", choices=["small", "medium", "large"], default="small")
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
