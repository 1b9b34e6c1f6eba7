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
            }
        )
    )


if __name__ == "__main__":
    main()
