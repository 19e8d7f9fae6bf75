"""Parse + every feature over batches of unique paragraph texts, on a Dask cluster.

``framing analyze --scheduler tcp://HOST:PORT`` (or ``$FRAMING_SCHEDULER``) sends the
paragraphs still to compute to an existing Dask cluster — a university HPC allocation
through dask-jobqueue, a cloud cluster, or ``dask scheduler`` + ``dask worker`` on a few
machines. The unit of work is a :class:`Batch` of paragraph texts (by hash). A worker
loads the spaCy pipeline and builds the feature functions once per run
(:func:`worker_state`), parses the batch, runs every feature asked for (user
dictionaries included) and returns a :class:`Done`: the results and, when parses are
kept, the batch's serialised parse.

:func:`run` yields finished batches as they complete with a bounded number in flight,
so the client streams them into the cache and its memory stays flat. Dask recomputes
the batches of a worker that dies (``retries``); nothing is written until a batch is
complete, so the cache stays consistent. Results are the same as in process: the same
code runs on the same texts with the same pipeline, which every worker must have
installed (checked: a worker with another pipeline version refuses the work).

``--jobs N`` (N > 1) runs the same code on a :class:`distributed.LocalCluster` of N worker
processes on 127.0.0.1 that lives as long as the command (:class:`_local`): the workers
parse *and* run every feature, so the command's own process only streams results into
the cache. Worker processes exit with the command, also when it is killed: each watches that
its parent is still the command (:func:`dask_setup`). Distributed's own watch (a pipe the
parent holds open) cannot be relied on with forked workers: nannies started together each
leak their pipe's write end into the other's worker, and then neither sees its parent die.
``--jobs 1`` runs in process, without a cluster.
"""
from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Iterator

from ._version import __version__
from .cache import pack_docs, result_rows
from .errors import FramingError, PipelineError
from .features import Context, Feature
from .lexicons import LexiconSet

BATCH_SIZE = 128          # paragraphs per batch: one task, one cache transaction
PIPE_BATCH = 64           # nlp.pipe batch size inside a batch
IN_FLIGHT_PER_WORKER = 3  # batches queued per worker: keeps workers busy, client memory bounded
SCHEDULER_ENV = "FRAMING_SCHEDULER"


def scheduler_address(option: str | None = None) -> str | None:
    """``--scheduler`` if given, else ``$FRAMING_SCHEDULER`` (empty means none).

    Example:
        >>> scheduler_address("tcp://127.0.0.1:8786")
        'tcp://127.0.0.1:8786'
    """
    return option or os.environ.get(SCHEDULER_ENV) or None


@dataclass
class Work:
    """What every worker needs, shipped once per run: pipeline, features, loaded lexicons."""

    pipeline: str                 # package name or path, as the worker must load it
    pid: str                      # expected pipeline id (name-version)
    features: tuple[Feature, ...]
    lexicons: LexiconSet          # loaded on the client: workers read no lexicon files
    keys: dict[str, str]          # feature -> cache key of its results
    keep_parses: bool = True
    key: str = field(default="")
    version: str = __version__    # the framing that made the Work: a worker with another refuses it

    @classmethod
    def create(cls, pipeline: str, pid: str, feats: list[Feature], lexicons: LexiconSet,
               keys: dict[str, str], *, keep_parses: bool = True) -> "Work":
        for f in feats:  # load every lexicon now, so that it travels with the Work
            for name in f.lexicons:
                lexicons[name]
        digest = hashlib.sha256(repr((pipeline, pid, keep_parses, sorted((f.name, keys[f.name]) for f in feats)))
                                .encode()).hexdigest()[:16]
        return cls(pipeline, pid, tuple(feats), lexicons, {f.name: keys[f.name] for f in feats}, keep_parses, digest)


@dataclass
class Batch:
    """Paragraph texts to parse, with the features wanted for each."""

    hashes: list[str]
    texts: list[str]
    wanted: list[tuple[str, ...]]


@dataclass
class Done:
    """A finished batch: cache rows of its results (:func:`framing.cache.result_rows`, made
    on the worker so that the command only inserts them) and, when parses are kept, the
    DocBin bytes."""

    hashes: list[str]
    rows: list[tuple[str, str, str, str, str]]
    parse: bytes | None = None

    @property
    def computed(self) -> int:
        return len(self.rows)


_STATE: dict[str, tuple[Any, dict[str, Any]]] = {}


