"""Analysis on a real Dask cluster: a scheduler and two workers started from the venv.

Exports must be byte-identical whatever ran them (in process, parser processes, an
external cluster), and a worker killed mid-run must lose nothing. Every process the
fixture starts is stopped in its finaliser, also when the test fails.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import shared_file

BIN = Path(sys.executable).parent
ALLSIDES = "data/news/allsides_russia/allsides_russia_related.jsonl"
TABLES = ("paragraphs", "actors", "terms", "cues")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], log: Path) -> subprocess.Popen:
    # A new session per process: the finaliser can kill it and anything it spawned.
    return subprocess.Popen([str(BIN / "dask"), *args], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


class Cluster:
    """A scheduler and named workers on 127.0.0.1; every process is stopped by ``close``."""

    def __init__(self, tmp: Path):
        self.tmp, self.procs, self.workers = tmp, [], {}
        self.address = self._start_scheduler()

    def _start_scheduler(self, tries: int = 5) -> str:
        """Start the scheduler on a free port and wait until it listens. The port is free when
        chosen but may be taken before the scheduler binds it (another process's ephemeral
        port); workers would then join whatever listens there. Such a start is retried."""
        for attempt in range(tries):
            port = free_port()
            log = self.tmp / f"scheduler-{attempt}.log"
            proc = start(["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], log)
            self.procs.append(proc)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                if re.search(rf"Scheduler at:\s+tcp://127\.0\.0\.1:{port}\b", log.read_text(errors="replace")):
                    return f"tcp://127.0.0.1:{port}"
                time.sleep(0.1)
            stop(proc)
        raise RuntimeError(f"the test scheduler did not start in {tries} tries; see {self.tmp}/scheduler-*.log")

    def add_worker(self, name: str) -> None:
        proc = start(["worker", self.address, "--nthreads", "1", "--nworkers", "1", "--no-nanny",
                      "--host", "127.0.0.1", "--no-dashboard", "--name", name,
                      "--local-directory", str(self.tmp / name)], self.tmp / f"{name}.log")
        self.procs.append(proc)
        self.workers[name] = proc

    def wait_for_workers(self, n: int, timeout: float = 90) -> None:
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(n, timeout=timeout)

    def kill(self, name: str) -> None:
        stop(self.workers[name])

    def close(self) -> None:
        for proc in reversed(self.procs):
            stop(proc)


@pytest.fixture()
def cluster(tmp_path):
    c = Cluster(tmp_path)
    try:
        for name in ("w1", "w2"):
            c.add_worker(name)
        c.wait_for_workers(2)
        yield c
    finally:
        c.close()   # also when the test (or the fixture) fails


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """Twelve AllSides articles imported into a corpus (about 350 body paragraphs)."""
    src = shared_file(ALLSIDES)
    corpus = tmp_path_factory.mktemp("dask") / "allsides"
    run_cli("import", str(src), "--corpus", str(corpus), "--limit", "12",
            "--text-field", "content_original", "--source-field", "source")
    return corpus


@pytest.fixture(scope="module")
def expected(articles, tmp_path_factory) -> dict[str, bytes]:
    """Exports of the corpus analysed in process (--jobs 1)."""
    reference = fresh(articles, tmp_path_factory.mktemp("ref"), "jobs1")
    run_cli("analyze", "--corpus", str(reference))
    return exports(reference)


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "framing", *args], capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    return proc


def exports(corpus: Path) -> dict[str, bytes]:
    """CSV bytes of every table, from the cached tables (in this process: no re-analysis)."""
    import framing
    from framing.corpus import Corpus
    from framing.tables import export

    tables = framing.analyze(Corpus.open(corpus))
    assert tables.run["parsed"] == tables.run["computed"] == 0
    return {t: export(tables.get(t), "csv") for t in TABLES}


def fresh(corpus: Path, tmp: Path, name: str) -> Path:
    """A copy of the corpus without its cache."""
    import shutil

    dest = tmp / name
    shutil.copytree(corpus, dest, ignore=shutil.ignore_patterns(".framing-cache"))
    return dest


def cache_consistent(corpus: Path) -> None:
    """Every stored parse points into a stored batch; every feature has every paragraph."""
    db = sqlite3.connect(corpus / ".framing-cache" / "cache.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        orphans = db.execute("SELECT COUNT(*) FROM parse_index WHERE batch NOT IN "
                             "(SELECT id FROM parse_batches)").fetchone()[0]
        assert orphans == 0
        per_feature = dict(db.execute("SELECT feature, COUNT(*) FROM results GROUP BY feature"))
        assert len(set(per_feature.values())) == 1, per_feature
        assert db.execute("SELECT COUNT(*) FROM parse_index").fetchone()[0] == next(iter(per_feature.values()))
    finally:
        db.close()


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("how, args, env", [
    ("two parser processes", ["--jobs", "2"], {}),
    ("external cluster by option", ["--scheduler", "{address}"], {}),
    ("external cluster by environment", [], {"FRAMING_SCHEDULER": "{address}"}),
])
def test_exports_identical_whatever_runs_them(articles, expected, cluster, tmp_path, how, args, env):
    target = fresh(articles, tmp_path, "run")
    fill = lambda v: v.format(address=cluster.address)  # noqa: E731
    out = run_cli("analyze", "--corpus", str(target), *map(fill, args),
                  env={k: fill(v) for k, v in env.items()})
    assert b"parsed 0," not in out.stdout
    assert b"warning" not in out.stderr, out.stderr
    cache_consistent(target)
    assert exports(target) == expected, how


@pytest.mark.shared
@pytest.mark.slow
def test_worker_killed_mid_run_loses_nothing(articles, expected, cluster, tmp_path):
    target = fresh(articles, tmp_path, "killed")
    proc = subprocess.Popen([sys.executable, "-m", "framing", "analyze", "--corpus", str(target),
                             "--scheduler", cluster.address], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        db_path = target / ".framing-cache" / "cache.sqlite"
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:   # wait for the first finished batch
            if db_path.exists() and _results(db_path) > 0:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before a worker could be killed: use a larger corpus"
        cluster.kill("w2")
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err.decode()[-2000:]
    cache_consistent(target)
    assert exports(target) == expected


def _results(db_path: Path) -> int:
    try:
        db = sqlite3.connect(db_path, timeout=1)
        try:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        finally:
            db.close()
    except sqlite3.OperationalError:   # the table is not created yet
        return 0


@pytest.mark.parametrize("address, message", [
    ("tcp://127.0.0.1:{port}", "cannot reach the Dask scheduler at tcp://127.0.0.1:"),
])
def test_unreachable_scheduler_is_a_one_line_error(tmp_path, address, message):
    from click.testing import CliRunner

    from framing.cli import main
    from framing.corpus import Corpus

    corpus = tmp_path / "c"
    Corpus.init(corpus)
    (corpus / "a.md").write_text("---\nid: a\nsource: S\n---\nRussia said the talks would resume.\n",
                                 encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", "--corpus", str(corpus), "--scheduler",
                                       address.format(port=free_port())])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr
