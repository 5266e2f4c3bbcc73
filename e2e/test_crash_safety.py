"""Crash safety: the server (or the import command) is killed with SIGKILL in the middle of a
licence import and of an archive import. Afterwards the database holds exactly what it held
before, the server starts cleanly on it, and the same import then succeeds.

Runs on SQLite always and on PostgreSQL when HF_PG_URL is set (scripts/test.sh sets it).
HF_CRASH_USERS sets the report size (default 60,000 users; HF_CRASH_REPORTS may name a folder of
reports written before). docs/security.md has the 600,000-user run:
`HF_CRASH_USERS=600000 HF_CRASH_REPORTS=bench/data/licences-600000 HF_BIN=.build/release/handlefrihed python3 -m pytest -q e2e/test_crash_safety.py`."""
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

import pytest

from conftest import BINARY, launch, stop
from http_site import Site, csrf_of

USERS = int(os.environ.get("HF_CRASH_USERS", "60000"))
PG = os.environ.get("HF_PG_URL")
# The 600,000-user report set is ≈ 800 MB; the default limit is 256 MB.
UPLOADS = {"HANDLEFRIHED_MAX_UPLOAD_MB": "2048"}
# Touched by every request (last seen), so not part of "the data".
VOLATILE = {"sessions"}


@pytest.fixture(scope="module")
def reports():
    if os.environ.get("HF_CRASH_REPORTS"):  # a folder written before by `handlefrihed demo licences`
        yield os.environ["HF_CRASH_REPORTS"]
        return
    folder = tempfile.mkdtemp(prefix="hf-crash-reports-")
    subprocess.run([BINARY, "demo", "licences", "--users", str(USERS), "--out", folder], check=True, stdout=subprocess.DEVNULL)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


class SQLiteDB:
    name = "sqlite"

    def __init__(self):
        self.path = os.path.join(tempfile.mkdtemp(prefix="hf-crash-"), "crash.sqlite")

    def env(self):
        return {"HANDLEFRIHED_SQLITE": self.path, **UPLOADS}

    def size(self):
        return os.path.getsize(self.path) if os.path.exists(self.path) else 0

    def writing(self, table):
        """True once a large write transaction is under way: the rollback journal exists and the file
        has grown by more than 1 MiB since the last call that found no journal (pages spilled from
        the cache), or the write-ahead log passed 1 MiB."""
        wal = self.path + "-wal"
        if os.path.exists(wal) and os.path.getsize(wal) > 1 << 20:
            return True
        if not os.path.exists(self.path + "-journal"):
            self.base = self.size()
            return False
        return self.size() > getattr(self, "base", self.size()) + (1 << 20)

    def fingerprint(self):
        db = sqlite3.connect(self.path)
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for t in tables:
            if t not in VOLATILE:
                out[t] = sorted(repr(r) for r in db.execute(f'SELECT * FROM "{t}"'))
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
        return out

    def drop(self):
        shutil.rmtree(os.path.dirname(self.path), ignore_errors=True)


