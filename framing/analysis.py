"""Run every registered feature over a corpus, with a parse and result cache.

Re-running on an unchanged corpus parses nothing; adding a document parses only
its paragraphs; changing a lexicon recomputes only the features that use it
(from cached parses). Documents stream through ``nlp.pipe``: memory stays flat in
corpus size.
"""
from __future__ import annotations

import sqlite3
import sys
import time
import warnings
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from . import furniture, tables_cache
from ._version import __version__
from .cache import Cache, CacheCorrupt, cache_location, is_damage, paragraph_hash
from .checks import MAX_PARAGRAPH_CHARS
from .corpus import Corpus, Document
from .dictionaries import Dictionary, as_feature, corpus_dictionaries, unique
from .errors import FramingError, FramingWarning, Interrupted, PipelineError
from .features import Context, Feature, declared, features
from .lexicons import LexiconSet, Override, corpus_overrides
from .nlp import fewer_collections, load_pipeline, pipeline_id
from .paragraphs import Paragraph, rules_version, split_paragraphs
from .tables import PARAGRAPH_BASE, Tables, add_rates, documents_table, long_table

FLUSH_EVERY = 256
NAN = float("nan")


def lexicon_set(corpus: Corpus, overrides: Mapping[str, Override] | LexiconSet | None = None) -> LexiconSet:
    """Corpus-level overrides (corpus.yaml), then per-command ones on top."""
    if isinstance(overrides, LexiconSet):
        return overrides
    merged = corpus_overrides(corpus.config, corpus.root)
    merged.update(overrides or {})
    return LexiconSet(merged)


def document_paragraphs(docs: list[Document], cache: Cache) -> list[tuple[Document, Paragraph]]:
    """Every document's paragraphs with kinds, reusing cached splits while the rules are unchanged."""
    version = rules_version()
    hashes = {doc.id: paragraph_hash(doc.text) for doc in docs}
    known = cache.get_splits(version, hashes.values())
    out, new = [], []
    shared: dict[str, str] = {}  # one string per distinct paragraph text (wire copy is held once)
    for doc in docs:
        h = hashes[doc.id]
        if h in known:
            paras = [Paragraph(doc.id, i, kind, shared.setdefault(text, text))
                     for i, (kind, text) in enumerate(known[h], 1)]
        else:
            paras = [p if shared.setdefault(p.text, p.text) is p.text else replace(p, text=shared[p.text])
                     for p in split_paragraphs(doc.id, doc.text)]
            known[h] = [(p.kind, p.text) for p in paras]
            new.append((h, known[h]))
        out.extend((doc, p) for p in paras)
    if new:
        cache.put_splits(version, new)
        cache.commit()
    return out


def settled_paragraphs(docs: list[Document], cache: Cache, config: dict | None = None
                       ) -> tuple[list[tuple[Document, Paragraph]], dict[tuple[str, int], str]]:
    """Every document's paragraphs with their final kinds: the per-document rules, then the
    corpus-level pass (furniture repeated across a source's articles, the user's overrides;
    :func:`framing.furniture.settle`), with the reason for each kind that pass set."""
    return furniture.settle(document_paragraphs(docs, cache), furniture.Rules.from_config(config))


def corpus_paragraphs(corpus: Corpus) -> list[tuple[Document, Paragraph]]:
    """(document, paragraph) pairs for a whole corpus, in document order, kinds settled (cached)."""
    docs = list(corpus.documents())
    cache = Cache(corpus.root)
    try:
        return settled_paragraphs(docs, cache, corpus.config)[0]
    finally:
        cache.close()


def _docs(todo: list[str], texts: dict[str, str], cache: Cache, nlp, pid: str) -> Iterator[tuple[str, Any, bool]]:
    """(hash, Doc, newly_parsed) for each hash: cached parses first, then one nlp.pipe stream."""
    cached = cache.have_parses(pid, todo)
    old = [h for h in todo if h in cached]
    for i in range(0, len(old), FLUSH_EVERY):
        for h, doc in cache.get_parses(pid, old[i:i + FLUSH_EVERY], nlp.vocab).items():
            yield h, doc, False
    new = [h for h in todo if h not in cached]
    for h, doc in zip(new, nlp.pipe((texts[h] for h in new), batch_size=64)):
        yield h, doc, True


def _progress(items: Iterable | None, total: int, enabled: bool):
    """``items`` wrapped in the analyze progress bar; with ``items`` None, a bar to update by hand
    (or None when no bar is shown)."""
    if not enabled or total == 0:
        return items
    from tqdm import tqdm
    return tqdm(items, total=total, unit="para", desc="analyze", file=sys.stderr, mininterval=0.5)


