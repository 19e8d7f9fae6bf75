"""Speed and memory benchmarks for framing; prints tables (``make bench``).

Measures, on AllSides articles from ../shared (FRAMING_SHARED):
  1. ``analyze`` throughput against bare ``nlp.pipe`` of spaCy as shipped over the same body
     paragraphs with the same pipeline components, for 1 and 2 jobs (target: analyze <= 1.15x),
     and against ``nlp.pipe`` of the pipeline as framing loads it (framing.fastpipes);
  2. a second ``analyze`` of the unchanged corpus as a fraction of the first (target < 5%);
  3. peak RSS of a fresh ``analyze`` for 100, 1,000 and 3,160 articles (target: flat);
  4. ``framing report`` time from cached features for the same sizes;
  5. the throughput corpus through an external two-worker Dask cluster (time, identical exports).

The 30,000/100,000-article stages are in ``scale_recombined.py`` (``make bench-scale``).

Each measurement runs in its own Python process so that peak RSS and warm-up are not
shared. Usage: ``python benchmarks/run_all.py [--sizes 100,1000,3160] [--throughput-docs 60,150] [--repeat 3]``.
Throughput figures are medians of ``--repeat`` rounds: single runs on a two-core machine vary by
about 5%, as much as some of the targets' margins.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
ALLSIDES = SHARED / "data/news/allsides_russia/allsides_russia_related.jsonl"
FRAMING = [sys.executable, "-m", "framing"]

CHILD = r"""
import json, resource, sys, time
mode, corpus_dir, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
scheduler = sys.argv[4] if len(sys.argv) > 4 else None
t0 = time.perf_counter()
import framing
from framing.corpus import Corpus
corpus = Corpus.open(corpus_dir)
if mode in ("pipe", "pipe-framing"):
    # "pipe": spaCy as shipped (spacy.load); "pipe-framing": the same pipeline as framing
    # loads it, with its exact, faster attribute ruler and lemmatizer (framing.fastpipes).
    import spacy
    from framing.analysis import corpus_paragraphs
    from framing.nlp import load_pipeline, pipeline_name
    texts = [p.text for _, p in corpus_paragraphs(corpus) if p.kind == "body"]
    texts = list(dict.fromkeys(texts))
    nlp = spacy.load(pipeline_name()) if mode == "pipe" else load_pipeline()
    t1 = time.perf_counter()
    words = sum(len(d) for d in nlp.pipe(texts, n_process=jobs, batch_size=64))
    # "seconds" counts from process start like analyze's (imports, corpus read, pipeline load);
    # "parse_seconds" is nlp.pipe alone.
    out = {"seconds": time.perf_counter() - t0, "parse_seconds": time.perf_counter() - t1,
           "tokens": words, "paragraphs": len(texts)}
