"""The project's own Neo4j: Neo4j Community 5.26 LTS, built from Maven Central.

``neo4j/`` holds a tiny Maven project (``pom.xml`` and ``Server.java``) that embeds
Neo4j with its Bolt connector. ``start`` builds it when needed, runs it in the
background bound to 127.0.0.1, and waits until Bolt answers. A data folder holds
everything of one instance:

- ``data/``, ``logs/``  Neo4j's own store and logs
- ``password``          the instance's random password (mode 0600)
- ``port``              the Bolt port it was started on
- ``neo4j.pid``         the running server's process id
- ``neo4j.log``         what the server printed
"""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kiz_graph.errors import LocalNeo4jError
from kiz_graph.store.settings import (DEFAULT_DATABASE, DEFAULT_HEAP, DEFAULT_PAGECACHE_MB, DEFAULT_PORT, DEFAULT_USER,
                                      PROJECT_ROOT, Neo4jSettings)

RUNTIME_DIR = PROJECT_ROOT / "neo4j"
SERVER_CLASS = "kizgraph.Server"
READY_LINE = b"kiz-graph neo4j ready"  # printed by Server.java once Bolt and the password are set
START_TIMEOUT_S = 180
STOP_TIMEOUT_S = 60


# Servers started by this process, by pid: kept so that stop() can reap them.
_children: dict[int, subprocess.Popen] = {}


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    port: int | None
    data_dir: Path

    def describe(self) -> str:
        if self.running:
            return f"running: bolt://127.0.0.1:{self.port} (pid {self.pid}, data {self.data_dir})"
        return f"not running (data {self.data_dir})"


def _files(data_dir: Path) -> dict[str, Path]:
    return {name: data_dir / name for name in ("password", "port", "neo4j.pid", "neo4j.log")}


def settings(data_dir: Path) -> Neo4jSettings:
    """Connection settings of the instance in ``data_dir`` (it need not be running)."""
    files = _files(data_dir)
    if not files["password"].exists():
        raise LocalNeo4jError(
            f"no local Neo4j in {data_dir}: run `kiz-graph neo4j start` or set NEO4J_URI"
        )
    port = int(files["port"].read_text().strip()) if files["port"].exists() else DEFAULT_PORT
    return Neo4jSettings(
        uri=f"bolt://127.0.0.1:{port}",
        user=DEFAULT_USER,
        password=files["password"].read_text().strip(),
        database=DEFAULT_DATABASE,
        local_data_dir=data_dir,
    )


def status(data_dir: Path) -> Status:
    files = _files(data_dir)
    pid = _read_int(files["neo4j.pid"])
    port = _read_int(files["port"])
    running = pid is not None and _is_our_server(pid, data_dir)
    return Status(running=running, pid=pid if running else None, port=port, data_dir=data_dir)


def start(data_dir: Path, port: int = DEFAULT_PORT, *, heap: str = DEFAULT_HEAP,
          pagecache_mb: int = DEFAULT_PAGECACHE_MB, transaction_mb: int | None = None) -> Status:
    """Start the instance in ``data_dir`` unless it runs already; return once Bolt answers.

    ``transaction_mb``: the most memory one transaction may take (default: no limit of its
    own, only Neo4j's total of 70 % of the heap).
    """
    data_dir = data_dir.resolve()
    current = status(data_dir)
    if current.running:
        return current
    files = _files(data_dir)
    log = files["neo4j.log"]
    java, classpath = build(log_dir=data_dir)
    if not _port_is_free(port):
        raise LocalNeo4jError(
            f"port {port} on 127.0.0.1 is taken by another program; choose another with --port "
            f"(log: {log})"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    _ensure_password(files["password"])
    files["port"].write_text(f"{port}\n")

    command = [
        java,
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-cp",
        classpath,
        SERVER_CLASS,
        "--home", str(data_dir),
        "--port", str(port),
        "--password-file", str(files["password"]),
        "--pagecache-mb", str(pagecache_mb),
        *(["--transaction-mb", str(transaction_mb)] if transaction_mb else []),
    ]
    log_offset = log.stat().st_size if log.exists() else 0
    with open(log, "ab") as log_file:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # survives the command that started it
        )
    _children[process.pid] = process
    files["neo4j.pid"].write_text(f"{process.pid}\n")
    _wait_until_ready(process, settings(data_dir), log, log_offset)
    return status(data_dir)