def _compute(todo, texts, cache, ctx, pid, feats, keys, missing, *, progress: bool, keep_parses: bool) -> dict[str, int]:
    """The missing results computed in this process, flushed to the cache every :data:`FLUSH_EVERY`."""
    if not todo:
        return {"parsed": 0, "parse_cache_hits": 0, "computed": 0}
    ctx.nlp = ctx.nlp or load_pipeline()
    if pipeline_id(ctx.nlp) != pid:
        raise PipelineError(f"loaded pipeline {pipeline_id(ctx.nlp)} differs from the installed {pid}")
    fns = {f.name: f.factory(ctx) for f in feats if missing[f.name]}
    parses, results = [], {name: [] for name in fns}
    stats = {"parsed": 0, "parse_cache_hits": 0, "computed": 0}
    done = 0
    try:
        with fewer_collections():
            for n, (h, doc, is_new) in enumerate(_progress(_docs(todo, texts, cache, ctx.nlp, pid),
                                                           len(todo), progress), 1):
                stats["parsed" if is_new else "parse_cache_hits"] += 1
                if is_new and keep_parses:
                    parses.append((h, doc))
                for name, fn in fns.items():
                    if h in missing[name]:
                        results[name].append((h, fn(doc)))
                        stats["computed"] += 1
                done = n
                if n % FLUSH_EVERY == 0:
                    _flush(cache, pid, parses, results, keys)
    except KeyboardInterrupt:
        _flush(cache, pid, parses, results, keys)  # complete results only; SQLite commits atomically
        raise Interrupted(f"interrupted: analysis stopped after {done} of {len(todo)} paragraphs; "
                          f"their results are kept in the cache and the next run continues from there; "
                          "no tables, export or report were written") from None
    _flush(cache, pid, parses, results, keys)
    return stats


def _compute_on_cluster(todo, texts, cache, ctx, pid, feats, keys, missing, *, scheduler: str | None, jobs: int,
                        progress: bool, keep_parses: bool) -> dict[str, int]:
    """The missing results computed on a Dask cluster (:mod:`framing.execute`): the one at
    ``scheduler``, else a local one of ``jobs`` processes. Each finished batch is written to
    the cache in its own transaction as it arrives.

    On a local cluster, paragraphs whose parse is cached are measured in process from the
    cached parse (far cheaper than parsing them again in a worker)."""
    from .execute import Work, run, worker_state
    from .nlp import pipeline_name

    stats = {"parsed": 0, "parse_cache_hits": 0, "computed": 0}
    if not scheduler:
        reparse = cache.have_parses(pid, todo)
        if reparse:
            stats = _compute([h for h in todo if h in reparse], texts, cache, ctx, pid, feats, keys, missing,
                             progress=progress, keep_parses=keep_parses)
            todo = [h for h in todo if h not in reparse]
            if not todo:
                return stats
    needed = [f for f in feats if any(h in missing[f.name] for h in todo)]
    work = Work.create(pipeline_name(), pid, needed, ctx.lexicons, keys, keep_parses=keep_parses)
    if not scheduler:
        worker_state(work)  # built here: local workers are forked from this process and start with it
    wanted = {h: tuple(f.name for f in needed if h in missing[f.name]) for h in todo}
    bar = None  # drawn once the cluster answered: an unreachable scheduler is one clean error line
    try:
        for done in run(work, todo, texts, wanted, scheduler, jobs=jobs):
            if bar is None and progress:
                bar = _progress(None, len(todo), progress)
            if done.parse is not None:
                cache.put_parse_blob(pid, done.hashes, done.parse)
            cache.put_result_rows(done.rows)
            cache.commit()  # one transaction per batch: an interruption keeps every finished batch whole
            stats["parsed"] += len(done.hashes)
            stats["computed"] += done.computed
            if bar is not None:
                bar.update(len(done.hashes))
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted: analysis stopped after {stats['parsed']} of {len(todo)} paragraphs; "
                          "their results are kept in the cache and the next run continues from there; "
                          "no tables, export or report were written") from None
    finally:
        if bar is not None:
            bar.close()
    return stats


def _flush(cache: Cache, pid: str, parses: list, results: dict[str, list], keys: dict[str, str]) -> None:
    cache.put_parses(pid, parses)
    parses.clear()
    for name, items in results.items():
        cache.put_results(name, keys[name], items)
        items.clear()
    cache.commit()


def analyze(corpus: Corpus, *, lexicons: Mapping[str, Override] | LexiconSet | None = None,
            jobs: int = 1, scheduler: str | None = None, progress: bool = False, kinds: tuple[str, ...] = ("body",),
            feature_names: tuple[str, ...] | None = None, dictionaries: list[Dictionary] | None = None,
            keep_parses: bool | None = None) -> Tables:
    """Compute every framing feature for the corpus's paragraphs of ``kinds``.

    Args:
        corpus: an opened :class:`~framing.corpus.Corpus`.
        lexicons: per-run lexicon overrides (on top of the corpus's own).
        jobs: worker processes; above 1, a local Dask cluster of ``jobs`` processes parses
            and measures the paragraphs still to compute (:mod:`framing.execute`).
        scheduler: address of a Dask scheduler (``tcp://host:port``); the paragraphs still
            to compute are parsed and measured on its workers (:mod:`framing.execute`).
        keep_parses: store new parses in the cache (about 0.5 KB per paragraph), so that a
            changed lexicon or dictionary is recomputed without parsing again; default
            corpus.yaml ``keep_parses``, else True.
        progress: show a progress bar on stderr.
        dictionaries: user dictionaries (:mod:`framing.dictionaries`) on top of those in
            corpus.yaml; each category becomes a per-100-words measure.

    Returns:
        :class:`~framing.tables.Tables`; ``tables.run`` says what was parsed or reused.

    A damaged cache (a payload failing its checksum, a database that stops reading)
    is reported as a :class:`~framing.errors.FramingWarning` and the run is redone
    once with the damaged parts deleted, so numbers never come from a bad cache.

    Example:
        >>> tables = analyze(Corpus.open("corpora/central-asia"))   # doctest: +SKIP
        >>> tables.actors.query("role == 'agent'").actor.value_counts()  # doctest: +SKIP
    """
    args = dict(lexicons=lexicons, jobs=jobs, scheduler=scheduler, progress=progress, kinds=kinds,
                feature_names=feature_names, dictionaries=dictionaries, keep_parses=keep_parses)
    try:
        return _analyze(corpus, **args)
    except (CacheCorrupt, sqlite3.DatabaseError) as exc:
        if not is_damage(exc):
            raise FramingError(f"cannot use the cache of {corpus.root} ({exc}); "
                               "is another framing command holding it, or the disk full?") from None
        warnings.warn(f"cache of {corpus.root} is damaged ({exc}); recomputing the damaged part",
                      FramingWarning, stacklevel=2)
        if not isinstance(exc, CacheCorrupt):
            Cache(corpus.root).discard()
        else:  # the first damaged part was found; clear every other one before the one retry
            cache = Cache(corpus.root)
            try:
                cache.drop_damaged_parses()
            finally:
                cache.close()
    try:
        return _analyze(corpus, **args)
    except (CacheCorrupt, sqlite3.DatabaseError) as exc:
        raise FramingError(f"cache of {corpus.root} is damaged ({exc}) and could not be repaired; "
                           f"delete {corpus.root / '.framing-cache'} and run again") from None


