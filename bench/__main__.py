"""
Run the benchmark: ``python -m bench`` (or ``make bench``).

For each scale (BENCH_SCALES, default 10000,100000 detentions) it fills the
database with generate_synthetic, then measures side by side:

- counts/ uncached against hand-written SQL of the same aggregate (bench/sql.py);
- counts/ cached and the detentions/ list under concurrent clients on gunicorn,
  against the trivial JSON view /bench/ping/ on the same server;
- the public pages and the admin change list with a search, and their queries;
- the full CSV export in a process of its own: time per 100k rows, peak RSS;
- import_cpj on a generated CPJ file, where the command exists.

It prints the table and writes docs/performance.md.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tracker_bench"


def ensure_database(url):
    """Create the benchmark database when it does not exist yet."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("make bench runs on PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    params = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
            print(f"Created database {config['NAME']}.")


def machine():
    """Return cores, memory and the PostgreSQL version, without paths."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0].split(" ")[0]
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kb = int(meminfo.readline().split()[1])
            memory = f"{kb / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "postgresql": pg,
        "python": platform.python_version(),
        "os": platform.system(),
    }


def generate(scale):
    from django.db import connection

    from cases import synthetic

    synthetic.clear()
    generator = synthetic.Generator(scale, seed=1)
    counts, seconds = generator.run()  # publishes what it marks published as release 1
    later_release()
    with connection.cursor() as cursor:
        # Fresh tables have no statistics until autovacuum comes by; production's have.
        cursor.execute("VACUUM ANALYZE")
    return sum(counts.values()) / seconds


def later_release(changed=200):
    """
    Publish a second release that changes ``changed`` cases (their status and
    summary), so that as_known_on the first reads versions a later one closed.
    """
    from django.db import transaction

    from cases import publishing
    from cases.models import Detention, Journalist

    with transaction.atomic():
        release = publishing.release_open(note="bench: a later release")
        for journalist in Journalist.objects.filter(live=True).order_by("pk")[:changed]:
            detentions = list(journalist.detentions.filter(live=True))
            for detention in detentions:
                Detention.objects.filter(pk=detention.pk).update(summary="Changed in a later release.")
            publishing.write_case(release, journalist, journalist_changes=False, detentions=detentions)


def measure_counts(quick):
    """Return, per case, the uncached counts/ time, the raw SQL time and whether both agree."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from cases import public
    from cases.models import Release

    from . import sql, timing

    client = Client()
    results = {}
    first = Release.objects.get(number=1)
    pinned = {"as_known_on": public.format_moment(first.published_at)}
    cases = {name: (query, statements, params, {}) for name, (query, statements, params) in sql.CASES.items()}
    for name, (query, statements, params) in sql.KNOWN_ON_CASES.items():
        cases[name] = (query, statements, {**params, "release": first.number}, pinned)
    for name, (query, statements, params, extra) in cases.items():
        url = f"/api/v1/counts/?{query}&{urlencode(extra)}" if extra else f"/api/v1/counts/?{query}"

        def view(url=url):
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            return response.json()

        def raw(statements=statements, params=params):
            with connection.cursor() as cursor:
                rows = []
                for statement in statements:
                    cursor.execute(statement, params)
                    rows.append(cursor.fetchall())
            return rows

        payload, floor = view(), raw()
        agrees = payload["count"] == floor[0][0][0]
        if len(floor) > 1:
            agrees = agrees and len(payload.get("groups", [])) == len(floor[1])
        view_s, raw_s = timing.side_by_side(view, raw, runs=3 if quick else 7)
        results[name] = {
            "view_ms": view_s * 1000,
            "raw_ms": raw_s * 1000,
            "agrees": agrees,
            "count": payload["count"],
            "known_on": bool(extra),
        }
    return results