class PostgresDB:
    name = "postgresql"

    def __init__(self):
        self.database = f"hf_crash_{os.getpid()}_{int(time.time() * 1000) % 100000}"
        self.admin = PG
        self.url = PG.rsplit("/", 1)[0] + "/" + self.database
        self.psql(self.admin, f"CREATE DATABASE {self.database}")

    def psql(self, url, sql):
        return subprocess.run(["psql", url, "-XAtq", "-c", sql], check=True, capture_output=True, text=True).stdout

    def env(self):
        return {"DATABASE_URL": self.url, **UPLOADS}

    def writing(self, table):
        """True while an INSERT into `table` runs in this database."""
        active = self.psql(self.admin, "SELECT count(*) FROM pg_stat_activity WHERE datname = '%s' AND state = 'active' "
                                       "AND query ILIKE 'INSERT INTO %%%s%%'" % (self.database, table))
        return int(active.strip() or 0) > 0

    def fingerprint(self):
        tables = self.psql(self.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").split()
        out = {}
        for t in tables:
            if t not in VOLATILE:
                out[t] = self.psql(self.url, f'SELECT count(*), md5(coalesce(string_agg(x::text, \'|\' ORDER BY x::text), \'\')) FROM "{t}" x').strip()
        return out

    def drop(self):
        subprocess.run(["psql", self.admin, "-XAtq", "-c", f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"], capture_output=True)


BACKENDS = [SQLiteDB] + ([PostgresDB] if PG else [])


def kill_when(proc, condition, timeout=900, client=None):
    """SIGKILLs `proc` as soon as `condition()` holds; fails if it (or the `client` feeding it) ends first."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert proc.poll() is None, "the process finished before it could be killed"
        if client is not None and client.poll() is not None:
            raise AssertionError(f"the upload ended before the import wrote anything: {client.communicate()[0]}")
        if condition():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.01)
    raise AssertionError("the moment to kill never came")


def upload(site, folder):
    """Starts the nine-report upload with curl (streamed from disk, as a browser sends it)."""
    token = csrf_of(site.get("/licenser").text)
    cookies = "; ".join(f"{c.name}={c.value}" for c in site.http.cookies)
    args = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-H", f"Cookie: {cookies}", "-F", f"_csrf={token}"]
    for f in sorted(os.listdir(folder)):
        field = "people" if f == "people.csv" else "files"
        args += ["-F", f"{field}=@{os.path.join(folder, f)};type=text/csv"]
    return subprocess.Popen(args + [site.url + "/licenser/indlaes"], stdout=subprocess.PIPE, text=True)


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.name)
def test_killed_licence_import_and_archive_import_change_nothing(backend, reports):
    db = backend()
    started = []
    try:
        server = launch(("serve", "--demo", "--migrate"), env_extra=db.env())
        started.append(server)
        site = Site(server["url"]).login(server["email"], server["password"])

        # 1. Killed while the upload streams in; 2. killed while the rows are being written.
        password = server["password"]
        for moment, condition in (("upload", None), ("insert", lambda: db.writing("licence_users"))):
            before = db.fingerprint()
            curl = upload(site, reports)
            if condition is None:
                time.sleep(1.0)
                server["process"].send_signal(signal.SIGKILL)
                server["process"].wait()
            else:
                kill_when(server["process"], condition, client=curl)
            curl.wait(timeout=60)
            server = launch(("serve",), env_extra=db.env())  # must start cleanly on what the kill left
            started.append(server)
            assert db.fingerprint() == before, f"the database changed after a kill during the {moment}"
            site = Site(server["url"]).login("admin@demokommune.example", password)

        # The same import then goes through.
        curl = upload(site, reports)
        code, location = curl.communicate(timeout=1800)[0].split(" ", 1)
        assert code == "303" and "/licenser/oejebliksbilleder/" in location, f"import after restart: {code} {location}"
        stop(server)

        archive = os.path.join(tempfile.mkdtemp(prefix="hf-crash-archive-"), "0999.zip")
        subprocess.run([BINARY, "export", "--org", "0999", "--out", archive], env=env_for(db), check=True, capture_output=True)

        fresh = backend()
        try:
            subprocess.run([BINARY, "migrate"], env=env_for(fresh), check=True, capture_output=True)
            empty = fresh.fingerprint()
            importer = subprocess.Popen([BINARY, "import", "--in", archive], env=env_for(fresh), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            kill_when(importer, lambda: fresh.writing("licence_users"))
            restarted = launch(("serve",), env_extra=fresh.env())
            started.append(restarted)
            assert fresh.fingerprint() == empty, "the database changed after a kill during the archive import"
            stop(restarted)
            done = subprocess.run([BINARY, "import", "--in", archive], env=env_for(fresh), capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            stored = re.search(r"(\d+) licence_users", done.stdout)
            assert stored and int(stored.group(1)) >= USERS, done.stdout  # the demo's own snapshot plus the imported one
        finally:
            fresh.drop()
    finally:
        for s in started:
            if s["process"].poll() is None:
                stop(s)
        db.drop()


def env_for(db):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("HANDLEFRIHED_SQLITE", None)
    env.update(db.env())
    return env
