"""Start and stop a throwaway PostgreSQL cluster from Debian's packages (for the job-store tests).

    python3 tests/pg_cluster.py start DIR   # prints the URL (postgresql://postgres@127.0.0.1:PORT/postgres)
    python3 tests/pg_cluster.py stop DIR

The cluster lives in DIR (trust authentication, a free loopback port, its
unix socket in DIR, fsync off: it holds test data only). PostgreSQL refuses
to run as root, so as root the commands run as the ``postgres`` user that the
Debian package creates. Standard library only: ``.ci/run`` calls it before the
virtualenv exists. Exits non-zero, saying why, when no cluster can be started.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
from pathlib import Path


def postgres_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` with ``initdb`` and ``pg_ctl``, if any."""
    found = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p, "initdb").exists()]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0) if found else None


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(directory: Path) -> str:
    """Start (or find running) the cluster in ``directory``; return its URL. Raises RuntimeError."""
    url_file = directory / "url"
    if url_file.exists() and (directory / "data" / "postmaster.pid").exists():
        return url_file.read_text().strip()
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise RuntimeError("running as root and there is no postgres user to run PostgreSQL as") from exc
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    if os.geteuid() == 0:
        os.chown(directory, owner.pw_uid, owner.pw_gid)
    data, port = directory / "data", _free_port()
    steps = [
        [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"],
        [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(directory / "log"), "-w", "-t", "60", "-o",
         f"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off -c max_connections=200", "start"],
    ]
    for step in steps:
        done = subprocess.run(_as_owner(step), check=False, capture_output=True, text=True, cwd=directory)
        if done.returncode != 0:
            raise RuntimeError(f"{Path(step[0]).name} failed: {(done.stderr or done.stdout).strip()[-500:]}")
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    url_file.write_text(url + "\n")
    return url


def stop(directory: Path) -> None:
    """Stop the cluster in ``directory`` and delete it."""
    bin_dir = postgres_bin()
    if bin_dir is not None and (directory / "data" / "postmaster.pid").exists():
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(directory / "data"), "-m", "immediate",
                                  "-w", "stop"]), check=False, capture_output=True, cwd=directory)
    shutil.rmtree(directory, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    directory = Path(argv[2]).resolve()
    if argv[1] == "stop":
        stop(directory)
        return 0
    try:
        print(start(directory))
    except (RuntimeError, OSError) as exc:
        print(f"could not start PostgreSQL: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
