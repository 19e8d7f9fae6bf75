"""Every stage at 30,000 and 100,000 articles, on corpora recombined from AllSides paragraphs.

Results are cached by paragraph text, so a corpus whose body paragraphs all come from an
analysed pool exercises import, list, analyze's bookkeeping (splits, cache look-ups,
assembly), compare and report at scale without re-parsing. Steps:

1. import ``--pool`` AllSides articles and analyse them (the only parsing);
2. for each size N: write N articles (seeded: paragraph counts, paragraphs, sources and
   dates drawn from the pool) as JSONL, copy the pool's cache into a new (``framing init``) corpus,
   ``framing import`` them (which indexes them and caches their splits), then time ``framing list``, a cached ``framing analyze`` (no table snapshot yet), a
   second ``analyze`` (snapshot) and ``framing report --top-sources 12``.

Recombination repeats paragraphs by construction: each of the pool's ~8,000 body texts
appears in about N x 29 / 8,000 articles, and the paragraph-kinds rule that calls a
paragraph repeated in 3+ articles of one source boilerplate would mark most of a large
corpus as furniture (92% at 100,000), leaving its long tables far smaller than at 30,000.
``--repeated-in auto`` (the default) therefore raises that threshold in proportion to N
above 30,000 (3 at 30,000, 10 at 100,000), so every size keeps about the same share of
body paragraphs and the long tables grow with N; ``--repeated-in 3`` is the corpus default.

Each stage runs as its own process; wall time and that process's peak RSS are printed as a
Markdown table with each stage's target and the load average when it ran (the machine
may be shared: figures taken under load are slower). Not part of ``make bench`` (it takes a
while): ``make bench-scale`` or ``python benchmarks/scale_recombined.py [--sizes 30000,100000]
[--pool 300] [--work DIR]`` (``--work`` keeps the pool and corpora for re-runs and profiling).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from run_all import ALLSIDES, FRAMING, table  # noqa: E402

SEED = 20261204
# Issue 9's targets at 30,000 articles (seconds); every stage's peak RSS <= 3 GB.
TARGETS = {"list": 3, "analyze (cached results)": 60, "report --top-sources 12": 90}
RSS_TARGET_MB = 3 * 1024


def measured(args: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds (user + system), peak RSS MB) of one command run as a child
    process. CPU time is what the command itself used: on a shared machine it moves far less
    with the load than wall time does."""
    # stderr to a file, not a pipe: a progress bar fills a pipe's buffer and blocks the child.
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"failed: {' '.join(args)}\n{err.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def load() -> str:
    """The 1-minute load average, to state beside each figure."""
    return f"{os.getloadavg()[0]:.2f}"