def stop(data_dir: Path) -> bool:
    """Shut the instance down cleanly; False when it was not running."""
    data_dir = data_dir.resolve()
    current = status(data_dir)
    pid_file = _files(data_dir)["neo4j.pid"]
    if not current.running:
        pid_file.unlink(missing_ok=True)
        return False
    os.kill(current.pid, signal.SIGTERM)  # the server's shutdown hook closes the store
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        if not _alive(current.pid):
            break
        time.sleep(0.2)
    else:
        os.kill(current.pid, signal.SIGKILL)
        raise LocalNeo4jError(
            f"Neo4j did not stop within {STOP_TIMEOUT_S} s and was killed "
            f"(log: {_files(data_dir)['neo4j.log']})"
        )
    pid_file.unlink(missing_ok=True)
    child = _children.pop(current.pid, None)
    if child is not None:
        child.wait()
    return True


def build(log_dir: Path) -> tuple[str, str]:
    """Build the embedded server with Maven when needed; return (java, classpath)."""
    log = log_dir / "neo4j.log"
    java = shutil.which("java")
    if java is None:
        raise LocalNeo4jError(f"Java is missing: install a Java 17 JDK (java on PATH) to run the local Neo4j (log: {log})")
    target = RUNTIME_DIR / "target"
    jar = target / "kiz-graph-neo4j-1.jar"
    classpath = f"{jar}{os.pathsep}{target / 'lib' / '*'}"
    # One build at a time: two test workers starting their own servers wait for each other.
    with open(RUNTIME_DIR / ".build.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _is_built(jar):
            _run_maven(log, log_dir)
    return java, classpath


def _is_built(jar: Path) -> bool:
    sources = [RUNTIME_DIR / "pom.xml", *RUNTIME_DIR.glob("src/**/*.java")]
    return jar.exists() and (jar.parent / "lib").is_dir() and all(
        source.stat().st_mtime <= jar.stat().st_mtime for source in sources)


def _run_maven(log: Path, log_dir: Path) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNeo4jError(f"Maven is missing: install Maven (mvn on PATH) to fetch Neo4j from Maven Central (log: {log})")
    log_dir.mkdir(parents=True, exist_ok=True)
    build_log = log_dir / "neo4j-build.log"
    with open(build_log, "wb") as out:
        result = subprocess.run(
            [mvn, "-B", "-q", "-f", str(RUNTIME_DIR / "pom.xml"), "package"],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
        )
    if result.returncode != 0:
        raise LocalNeo4jError(f"building Neo4j with Maven failed (exit {result.returncode}; log: {build_log})")


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_ready(process: subprocess.Popen, conn: Neo4jSettings, log: Path, log_offset: int) -> None:
    """Wait for the server's ready line (printed once the password is set), then for Bolt.

    Asking Bolt earlier would fail authentication and trip Neo4j's rate limit.
    """
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    deadline = time.monotonic() + START_TIMEOUT_S
    ready = False
    with GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as driver:
        while True:
            code = process.poll()
            if code is not None:
                raise LocalNeo4jError(f"Neo4j failed to start (exit {code}); see the log: {log}")
            if not ready:
                with open(log, "rb") as out:
                    out.seek(log_offset)
                    ready = READY_LINE in out.read()
            if ready:
                try:
                    driver.execute_query("RETURN 1", database_=conn.database)
                    return
                except (ServiceUnavailable, Neo4jError, OSError):
                    pass
            if time.monotonic() > deadline:
                process.terminate()
                raise LocalNeo4jError(f"Neo4j did not answer within {START_TIMEOUT_S} s; see the log: {log}")
            time.sleep(0.3)


def _ensure_password(path: Path) -> None:
    if path.exists():
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_urlsafe(24) + "\n")


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server will: a port held only by closed connections (TIME_WAIT) is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _is_our_server(pid: int, data_dir: Path) -> bool:
    """The pid runs this project's server for this data folder (not a recycled pid)."""
    if not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc: trust the pid file
    return SERVER_CLASS.encode() in cmdline and str(data_dir.resolve()).encode() in cmdline
