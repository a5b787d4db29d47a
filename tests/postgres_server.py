"""A throwaway PostgreSQL server for tests: a fresh cluster in a temporary directory, on a free port on 127.0.0.1."""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# PostgreSQL refuses to run as root; Debian's postgresql package creates this user.
SYSTEM_USER = "postgres"
LOG_TAIL_LINES = 30


def find_binaries() -> tuple[Path, Path] | None:
    """`initdb` and `pg_ctl` from PATH, else from the newest /usr/lib/postgresql/*/bin (Debian keeps them off PATH)."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(initdb), Path(pg_ctl)
    versions = [d for d in Path("/usr/lib/postgresql").glob("*/bin") if d.parent.name.isdigit()]
    for bin_dir in sorted(versions, key=lambda d: int(d.parent.name), reverse=True):
        if (bin_dir / "initdb").is_file() and (bin_dir / "pg_ctl").is_file():
            return bin_dir / "initdb", bin_dir / "pg_ctl"
    return None


def _system_user_exists() -> bool:
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        return False
    return True


def server_available() -> bool:
    """Whether `postgres_server()` can run here: the binaries exist, and as root so does the `postgres` user."""
    return find_binaries() is not None and (os.geteuid() != 0 or _system_user_exists())


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    if shutil.which("runuser"):
        return ["runuser", "-u", SYSTEM_USER, "--", *args]
    return ["su", SYSTEM_USER, "-s", "/bin/sh", "-c", shlex.join(args)]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # PG* variables from the caller's shell (PGPORT, PGDATA, ...) must not steer our private server.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    # cwd is the cluster's directory because the server user may not be allowed into the caller's cwd (e.g. /root).
    return subprocess.run(_as_server_user(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _tail(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        return f"(no server log: {error})"
    return "\n".join(lines[-LOG_TAIL_LINES:]) or "(server log is empty)"


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@contextmanager
def postgres_server(directory: Path | None = None, user: str = "handbook", database: str = "handbook") -> Iterator[str]:
    """Run a fresh PostgreSQL server and yield its SQLAlchemy URL; it is stopped on exit, even after an error.

    Without `directory`, one is made under /tmp and removed afterwards; as root, a given one must be reachable by `postgres`.
    """
    binaries = find_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin")
    initdb, pg_ctl = binaries
    owned = directory is None
    if directory is None:
        # Not pytest's tmp_path: under /root it is 0o700, and the postgres user must reach the socket and data.
        directory = Path(tempfile.mkdtemp(prefix="handbook-pg-"))
        directory.chmod(0o755)
    data, log = directory / "data", directory / "server.log"
    try:
        if os.geteuid() == 0:
            shutil.chown(directory, SYSTEM_USER, SYSTEM_USER)
        result = _run([str(initdb), "-D", str(data), "-A", "trust", "-U", user, "--no-sync", "-E", "UTF8", "--locale=C"], directory)
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
        yield from _started(pg_ctl, data, log, directory, user, database)
    finally:
        if owned:
            shutil.rmtree(directory, ignore_errors=True)


def _started(pg_ctl: Path, data: Path, log: Path, directory: Path, user: str, database: str) -> Iterator[str]:
    # Imported here so conftest.py, which imports this module, still loads where psycopg is not installed.
    import psycopg
    from psycopg import sql

    port = free_port()
    settings = {
        "listen_addresses": _quote("127.0.0.1"),
        "port": str(port),
        "unix_socket_directories": _quote(str(directory)),
        # A test database is thrown away, so durability is not worth the disk flushes.
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
    }
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# Added by tests/postgres_server.py\n" + "".join(f"{key} = {value}\n" for key, value in settings.items()))
    try:
        result = _run([str(pg_ctl), "start", "-w", "-t", "60", "-D", str(data), "-l", str(log)], directory)
        if result.returncode != 0:
            raise RuntimeError(
                f"PostgreSQL did not start on 127.0.0.1:{port} (pg_ctl exit {result.returncode}): {result.stdout}{result.stderr}\n"
                f"--- last lines of {log} ---\n{_tail(log)}"
            )
        with psycopg.connect(host="127.0.0.1", port=port, user=user, dbname="postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/{database}"
    finally:
        _stop(pg_ctl, data, log, directory)


def _stop(pg_ctl: Path, data: Path, log: Path, directory: Path) -> None:
    if not (data / "postmaster.pid").exists():
        return
    # fast rolls back open sessions (a test may leak a connection); immediate is the last resort if that hangs.
    for mode in ("fast", "immediate"):
        result = _run([str(pg_ctl), "stop", "-w", "-t", "30", "-D", str(data), "-m", mode], directory)
        if result.returncode == 0:
            return
    raise RuntimeError(f"PostgreSQL did not stop: {result.stdout}{result.stderr}\n--- last lines of {log} ---\n{_tail(log)}")
