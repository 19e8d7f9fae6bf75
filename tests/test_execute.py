"""The execution layer's contract with its workers (framing.execute), without a cluster."""
from __future__ import annotations

import dataclasses

import pytest

from framing import execute
from framing.errors import PipelineError
from framing.features import Context, features
from framing.lexicons import LexiconSet
from framing.nlp import pipeline_id, pipeline_name


@pytest.fixture()
def work():
    feats = [f for f in features() if f.name in ("terms", "readability")]
    ctx = Context(nlp=None, lexicons=LexiconSet({}))
    keys = {f.name: f.key(ctx, pipeline_id()) for f in feats}
    return execute.Work.create(pipeline_name(), pipeline_id(), feats, ctx.lexicons, keys)


@pytest.mark.parametrize("change, message", [
    ({"pid": "en_core_web_sm-0.0.1"}, "this worker's pipeline is .* the run needs en_core_web_sm-0.0.1"),
    ({"version": "0.0.1"}, "this worker runs framing .* the run needs 0.0.1"),
])
def test_worker_refuses_work_made_for_another_installation(work, change, message):
    other = dataclasses.replace(work, key=work.key + "-other", **change)
    with pytest.raises(PipelineError, match=message):
        execute.worker_state(other)


def test_a_batch_returns_ready_cache_rows_and_the_parse(work):
    from spacy.tokens import DocBin

    from framing.cache import checksum
    from framing.nlp import load_pipeline

    batch = execute.Batch(["h1", "h2"], ["Russia invaded Ukraine.", "Kyiv said talks may resume."],
                          [("terms", "readability"), ("terms",)])
    done = execute.run_batch(work, batch)
    assert done.computed == 3 and sorted(r[:3] for r in done.rows) == sorted([
        ("terms", work.keys["terms"], "h1"), ("terms", work.keys["terms"], "h2"),
        ("readability", work.keys["readability"], "h1")])
    assert all(r[4] == checksum(*r[:4]) for r in done.rows)
    docs = list(DocBin().from_bytes(done.parse).get_docs(load_pipeline().vocab))
    assert [d.text for d in docs] == batch.texts


def test_a_local_worker_exits_when_its_command_is_killed(tmp_path):
    """The watch each local worker runs (dask_setup): a grandchild whose parent is killed
    with SIGKILL exits within a second, whatever file descriptors it inherited."""
    import os
    import signal
    import subprocess
    import sys
    import time

    pidfile = tmp_path / "worker.pid"
    middle = subprocess.Popen([sys.executable, "-c", f"""
import os, time
from framing import execute
parent = os.getpid()
r, w = os.pipe()  # a pipe both ends of which the worker also holds: no EOF to rely on
if os.fork() == 0:
    execute._COMMAND_PID = parent
    execute.dask_setup(None)
    open({str(pidfile)!r}, "w").write(str(os.getpid()))
    time.sleep(120)
    os._exit(0)
time.sleep(120)
"""])
    deadline = time.monotonic() + 60
    while not (pidfile.exists() and pidfile.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker = int(pidfile.read_text())
    try:
        middle.kill()
        middle.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _alive(worker):
            time.sleep(0.05)
        assert not _alive(worker), "the worker outlived its command"
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] not in ("Z", "X")
    except OSError:
        return False
