"""Time of each feature on one paragraph of 10 KB, 100 KB and 500 KB: is it linear?

A paragraph of N characters should cost about N times a fixed rate in every
feature; a feature that grows faster than its text lets one long paragraph stall a
whole corpus (a 950 KB paragraph once took 4 min 49 s in the contested-terms
feature). The text is the project's seed article repeated (its body paragraphs
joined with spaces), so it carries real actors, hedges and contested terms.

Prints a Markdown table: seconds per feature and size (best of 3 runs; parse: 1 run), and microseconds per 1,000
characters (flat across sizes = linear). Timings are wall-clock on whatever else the
machine is doing: compare the per-1,000-character column, not absolute figures.

Usage: ``python benchmarks/feature_linearity.py [--sizes 10000,100000,500000]``.
"""
from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ac75214d38e01273.txt"


def long_paragraph(n_chars: int) -> str:
    """One line of about ``n_chars`` characters made of the seed article's body text."""
    from framing.paragraphs import split_paragraphs

    body = " ".join(p.text for p in split_paragraphs("seed", SEED.read_text(encoding="utf-8"))
                    if p.kind == "body")
    text = (body + " ") * (n_chars // (len(body) + 1) + 1)
    return text[:text.rfind(" ", 0, n_chars)]


REPEATS = 3  # best of 3 per feature: other processes on the machine only ever add time


def _timed(fn, doc) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn(doc)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,500000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from framing.features import Context, features
    from framing.lexicons import LexiconSet
    from framing.nlp import load_pipeline

    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, max(sizes) + 1)
    ctx = Context(nlp, LexiconSet())
    fns = {f.name: f.factory(ctx) for f in features()}
    warm = nlp(long_paragraph(2000))
    for fn in fns.values():  # first calls load lexicons and models: not part of the rate
        fn(warm)
    rows = []
    for size in sizes:
        text = long_paragraph(size)
        t0 = time.perf_counter()
        doc = nlp(text)
        timings = {"parse (spaCy)": time.perf_counter() - t0}
        for name, fn in fns.items():
            timings[name] = min(_timed(fn, doc) for _ in range(REPEATS))
        rows.append((len(text), timings))
    names = list(rows[0][1])
    print("| step | " + " | ".join(f"{n:,} chars: s (µs/1k chars)" for n, _ in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for name in names:
        cells = [f"{t[name]:.3f} ({t[name] / n * 1e9:.0f})" for n, t in rows]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
