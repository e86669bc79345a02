"""A throw-away PostgreSQL server from Debian's packages, for the 汇总 store's tests: a new cluster in a temp
folder, trusting local connections, on a free port of 127.0.0.1; stopped and removed afterwards. Run as root (a
CI machine), the server runs as the `postgres` user the package made: initdb refuses root.

    python tests/postgres_server.py start FOLDER   prints the server's URL (postgresql://schooldesk@127.0.0.1:PORT/postgres)
    python tests/postgres_server.py stop FOLDER
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

USER = "schooldesk"


def server_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder (/usr/lib/postgresql/15/bin), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(folder: Path | None = None) -> tuple[Path, str]:
    """A new cluster in *folder* (default: a new temp folder) started; (folder, URL)."""
    bin_ = server_bin()
    if bin_ is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    folder = Path(folder or tempfile.mkdtemp(prefix="schooldesk-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        folder.chmod(0o700)
    port = _free_port()
    subprocess.run(_as_server_user([str(bin_ / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8",
                                    "--locale=C.UTF-8", "--no-sync"]), check=True, capture_output=True)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
    subprocess.run(_as_server_user([str(bin_ / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w",
                                    "-o", options, "start"]), check=True, capture_output=True)
    return folder, f"postgresql://{USER}@127.0.0.1:{port}/postgres"


def stop(folder: Path) -> None:
    bin_ = server_bin()
    if bin_ is not None and (folder / "data" / "postmaster.pid").exists():
        subprocess.run(_as_server_user([str(bin_ / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "-w",
                                        "stop"]), capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


def new_database(server: str, name: str) -> str:
    """A new empty database *name* on *server* (a URL as start() gives); its URL."""
    import psycopg
    from sqlalchemy import make_url

    url = make_url(server)
    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password or None,
                         dbname=url.database, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit(__doc__)
    if sys.argv[1] == "start":
        print(start(Path(sys.argv[2]))[1])
    else:
        stop(Path(sys.argv[2]))