def measure_requests(quick):
    """Return single-request times and query counts of lists, pages and the admin."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from cases import public

    from . import timing

    def measure(client, url, log=False):
        queries = []
        # The queries of a cold request (nothing kept at this data version), counted at
        # the driver whatever DEBUG says; the time is that of the requests that follow.
        cache.clear()
        with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        # Cold: nothing kept (not even the data version), as the first reader after a release.
        seconds = timing.median_time(lambda: cache.clear() or client.get(url), runs=3 if quick else 5)
        # The query log of a detail: what it reads, to show that it touches no working record.
        return {"ms": seconds * 1000, "queries": len(queries)} | ({"log": queries} if log else {})

    def find(*names, **kwargs):
        for name in names:
            try:
                return reverse(name, kwargs=kwargs or None)
            except NoReverseMatch:
                continue
        return None

    results = {}
    anonymous = Client()
    results["api list, 10 rows"] = measure(anonymous, "/api/v1/detentions/?page_size=10")
    results["api list, 50 rows"] = measure(anonymous, "/api/v1/detentions/")
    results["api list, 200 rows"] = measure(anonymous, "/api/v1/detentions/?page_size=200")
    people = (
        public.snapshot_at().journalists().annotate(n=Count("detentions", filter=Q(detentions__valid_to__isnull=True)))
    )
    busiest = people.order_by("-n", "journalist_id").first()
    single = people.filter(n=1).order_by("journalist_id").first()
    for label, person in (("journalist page, most detentions", busiest), ("journalist page, one detention", single)):
        url = find("cases:journalist", slug=person.slug)
        if url:
            results[label] = measure(anonymous, url, log=True) | {"rows": person.n}
    detention = public.snapshot_at().detentions().order_by("detention_id").values_list("detention_id", flat=True)[0]
    results["api detention detail"] = measure(anonymous, f"/api/v1/detentions/{detention}/", log=True)
    for label, path in (("home page", "/"), ("country page", "/countries/AZ/"), ("feed", "/feed/")):
        results[label] = measure(anonymous, path)
    results["embed counter"] = measure(anonymous, "/embed/counter/?country=AZ&in_custody_on=2019-12-01")
    list_url = find("cases:detention_list", "cases:detentions", "cases:detention-list")
    if list_url:
        results["detention list page"] = measure(anonymous, list_url)
        results["detention list page, page 2"] = measure(anonymous, f"{list_url}?page=2")

    User = get_user_model()
    admin, _created = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    staff = Client()
    staff.force_login(admin)
    for label, name in (("admin detentions, search", "detention"), ("admin journalists, search", "journalist")):
        url = find(f"admin:cases_{name}_changelist")
        if url:
            results[label] = measure(staff, f"{url}?q=Hasanli")
    return results


def measure_export(env):
    """Run the full CSV export in its own process; return its figures."""
    process = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.export"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if process.returncode:
        raise RuntimeError(f"the export failed:\n{process.stderr[-3000:]}")
    return json.loads(process.stdout.strip().splitlines()[-1])


def measure_load(env, quick):
    """Return requests per second of ping, cached counts/ and the detentions/ list on gunicorn."""
    from . import load

    seconds = 3 if quick else 6
    connections = 8
    from cases import public

    counts = "/api/v1/counts/?country=AZ&kind=criminal&arrested_from=2015-01-01&arrested_to=2024-12-31"
    snapshot = public.snapshot_at()
    detention = snapshot.detentions().order_by("detention_id").values_list("detention_id", flat=True)[0]
    slug = snapshot.journalists().order_by("journalist_id").values_list("slug", flat=True)[0]
    urls = {
        "ping": "/bench/ping/",
        "counts cached": counts,
        "detentions list": "/api/v1/detentions/",
        "api detail": f"/api/v1/detentions/{detention}/",
        "home page": "/",
        "country page": "/countries/AZ/",
        "detention list page": "/detentions/",
        "journalist page": f"/journalists/{slug}/",
        "feed": "/feed/",
        "embed counter": "/embed/counter/?country=AZ",
        "badge": "/embed/badge.svg?country=AZ",
        "filtered CSV": "/api/v1/detentions/?format=csv&country=AZ&kind=criminal",
        # The same, as a browser, curl --compressed or Python's requests ask for it.
        "filtered CSV, gzip": "/api/v1/detentions/?format=csv&country=AZ&kind=criminal",
    }
    headers = {"filtered CSV, gzip": {"Accept-Encoding": "gzip"}}
    results = {}
    with load.gunicorn(env, workers=2) as base:
        for name, url in urls.items():  # keep every answer once, then warm every worker's connection
            load.fetch_once(base + url, headers=headers.get(name))
            load.throughput(base + url, seconds=1, connections=connections, headers=headers.get(name))
        # Ping before and after, so that the ceiling sees the same noise as the rest.
        order = ["ping", *(name for name in urls if name != "ping"), "ping"]
        for name in order:
            rate, failed = load.throughput(
                base + urls[name], seconds=seconds, connections=connections, headers=headers.get(name)
            )
            results.setdefault(name, []).append(rate)
            if failed:
                results[f"{name} failures"] = failed
    results = {name: (sum(v) / len(v) if isinstance(v, list) else v) for name, v in results.items()}
    results["tool"] = load.tool()
    results["connections"] = connections
    return results


def measure_import(quick):
    """Return rows per second of import_cpj on a generated CPJ file, or None without the command."""
    from django.core.management import call_command, get_commands

    if "import_cpj" not in get_commands():
        return None
    from . import cpj

    rows = 2000 if quick else 5000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cpj.csv"
        written = cpj.write(path, rows=rows)
        start = time.perf_counter()
        call_command("import_cpj", str(path), *cpj.IMPORT_ARGS, verbosity=0)
        seconds = time.perf_counter() - start
    return {"rows": written, "seconds": seconds, "rows_per_s": written / seconds}


def main():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[1])
    parser.add_argument("--scales", default=os.environ.get("BENCH_SCALES", "10000,100000"))
    parser.add_argument("--output", default=os.environ.get("BENCH_OUTPUT", "docs/performance.md"))
    parser.add_argument("--quick", action="store_true", help="Fewer runs, shorter loads (for trying it out).")
    args = parser.parse_args()
    scales = [int(scale) for scale in args.scales.split(",") if scale.strip()]

    from . import load, report

    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    ensure_database(url)
    env = load.server_env(url)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    results = {}
    for scale in scales:
        print(f"== {scale:,} detentions")
        step = time.monotonic()
        figures = {"generator_rows_per_s": generate(scale)}
        print(f"   generated in {time.monotonic() - step:.0f} s")
        figures["counts"] = measure_counts(args.quick)
        figures["requests"] = measure_requests(args.quick)
        figures["export"] = measure_export(env)
        figures["load"] = measure_load(env, args.quick)
        if scale == max(scales):
            figures["import"] = measure_import(args.quick)
        results[scale] = figures
        print(f"   measured in {time.monotonic() - step:.0f} s")
        # Kept as they come: a larger scale that cannot finish leaves the smaller ones' figures.
        (ROOT / "artifacts").mkdir(exist_ok=True)
        (ROOT / "artifacts" / "bench-partial.json").write_text(json.dumps(results, indent=1, default=str))
    results["_meta"] = {"machine": machine(), "minutes": (time.monotonic() - started) / 60, "scales": scales}
    text = report.render(results)
    print(text)
    output = ROOT / args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report.document(text, results))
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "bench.json").write_text(json.dumps(results, indent=1, default=str))
    print(f"Wrote {args.output} in {(time.monotonic() - started) / 60:.1f} minutes.")


if __name__ == "__main__":
    main()