def worker_state(work: Work) -> tuple[Any, dict[str, Any]]:
    """(nlp, {feature: Doc -> result}) for ``work``, built once per worker process."""
    state = _STATE.get(work.key)
    if state is None:
        from .nlp import load_pipeline, pipeline_id

        if work.version != __version__:
            raise PipelineError(f"this worker runs framing {__version__}, the run needs {work.version}: "
                                "install the same framing on every worker")
        nlp = load_pipeline(work.pipeline)
        if pipeline_id(nlp) != work.pid:
            raise PipelineError(f"this worker's pipeline is {pipeline_id(nlp)}, the run needs {work.pid}: "
                                "install the same pipeline package on every worker")
        ctx = Context(nlp=nlp, lexicons=work.lexicons)
        state = (nlp, {f.name: f.factory(ctx) for f in work.features})
        _STATE.clear()  # one run's state at a time: lexicon tables and matchers are not small
        _STATE[work.key] = state
    return state


def run_batch(work: Work, batch: Batch) -> Done:
    """Parse one batch and run the requested features on every paragraph (on a worker)."""
    from .nlp import fewer_collections

    nlp, fns = worker_state(work)
    with fewer_collections():
        docs = list(nlp.pipe(batch.texts, batch_size=PIPE_BATCH))
        results: dict[str, list] = {name: [] for name in fns}
        for h, doc, names in zip(batch.hashes, docs, batch.wanted):
            for name in names:
                results[name].append((h, fns[name](doc)))
        rows = [row for name, items in results.items() for row in result_rows(name, work.keys[name], items)]
        return Done(batch.hashes, rows, parse=pack_docs(docs) if work.keep_parses else None)