def _analyze(corpus: Corpus, *, lexicons, jobs: int, scheduler: str | None, progress: bool, kinds: tuple[str, ...],
             feature_names: tuple[str, ...] | None, dictionaries: list[Dictionary] | None,
             keep_parses: bool | None) -> Tables:
    t0 = time.perf_counter()
    # The parser is loaded only if something must be computed: a cached run never imports spaCy.
    ctx = Context(nlp=None, lexicons=lexicon_set(corpus, lexicons))
    pid = pipeline_id()
    user = unique(corpus_dictionaries(corpus.config, corpus.root) + list(dictionaries or []))
    feats = features(feature_names) + [as_feature(d) for d in user]
    keys = {f.name: f.key(ctx, pid) for f in feats}
    rules = furniture.Rules.from_config(corpus.config)
    keep = corpus_keeps_parses(corpus.config) if keep_parses is None else keep_parses  # a bad value fails early
    rules_key = f"{rules_version()}:{furniture.version()}:{rules.key()}"
    # With a snapshot on disk, the key is computed as the documents stream by (their texts are
    # not all held at once: hundreds of MB at 30,000 articles); they are read again if it is stale.
    docs = None if tables_cache.exists(cache_location(corpus.root)) else list(corpus.documents())
    snap = tables_cache.snapshot_key(corpus.documents() if docs is None else docs, keys, kinds, rules_key)
    cache = Cache(corpus.root)
    tables = tables_cache.load(cache.dir, snap)
    if tables is not None:
        cache.close()
        body = tables.paragraphs["kind"].isin(kinds)
        tables.run = {"parsed": 0, "parse_cache_hits": 0, "computed": 0, "paragraphs": len(tables.paragraphs),
                      "analysed": int(tables.paragraphs.loc[body, "text"].nunique()),
                      "seconds": round(time.perf_counter() - t0, 3), "snapshot": True}
        return tables
    try:
        if docs is None:
            docs = list(corpus.documents())
            snap = tables_cache.snapshot_key(docs, keys, kinds, rules_key)  # the corpus may have changed since
        paras, reasons = furniture.settle(document_paragraphs(docs, cache), rules)
        texts = {paragraph_hash(p.text): p.text for _, p in paras if p.kind in kinds}
        missing = {f.name: set(texts) - cache.have_results(f.name, keys[f.name], texts) for f in feats}
        # Paragraphs over the limit (from corpora written before it existed) are left
        # unanalysed, their measures NaN, rather than failing the whole run in spaCy.
        todo = sorted(h for h in set().union(*missing.values()) if len(texts[h]) <= MAX_PARAGRAPH_CHARS) \
            if missing else []
        if todo and (scheduler or jobs > 1):
            stats = _compute_on_cluster(todo, texts, cache, ctx, pid, feats, keys, missing, scheduler=scheduler,
                                        jobs=jobs, progress=progress, keep_parses=keep)
        else:
            stats = _compute(todo, texts, cache, ctx, pid, feats, keys, missing, progress=progress, keep_parses=keep)
        tables = assemble(docs, paras, feats, lambda f: cache.get_results(f.name, keys[f.name], texts),
                          kinds=kinds, reasons=reasons)
    finally:
        cache.close()
    tables.meta = run_meta(ctx, pid, feats)
    tables.meta["repeated_in"] = rules.repeated_in  # the furniture threshold the kinds were settled with
    if user:
        tables.meta["dictionaries"] = [d.record() for d in user]
    tables_cache.save(cache.dir, snap, tables)
    tables.run = {**stats, "paragraphs": len(paras), "analysed": len(texts),
                  "seconds": round(time.perf_counter() - t0, 3), "snapshot": False}
    return tables


def corpus_keeps_parses(config: Mapping[str, Any] | None) -> bool:
    """corpus.yaml ``keep_parses`` (default True); anything but a boolean is a one-line error.

    Example:
        >>> corpus_keeps_parses({}), corpus_keeps_parses({"keep_parses": False})
        (True, False)
    """
    value = (config or {}).get("keep_parses", True)
    if not isinstance(value, bool):
        raise FramingError(f"corpus.yaml: keep_parses must be true or false, not {value!r}")
    return value


def too_long(tables: Tables) -> pd.DataFrame:
    """Body paragraphs left unanalysed because they exceed :data:`~framing.checks.MAX_PARAGRAPH_CHARS`."""
    p = tables.paragraphs
    if pd.api.types.is_string_dtype(p["text"]):  # whole column at once (millions of paragraphs at scale)
        long = (p["text"].str.len() > MAX_PARAGRAPH_CHARS).fillna(False).astype(bool)
    else:
        long = p["text"].map(lambda t: isinstance(t, str) and len(t) > MAX_PARAGRAPH_CHARS).astype(bool)
    return p.loc[(p["kind"] == "body") & long, ["doc_id", "paragraph"]]


def load_or_analyze(corpus: Corpus, *, lexicons=None, jobs: int = 1, progress: bool = True,
                    dictionaries=None, scheduler: str | None = None, keep_parses: bool | None = None) -> Tables:
    """Tables for ``corpus``: cached results where fresh, computing only what is missing or stale."""
    return analyze(corpus, lexicons=lexicons, jobs=jobs, progress=progress, dictionaries=dictionaries,
                   scheduler=scheduler, keep_parses=keep_parses)


def run_meta(ctx: Context, pid: str, feats: list[Feature]) -> dict[str, Any]:
    names = sorted({lex for f in feats for lex in f.lexicons})
    return {"framing_version": __version__, "pipeline": pid,
            "features": {f.name: f.version for f in feats},
            "lexicons": ctx.lexicons.records(names)}


