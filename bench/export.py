"""
The full CSV export of detentions, run in a process of its own so that its peak
memory (ru_maxrss) is the export's and not the benchmark's.

Prints one JSON line: rows, seconds, the RSS before the export and the peak.
"""

import json
import resource
import time


def _rss_mb():
    """Return this process's peak resident set in MB."""
    # ru_maxrss survives exec on Linux: a child of the benchmark started with the
    # parent's peak (287 MB at 100k). VmHWM belongs to this program alone.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# PostgreSQL's own CSV of the same columns: the export's floor. Charges, events and
# sources stay JSON here (the export writes them as sentences), so the floor is if
# anything lower than a true equivalent.
COPY = """
COPY (
    SELECT d.detention_id, j.slug, j.name, j.name_original, d.role, d.gender, d.country,
        d.document->>'country', d.document->>'place', d.document->>'authority', d.kind, d.status,
        d.document->>'release_reason', d.linked_to_journalism, d.document->'arrested',
        d.arrested_earliest, d.arrested_latest, d.document->'released', d.released_earliest,
        d.released_latest, d.document->>'custody_confirmed_on', d.document->'charges',
        d.document->'events', d.document->>'summary', d.document->'citations', d.detention_id
    FROM cases_detentionversion d JOIN cases_journalistversion j ON j.id = d.journalist_version_id
    WHERE d.valid_to IS NULL ORDER BY d.detention_id
) TO STDOUT WITH CSV HEADER
"""


def _copy():
    """Return the seconds and bytes of COPY ... TO STDOUT WITH CSV of the export's columns."""
    from django.db import connection

    connection.ensure_connection()
    start = time.perf_counter()
    size = 0
    with connection.connection.cursor() as cursor, cursor.copy(COPY) as copy:
        for block in copy:
            size += len(block)
    return time.perf_counter() - start, size


def main():
    import django

    django.setup()
    from django.test import Client

    client = Client()
    client.get("/api/v1/detentions/?format=csv&page_size=1")  # imports and first queries, outside the figure
    before = _rss_mb()
    start = time.perf_counter()
    response = client.get("/api/v1/detentions/?format=csv")
    lines = 0
    size = 0
    for chunk in response.streaming_content if response.streaming else [response.content]:
        lines += chunk.count(b"\n")
        size += len(chunk)
    seconds = time.perf_counter() - start
    copy_seconds, copy_bytes = _copy()
    print(
        json.dumps(
            {
                "status": response.status_code,
                "streaming": response.streaming,
                "rows": max(lines - 1, 0),
                "bytes": size,
                "seconds": seconds,
                "rss_before_mb": before,
                "peak_rss_mb": _rss_mb(),
                "copy_seconds": copy_seconds,
                "copy_bytes": copy_bytes,
            }
        )
    )


if __name__ == "__main__":
    main()