elif mode == "analyze":
    import framing.analysis as A
    marks = {}
    assemble = A.assemble
    def measured(*args, **kwargs):  # peak RSS of the streaming parse+features phase, before assembly
        marks["stream_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return assemble(*args, **kwargs)
    A.assemble = measured
    tables = framing.analyze(corpus, jobs=jobs, scheduler=scheduler)
    out = {"seconds": time.perf_counter() - t0, **tables.run, **marks}
elif mode == "report":
    from framing.analysis import load_or_analyze
    from framing.compare import compare
    from framing.report.build import build_report
    import tempfile
    tables = load_or_analyze(corpus, progress=False)
    t1 = time.perf_counter()
    comparison = compare(tables)
    with tempfile.TemporaryDirectory() as out_dir:
        build_report(tables, comparison, out_dir=out_dir, corpus_name=corpus.name, timestamp="2026-01-01")
    out = {"seconds": time.perf_counter() - t0, "after_load_seconds": time.perf_counter() - t1}
usage = resource.getrusage(resource.RUSAGE_SELF)
out["peak_rss_mb"] = usage.ru_maxrss / 1024
out["cpu_seconds"] = usage.ru_utime + usage.ru_stime  # this process only (not its workers)
print(json.dumps(out))
"""


def child(mode: str, corpus: Path, jobs: int = 1, scheduler: str | None = None) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, str(corpus), str(jobs), *([scheduler] if scheduler else [])],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"benchmark child {mode} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_corpus(work: Path, n: int) -> Path:
    corpus = work / f"allsides-{n}"
    t0 = time.perf_counter()
    subprocess.run(FRAMING + ["import", str(ALLSIDES), "--corpus", str(corpus), "--limit", str(n),
                              "--text-field", "content_original", "--source-field", "source",
                              "--skip-bad"],  # one AllSides record is dated "4/4/17" (not ISO 8601)
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"  imported {n} articles in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    shutil.copytree(corpus / ".framing-cache", import_cache(corpus))
    return corpus


def import_cache(corpus: Path) -> Path:
    """Where the cache as `framing import` left it is kept for :func:`clear_cache`."""
    return corpus.with_name(corpus.name + ".import-cache")


def clear_cache(corpus: Path) -> None:
    """Back to the state `framing import` left: no parses, results or table snapshot, and the
    paragraph splits the import stored (the bare-pipe baseline reads those too, so a cold
    analyze is not charged for splitting that neither the baseline nor a user repeats)."""
    shutil.rmtree(corpus / ".framing-cache", ignore_errors=True)
    saved = import_cache(corpus)
    if saved.is_dir():
        shutil.copytree(saved, corpus / ".framing-cache")


def table(title: str, header: list[str], rows: list[list]) -> None:
    print(f"\n## {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(f"{v:.3g}" if isinstance(v, float) else str(v) for v in row) + " |")
    sys.stdout.flush()


def throughput(work: Path, n_docs: int, repeat: int = 1) -> None:
    """The throughput table; with ``repeat`` > 1 every figure is the median of that many runs,
    taken in turn (1 job, 2 jobs, 1 job, ...) so that a slower spell of the machine weighs on
    both, and the speed-up column gives the median of the per-round ratios with their range."""
    corpus = make_corpus(work, n_docs)
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            pipe = child("pipe", corpus, jobs)
            own = child("pipe-framing", corpus, jobs)
            clear_cache(corpus)
            first = child("analyze", corpus, jobs)
            second = child("analyze", corpus, jobs)
            runs[jobs].append({"paragraphs": pipe["paragraphs"], "tokens": pipe["tokens"],
                               "parse": pipe["parse_seconds"], "pipe": pipe["seconds"], "own": own["seconds"],
                               "first": first["seconds"], "second": second["seconds"]})
    rows = []
    for jobs, rounds in runs.items():
        m = {key: median([r[key] for r in rounds]) for key in rounds[0]}
        ratios = [one["first"] / r["first"] for one, r in zip(runs[1], rounds)]
        spread = f" ({min(ratios):.2f}-{max(ratios):.2f})" if repeat > 1 and jobs > 1 else ""
        rows.append([jobs, m["paragraphs"], m["tokens"], m["parse"], m["pipe"], m["first"], m["first"] / m["pipe"],
                     m["tokens"] / m["first"], m["second"], m["second"] / m["first"], m["own"],
                     m["first"] / m["own"], f"{median(ratios):.3g}{spread}"])
    runs_said = f"medians of {repeat} rounds; " if repeat > 1 else ""
    table(f"Throughput on {n_docs} AllSides articles (bare nlp.pipe of spaCy as shipped vs framing "
          "analyze; all timed from process start, with the same imports, corpus read and pipeline "
          "load; 'framing pipe' is nlp.pipe of the pipeline as framing loads it, with its faster "
          f"rule components; {runs_said}load average {os.getloadavg()[0]:.2f} after the runs)",
          ["jobs", "paragraphs", "tokens", "nlp.pipe alone s", "pipe run s", "analyze s", "analyze/pipe",
           "tokens/s", "2nd analyze s", "2nd/1st", "framing pipe run s", "analyze/framing pipe",
           "analyze speed-up"], rows)


def exports(corpus: Path) -> list[bytes]:
    return [subprocess.run(FRAMING + ["export", t, "--corpus", str(corpus)], check=True, cwd=ROOT,
                           capture_output=True).stdout for t in ("paragraphs", "actors", "terms", "cues")]


def external_cluster(work: Path, n_docs: int) -> None:
    """The throughput corpus through a scheduler and two `dask worker` processes on 127.0.0.1."""
    import socket

    corpus = work / f"allsides-{n_docs}"
    reference = exports(corpus)        # from the cache of the last throughput run (--jobs 2)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address, dask = f"tcp://127.0.0.1:{port}", str(Path(sys.executable).parent / "dask")
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard",
                                           "--host", "127.0.0.1"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, start_new_session=True))
        from distributed import Client
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        clear_cache(corpus)
        run = child("analyze", corpus, 1, address)
        same = exports(corpus) == reference
    finally:
        for proc in procs:
            os.killpg(proc.pid, 9)
            proc.wait()
    table(f"External 2-worker Dask cluster on the same {n_docs} articles (workers already running)",
          ["analyze s (from process start)", "paragraphs", "exports identical to the --jobs 2 run"],
          [[run["seconds"], run["analysed"], same]])


def scale(work: Path, sizes: list[int], jobs: int) -> None:
    rows = []
    for n in sizes:
        corpus = make_corpus(work, n)
        first = child("analyze", corpus, jobs)
        report = child("report", corpus, 1)
        rows.append([n, first["analysed"], first["seconds"], first.get("stream_peak_rss_mb", float("nan")),
                     first["peak_rss_mb"], report["seconds"], report["after_load_seconds"], report["peak_rss_mb"]])
    table(f"Scale: fresh analyze ({jobs} job(s)) and report from cached features",
          ["articles", "body paragraphs", "analyze s", "parse+features peak RSS MB",
           "peak RSS MB with tables", "report s (incl. load)", "compare+render s", "report peak RSS MB"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,3160")
    parser.add_argument("--throughput-docs", default="60,150",
                        help="corpus sizes (articles) of the throughput table, comma-separated")
    parser.add_argument("--skip-scale", action="store_true", help="only the throughput table")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of the throughput runs; the table gives their medians (1: quick look)")
    parser.add_argument("--scale-jobs", type=int, default=1,
                        help="parser processes for the scale runs (1: RSS then covers all the work)")
    args = parser.parse_args()
    if not ALLSIDES.is_file():
        sys.exit(f"needs {ALLSIDES} (set FRAMING_SHARED)")
    print(f"# framing benchmarks\n\nmachine: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}")
    with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
        sizes = [int(n) for n in args.throughput_docs.split(",")]
        for n in sizes:
            throughput(Path(tmp), n, max(1, args.repeat))
        external_cluster(Path(tmp), sizes[-1])
        if not args.skip_scale:
            scale(Path(tmp), [int(s) for s in args.sizes.split(",")], args.scale_jobs)


if __name__ == "__main__":
    main()