def assemble(docs: list[Document], paras: list[tuple[Document, Paragraph]], feats: list[Feature],
             fetch: Callable[[Feature], dict[str, Any]], *, kinds: tuple[str, ...] = ("body",),
             reasons: dict[tuple[str, int], str] | None = None) -> Tables:
    """Join cached feature results onto the paragraphs: tidy DataFrames.

    One feature at a time (``fetch(feature)`` gives its results by paragraph hash),
    built column-wise, so that peak memory is the output tables plus one feature's
    results, not every result of every feature at once.
    """
    hashes = [paragraph_hash(p.text) if p.kind in kinds else None for _, p in paras]
    words: dict[str, int] = {}  # each distinct text counted once (wire copy, recombined corpora)
    source = {d.id: d.source for d in docs}
    paragraphs = pd.DataFrame({
        "doc_id": [d.id for d, _ in paras], "source": [source.get(d.id, d.source) for d, _ in paras],
        "paragraph": [p.index for _, p in paras], "kind": [p.kind for _, p in paras],
        "text": [p.text for _, p in paras],
        "n_words": [words.get(p.text) or words.setdefault(p.text, p.n_words) for _, p in paras],
        "kind_reason": [(reasons or {}).get((d.id, p.index), "") for d, p in paras]},
        columns=list(PARAGRAPH_BASE))
    keys = {"doc_id": _objects(paragraphs["doc_id"].tolist()), "source": _objects(paragraphs["source"].tolist()),
            "paragraph": paragraphs["paragraph"].to_numpy(dtype=np.int64)}
    # Results are looked up once per distinct paragraph text, then spread to its paragraphs.
    codes, distinct = pd.factorize(pd.Series(hashes, dtype=object), sort=False)  # None: code -1
    tables: dict[str, pd.DataFrame] = {}
    for f in feats:
        results = fetch(f)
        found = [results.get(h) for h in distinct] + [None]  # the last: paragraphs with no hash
        for col in f.paragraph_columns:
            values = np.array([r[1].get(col, NAN) if r else NAN for r in found] + [None], dtype=object)[:-1]
            paragraphs[col] = values[codes].tolist()
        if f.table:
            tables[f.table] = _long_columns(keys, found, codes, f.columns)
        del results, found
    decl = declared(feats)
    paragraphs = add_rates(paragraphs, decl)
    empty = long_table([], ())
    return Tables(documents=_documents(docs, paragraphs), paragraphs=paragraphs,
                  actors=tables.pop("actors", empty), terms=tables.pop("terms", empty),
                  cues=tables.pop("cues", empty), extra=tables, declared=decl)


def _objects(values: list) -> np.ndarray:
    return np.fromiter(values, dtype=object, count=len(values))


def _long_columns(keys: dict[str, np.ndarray], found, codes, columns: tuple[str, ...]) -> pd.DataFrame:
    """A feature's rows for every paragraph, as columns (keys first).

    ``keys`` holds each paragraph's doc_id, source and number; ``found[codes[i]]`` is its result. Each distinct result's rows are laid out
    once, column by column; every output column is then one gather from those (millions of
    rows at 30,000 articles: no per-row Python work).
    """
    sizes = np.array([len(r[0]) if r and r[0] else 0 for r in found], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    per_para = sizes[codes]  # rows of each paragraph
    hit = np.flatnonzero(per_para)
    lens = per_para[hit]
    total = int(lens.sum())
    # position of each output row in the laid-out rows of its paragraph's result
    gather = np.repeat(offsets[codes[hit]] - (np.cumsum(lens) - lens), lens) + np.arange(total, dtype=np.int64)
    owner = np.repeat(hit, lens)  # paragraph of each output row
    out: dict[str, list] = {k: v[owner].tolist() for k, v in keys.items()}
    rows = [row for r in found if r and r[0] for row in r[0]]
    for c in columns:
        out[c] = _objects([row.get(c) for row in rows])[gather].tolist()
    return long_table(out, columns)


def _documents(docs: list[Document], paragraphs: pd.DataFrame) -> pd.DataFrame:
    body = paragraphs[paragraphs["kind"] == "body"]
    n_par = paragraphs.groupby("doc_id").size()
    n_body = body.groupby("doc_id").size()
    n_words = body.groupby("doc_id")["n_words"].sum()
    meta = []
    for doc in docs:
        m = {k: v for k, v in doc.meta.items() if k not in ("id", "kinds")}  # kinds: paragraph overrides
        m.update(doc_id=doc.id, n_paragraphs=int(n_par.get(doc.id, 0)),
                 n_body=int(n_body.get(doc.id, 0)), n_words=int(n_words.get(doc.id, 0)))
        meta.append(m)
    return documents_table(meta)