def plan(todo: list[str], texts: dict[str, str], wanted: dict[str, tuple[str, ...]], *,
         size: int = BATCH_SIZE, tail: int = 0) -> Iterator[Batch]:
    """Batches of ``size`` paragraphs, in ``todo`` order; the last ``tail`` paragraphs in
    batches of a quarter of ``size`` (see :func:`tail_size`).

    Example:
        >>> [b.hashes for b in plan(["a", "b", "c"], {"a": "A.", "b": "B.", "c": "C."},
        ...                         {"a": ("x",), "b": ("x",), "c": ("x",)}, size=2)]
        [['a', 'b'], ['c']]
        >>> [len(b.hashes) for b in plan(list("abcdefghij"), dict.fromkeys("abcdefghij", "A."),
        ...                              dict.fromkeys("abcdefghij", ("x",)), size=4, tail=5)]
        [4, 1, 1, 1, 1, 1, 1]
    """
    body = max(0, len(todo) - tail)
    small = max(1, size // 4)
    starts = [*range(0, body, size), *range(body, len(todo), small)]
    for i, j in zip(starts, [*starts[1:], len(todo)]):
        chunk = todo[i:j]
        yield Batch(chunk, [texts[h] for h in chunk], [wanted[h] for h in chunk])


def batch_size(n: int, n_workers: int) -> int:
    """Small enough that every worker gets about eight batches (a small corpus still uses
    them all, and the last batch, which one worker finishes alone, is short), never more
    than :data:`BATCH_SIZE`.

    Example:
        >>> batch_size(100, 2), batch_size(1_810, 2), batch_size(100_000, 8)
        (8, 114, 128)
    """
    return max(8, min(BATCH_SIZE, -(-n // (8 * max(1, n_workers)))))


def tail_size(size: int, n_workers: int) -> int:
    """Paragraphs sent last in small batches: the last ``size`` per worker. A worker that
    runs out of batches waits for the others to finish theirs; with quarter-size batches at
    the end that wait is a quarter as long (half a batch on average, ~0.4 s at 128
    paragraphs, a few % of a 2-worker run of 150 articles).

    Example:
        >>> tail_size(128, 2), tail_size(128, 1)
        (256, 0)
    """
    return size * n_workers if n_workers > 1 else 0


def run(work: Work, todo: list[str], texts: dict[str, str], wanted: dict[str, tuple[str, ...]],
        scheduler: str | None = None, *, jobs: int = 2) -> Iterator[Done]:
    """Finished batches, as they complete, from the cluster at ``scheduler`` or, without one,
    from a local cluster of ``jobs`` worker processes started for this run."""
    from distributed import as_completed

    with (_client(scheduler) if scheduler else _local(jobs)) as client:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared = client.scatter(work, broadcast=True, hash=False)
        size = batch_size(len(todo), n_workers)
        batches = plan(todo, texts, wanted, size=size, tail=tail_size(size, n_workers))

        def submit(batch: Batch):
            key = hashlib.sha256(f"{work.key}|{batch.hashes[0]}|{len(batch.hashes)}".encode()).hexdigest()[:20]
            return client.submit(run_batch, shared, batch, key=f"framing-batch-{key}", retries=3, pure=False)

        pending = as_completed([submit(b) for b in islice(batches, IN_FLIGHT_PER_WORKER * n_workers)])
        for future in pending:
            done = future.result()
            future.release()
            nxt = next(batches, None)
            if nxt is not None:
                pending.add(submit(nxt))
            yield done


_COMMAND_PID: int | None = None  # set by _local in the command before its workers are made
PARENT_POLL = 0.25               # seconds between a local worker's checks that the command lives


def dask_setup(worker) -> None:
    """Set-up of a local cluster's workers (a Dask preload: ``preload=["framing.execute"]``).

    Ctrl-C in a terminal reaches the whole process group; the workers ignore it and the
    command, which gets it too, closes them itself (and reports what was kept). A worker
    whose command has gone (``kill -9``, a crash) exits at once: its parent is then no
    longer the command's process.
    """
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = _COMMAND_PID or int(os.environ.get("FRAMING_COMMAND_PID", "0") or 0)
    if parent:
        threading.Thread(target=_exit_with, args=(parent,), name="framing-parent-watch", daemon=True).start()


def _exit_with(parent: int) -> None:
    """Exit this process as soon as ``parent`` is no longer its parent (orphans are re-parented)."""
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


class _local:
    """A cluster of ``n`` single-threaded worker processes on 127.0.0.1 for one command.

    No dashboard, nothing listening beyond the loopback interface; closed (workers stopped)
    on exit, also when the command is interrupted. On Linux the workers are forked from
    this process after it built the pipeline and the features (:func:`worker_state`), so they
    start warm in a fraction of a second (spawned workers would import spaCy and load the
    pipeline again, seconds each, which dominates a small corpus).
    """

    def __init__(self, n: int):
        self.n = n
        self.cluster = self.client = self.config = None

    def __enter__(self):
        import multiprocessing

        import dask
        from distributed import Client, LocalCluster

        global _COMMAND_PID
        _COMMAND_PID = os.getpid()  # forked workers inherit it; spawned ones read the environment
        os.environ["FRAMING_COMMAND_PID"] = str(_COMMAND_PID)
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.config = dask.config.set({
            "distributed.worker.multiprocessing-method": method,
            # Dask's statistical profiler samples each worker's stack every 10 ms and its
            # system monitor polls every 500 ms: CPU taken from the parse on a 2-core machine.
            "distributed.worker.profile.enabled": False,
            "distributed.admin.system-monitor.interval": "5s",
            # Likewise the event-loop tick watch (20 ms), each worker's memory check (100 ms)
            # and work stealing (100 ms; the scheduler's queue already hands each batch to the
            # first free worker): together 30 ms of CPU per second in the command and 12 in
            # each worker, a quarter of that with these settings.
            "distributed.admin.tick.interval": "1s",
            "distributed.worker.memory.monitor-interval": "1s",
            "distributed.scheduler.work-stealing": False,
        })
        try:
            self.cluster = LocalCluster(n_workers=self.n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                        scheduler_port=0, dashboard_address=None, silence_logs=logging.CRITICAL,
                                        # its HTTP endpoint on a free loopback port, not on 8787
                                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                        preload=["framing.execute"])
            self.client = Client(self.cluster)
        except (OSError, RuntimeError, TimeoutError) as exc:
            self.__exit__()
            raise FramingError(f"cannot start {self.n} local worker processes ({exc}); "
                               "run with --jobs 1 to analyse in this process") from None
        return self.client

    def __exit__(self, *exc) -> None:
        try:
            if self.client is not None:
                self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        finally:
            os.environ.pop("FRAMING_COMMAND_PID", None)
            if self.config is not None:
                self.config.__exit__(None, None, None)


class _client:
    """A Dask client on an existing scheduler (always closed; the cluster is not ours to stop)."""

    def __init__(self, scheduler: str):
        self.scheduler = scheduler
        self.client = None

    def __enter__(self):
        from distributed import Client

        logging.getLogger("distributed").setLevel(logging.ERROR)
        try:
            self.client = Client(self.scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise FramingError(f"cannot reach the Dask scheduler at {self.scheduler} ({exc}); start one "
                               f"with 'dask scheduler' or check --scheduler / ${SCHEDULER_ENV}") from None
        if not self.client.scheduler_info().get("workers"):
            try:
                self.client.wait_for_workers(1, timeout=60)
            except TimeoutError:
                self.client.close()
                raise FramingError(f"the Dask scheduler at {self.scheduler} has no workers after 60 s; "
                                   f"start some with 'dask worker {self.scheduler}'") from None
        return self.client

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
