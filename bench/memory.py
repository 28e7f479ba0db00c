"""Memory: the app's worker processes after they served every page of the bench, and Neo4j.

Workers: ``VmRSS`` (resident now) and ``VmHWM`` (the most it ever was) from
``/proc/<pid>/status`` of each child of the server's master process (gunicorn's workers).

Neo4j: the heap in use and its maximum from the JVM's memory bean through
``CALL dbms.queryJmx`` (Community has it, for the ``java.lang`` beans); Neo4j 5 has no page
cache bean, so the page cache is given as configured (the server's ``--pagecache-mb``, and
``SHOW SETTINGS``) beside the size of the database's store files after a checkpoint, the most
of it that can be in use; and the resident memory of the Neo4j process (found by its Bolt port), which holds
heap, page cache and the rest. Whatever cannot be read is ``None``, with the reason.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from neo4j.exceptions import Neo4jError

from kiz_graph.store.db import Database

MB = 1024 * 1024


def after_serving(host: str, port: int, cookie: str, master_pid: int, visits: list[list[str]], concurrency: int,
                  concurrent) -> dict:
    """Every visit from ``concurrency`` clients at once (so each worker gets its share, the
    statewide page first), then each worker's memory; ``concurrent`` is ``load._concurrent``."""
    items = [visit for visit in visits for _ in range(concurrency)]
    served = concurrent(host, port, cookie, items, len(items), concurrency, 600.0)
    workers = [process_memory(pid) for pid in children(master_pid)]
    rss = [worker["rss_mb"] for worker in workers if worker["rss_mb"] is not None]
    return {
        "served": {key: served[key] for key in ("requests", "errors", "error_samples", "duration_s")},
        "served_urls": [" + ".join(visit) for visit in visits],
        "workers": workers, "worker_rss_max_mb": max(rss) if rss else None,
        "worker_peak_max_mb": max((w["peak_mb"] for w in workers if w["peak_mb"] is not None), default=None),
        "goal_worker_mb": 250, "goal_met": bool(rss) and max(rss) <= 250,
    }


def children(pid: int) -> list[int]:
    """The child processes of ``pid``."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    if found:
        return sorted(set(found))
    for stat in Path("/proc").glob("[0-9]*/stat"):  # a kernel without the children files
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def process_memory(pid: int) -> dict:
    """``rss_mb`` and ``peak_mb`` of a process (None when it is gone)."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = round(int(value.split()[0]) / 1024, 1)  # kB
    except OSError:
        pass
    return {"pid": pid, "rss_mb": values.get("VmRSS"), "peak_mb": values.get("VmHWM")}


def neo4j(db: Database) -> dict:
    """Neo4j's heap in use, its page cache (configured, and the store it can hold) and its process's memory."""
    result: dict = {"heap_used_mb": None, "heap_max_mb": None, "pagecache_configured_mb": None,
                    "store_mb": None, "process": None, "notes": []}
    try:
        rows = db.run_text("CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes RETURN attributes",
                           write=False)
        heap = _value(rows[0]["attributes"]["HeapMemoryUsage"])
        result.update(heap_used_mb=round(heap["used"] / MB, 1), heap_max_mb=round(heap["max"] / MB, 1),
                      heap_source="dbms.queryJmx('java.lang:type=Memory')")
    except (Neo4jError, IndexError, KeyError, TypeError) as exc:
        result["notes"].append(f"heap: dbms.queryJmx failed: {type(exc).__name__}: {exc}")
    try:
        rows = db.run_text("SHOW SETTINGS YIELD name, value WHERE name = 'server.memory.pagecache.size' "
                           "RETURN value", write=False)
        result["pagecache_setting"] = rows[0]["value"] if rows else None
    except Neo4jError as exc:
        result["notes"].append(f"page cache: SHOW SETTINGS failed: {type(exc).__name__}")
    pid, arguments = _server_process(db)
    if pid is None:
        result["notes"].append("the Neo4j process was not found on this machine")
        return result
    result["process"] = process_memory(pid)
    if "--pagecache-mb" in arguments:
        result["pagecache_configured_mb"] = int(arguments[arguments.index("--pagecache-mb") + 1])
    if "--home" in arguments:  # written out first: until a checkpoint the files lag behind the page cache
        try:
            db.run_text("CALL db.checkpoint()", write=True)
        except Neo4jError as exc:
            result["notes"].append(f"store: db.checkpoint() failed: {type(exc).__name__}")
        store = Path(arguments[arguments.index("--home") + 1]) / "data" / "databases" / db.database
        files = [path for path in store.rglob("*") if path.is_file()] if store.is_dir() else []
        result["store_mb"] = round(sum(path.stat().st_size for path in files) / MB, 1) if files else None
    return result


def _value(attribute):
    """A JMX attribute's value as ``dbms.queryJmx`` gives it: ``{value: {properties: {...}}}`` or plainer."""
    value = attribute.get("value", attribute) if isinstance(attribute, dict) else attribute
    return value.get("properties", value) if isinstance(value, dict) else value


def _server_process(db: Database) -> tuple[int | None, list[str]]:
    """The pid and arguments of the local Neo4j whose Bolt port ``db`` talks to."""
    port = str(urlparse(db.settings.uri).port)
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            arguments = cmdline.read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if "java" in arguments[0] and "--port" in arguments and port in arguments \
                and arguments[arguments.index("--port") + 1] == port:
            return int(cmdline.parent.name), arguments
    return None, []