def pool_corpus(work: Path, n: int) -> Path:
    corpus = work / f"pool-{n}"
    if (corpus / ".framing-cache" / "cache.sqlite").is_file():
        return corpus  # kept from an earlier run with --work
    subprocess.run(FRAMING + ["import", str(ALLSIDES), "--corpus", str(corpus), "--limit", str(n),
                              "--text-field", "content_original", "--source-field", "source"],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds, _, rss = measured(FRAMING + ["analyze", "--corpus", str(corpus)])
    print(f"  pool: {n} articles analysed in {seconds:.1f}s (peak RSS {rss:.0f} MB)", file=sys.stderr)
    return corpus


def recombine(pool: Path, n: int, out: Path, *, seed: int = SEED) -> Path:
    """Write ``n`` articles as JSONL: each a title plus body paragraphs drawn from the pool.

    Sources are the pool's outlets, dates spread over 2022; everything is seeded.
    """
    from framing.analysis import corpus_paragraphs
    from framing.corpus import Corpus

    pairs = corpus_paragraphs(Corpus.open(pool))
    body = sorted({p.text for _, p in pairs if p.kind == "body"})
    lengths = {}
    for doc, p in pairs:
        lengths[doc.id] = lengths.get(doc.id, 0) + (p.kind == "body")
    sizes = sorted(v for v in lengths.values() if v)
    sources = sorted({doc.source for doc, _ in pairs})
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            paras = rng.sample(body, min(len(body), rng.choice(sizes)))
            day = rng.randrange(365)
            record = {"title": f"Recombined article {i:06d}", "source": rng.choice(sources),
                      "date": time.strftime("%Y-%m-%d", time.gmtime(1640995200 + day * 86400)),
                      "text": f"Recombined article {i:06d}\n\n" + "\n\n".join(paras)}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def repeated_in(option: str, n: int) -> int:
    """The corpus's ``paragraph_kinds.repeated_in`` for a recombined corpus of ``n`` articles.

    Example:
        >>> repeated_in("auto", 30000), repeated_in("auto", 100000), repeated_in("5", 100000)
        (3, 10, 5)
    """
    if option != "auto":
        return int(option)
    from framing.furniture import MIN_ARTICLES

    return max(MIN_ARTICLES, round(MIN_ARTICLES * n / 30000))


def stages(pool: Path, work: Path, n: int, *, keep: bool, repeated: str = "auto") -> list[list]:
    src = recombine(pool, n, work / f"recombined-{n}.jsonl")
    corpus = work / f"recombined-{n}"
    if corpus.exists():
        shutil.rmtree(corpus)
    # The pool's results first (as a corpus analysed before would have them), so that the
    # import adds its documents' splits to that cache instead of being overwritten by it.
    subprocess.run(FRAMING + ["init", str(corpus)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    with (corpus / "corpus.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"paragraph_kinds:\n  repeated_in: {repeated_in(repeated, n)}\n")
    (corpus / ".framing-cache").mkdir()
    shutil.copy2(pool / ".framing-cache" / "cache.sqlite", corpus / ".framing-cache" / "cache.sqlite")
    rows = [[n, "import", *measured(FRAMING + ["import", str(src), "--corpus", str(corpus)]), load()]]
    for label, args in [("list", ["list"]), ("analyze (cached results)", ["analyze"]),
                        ("analyze (snapshot)", ["analyze"]),
                        ("report --top-sources 12", ["report", "--top-sources", "12", "--no-timestamp",
                                                     "--out", str(work / f"report-{n}")])]:
        before = load()
        rows.append([n, label, *measured(FRAMING + [args[0], "--corpus", str(corpus), *args[1:]]), before])
        print(f"  {n}: {label} {rows[-1][2]:.1f}s wall, {rows[-1][3]:.1f}s CPU (load {before})", file=sys.stderr)
    if not keep:
        shutil.rmtree(corpus)
    for row in rows:
        target = TARGETS.get(row[1])
        row.append(f"<= {target} s, <= {RSS_TARGET_MB} MB" if target and n == 30000 else "")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30000,100000")
    parser.add_argument("--pool", type=int, default=300, help="AllSides articles whose paragraphs are reused")
    parser.add_argument("--work", type=Path, help="keep the pool and corpora here (default: a temporary folder)")
    parser.add_argument("--repeated-in", default="auto",
                        help="paragraph_kinds.repeated_in of the recombined corpora: a number, or auto "
                             "(3 scaled by N/30,000: the same share of body paragraphs at every size)")
    args = parser.parse_args()
    if not ALLSIDES.is_file():
        sys.exit(f"needs {ALLSIDES} (set FRAMING_SHARED)")
    with tempfile.TemporaryDirectory(prefix="framing-scale-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        pool = pool_corpus(work, args.pool)
        rows = [row for n in (int(s) for s in args.sizes.split(","))
                for row in stages(pool, work, n, keep=args.work is not None, repeated=args.repeated_in)]
    table(f"Every stage on recombined corpora (body paragraphs from {args.pool} AllSides articles; "
          "each stage its own process; load = 1-minute load average as it started)",
          ["articles", "stage", "wall s", "CPU s", "peak RSS MB", "load", "target"], rows)


if __name__ == "__main__":
    main()
