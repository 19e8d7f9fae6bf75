"""The analysis cache: what is parsed and recomputed when, and the export contract."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

import framing
from framing.cli import main
from framing.corpus import Corpus, Document
from framing.features import features
from framing.lexicons import Override

from conftest import SEED

SECOND = """A Second Article
Kazakhstan and Uzbekistan signed a gas agreement with Russia on Monday, officials said.
The deal may reduce shortages in the region, according to the energy ministry.
"""


@pytest.fixture()
def corpus(tmp_path):
    c = Corpus.init(tmp_path / "c")
    c.write(Document(id="000-seed", text=SEED.read_text(encoding="utf-8"), meta={"source": "Guancha"}))
    return c


def test_second_run_parses_nothing_and_gives_equal_tables(corpus):
    first = framing.analyze(corpus)
    assert first.run["parsed"] == first.run["analysed"] > 0
    second = framing.analyze(corpus)
    assert second.run["parsed"] == 0 and second.run["computed"] == 0
    for name in first.names():
        pd.testing.assert_frame_equal(first.get(name), second.get(name))


def test_adding_a_document_parses_only_its_paragraphs(corpus):
    framing.analyze(corpus)
    corpus.write(Document(id="001-second", text=SECOND, meta={"source": "Wire"}))
    run = framing.analyze(corpus).run
    assert run["parsed"] == 2  # the two body paragraphs of the new document


def test_changing_a_lexicon_recomputes_only_dependent_features(corpus, tmp_path):
    before = framing.analyze(corpus)
    with_lex = [f for f in features() if f.lexicons]
    if not with_lex:
        pytest.skip("no registered feature uses a lexicon yet")
    feat = with_lex[0]
    lex = feat.lexicons[0]
    extra = tmp_path / f"{lex}.csv"
    framing.lexicons.load(lex).table.head(1).to_csv(extra, index=False)  # same rows: new hash only
    after = framing.analyze(corpus, lexicons={lex: Override(extra, "extend")})
    dependent = [f for f in features() if lex in f.lexicons]
    assert after.run["parsed"] == 0
    assert after.run["computed"] == len(dependent) * before.run["analysed"]
    # Recomputed from cached parses, with the same lexicon content: the same tables.
    for name in before.names():
        pd.testing.assert_frame_equal(before.get(name), after.get(name))


def test_paragraph_export_contract(corpus):
    result = CliRunner().invoke(main, ["export", "paragraphs", "--corpus", str(corpus.root)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = lines[0].split(",")
    assert header[:6] == ["doc_id", "source", "paragraph", "kind", "text", "n_words"]
    table = framing.analyze(corpus).paragraphs
    assert list(table["paragraph"]) == list(range(1, len(table) + 1))


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_to_file_records_provenance(corpus, tmp_path, fmt):
    out = tmp_path / f"p.{fmt}"
    result = CliRunner().invoke(main, ["export", "paragraphs", "--corpus", str(corpus.root),
                                       "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / f"p.{fmt}.meta.json").read_text())
    assert meta["framing_version"] == framing.__version__ and "pipeline" in meta
    reader = {"csv": pd.read_csv, "parquet": pd.read_parquet,
              "jsonl": lambda p: pd.read_json(p, lines=True)}[fmt]
    assert len(reader(out)) == 68


def test_export_is_deterministic(corpus):
    runner = CliRunner()
    outs = [runner.invoke(main, ["export", "actors", "--corpus", str(corpus.root)]).stdout for _ in range(2)]
    assert outs[0] == outs[1]


def test_parquet_to_stdout_is_refused(corpus):
    result = CliRunner().invoke(main, ["export", "paragraphs", "--corpus", str(corpus.root), "--format", "parquet"])
    assert result.exit_code == 2 and "give -o" in result.output


@pytest.mark.parametrize("how", ["argument", "corpus.yaml"])
def test_no_keep_parses_stores_no_parse_and_the_same_tables(corpus, how):
    """Keeping parses is a choice (issue 9): without them the cache holds results only, and a
    changed lexicon parses again; the tables are the same either way."""
    from framing.cache import Cache
    from framing.nlp import pipeline_id

    kept = framing.analyze(corpus)
    hashes = [framing.cache.paragraph_hash(t) for t in kept.paragraphs.query("kind == 'body'").text]
    cache = Cache(corpus.root)
    assert cache.have_parses(pipeline_id(), hashes) == set(hashes)  # kept by default
    cache.close()
    shutil.rmtree(corpus.root / ".framing-cache")
    if how == "argument":
        bare = framing.analyze(corpus, keep_parses=False)
    else:
        with (corpus.root / "corpus.yaml").open("a", encoding="utf-8") as f:
            f.write("\nkeep_parses: false\n")
        bare = framing.analyze(Corpus.open(corpus.root))
    cache = Cache(corpus.root)
    try:
        assert cache.have_parses(pipeline_id(), hashes) == set()
    finally:
        cache.close()
    for name in ("actors", "terms", "cues"):
        pd.testing.assert_frame_equal(kept.get(name), bare.get(name))
    assert bare.run["parsed"] == kept.run["parsed"] > 0


@pytest.mark.parametrize("value", ["sometimes", 1, "[]"])
def test_keep_parses_setting_must_be_a_boolean(corpus, value):
    with (corpus.root / "corpus.yaml").open("a", encoding="utf-8") as f:
        f.write(f"\nkeep_parses: {value}\n")
    result = CliRunner().invoke(main, ["analyze", "--corpus", str(corpus.root)])
    assert result.exit_code == 2
    assert "keep_parses must be true or false" in result.output


def test_jobs_2_measures_cached_parses_in_process_and_new_paragraphs_on_workers(corpus, tmp_path):
    """A changed lexicon plus a new document with --jobs 2: the old paragraphs are measured
    from their cached parses (no parse), the new ones parsed on the local cluster's workers;
    the tables equal a one-process run of the same state."""
    framing.analyze(corpus)
    corpus.write(Document(id="001-second", text=SECOND, meta={"source": "Wire"}))
    lex = "hedges"
    extra = tmp_path / f"{lex}.csv"
    framing.lexicons.load(lex).table.head(1).to_csv(extra, index=False)
    overrides = {lex: Override(extra, "extend")}
    both = framing.analyze(corpus, lexicons=overrides, jobs=2)
    assert both.run["parsed"] == 2                       # the new document's two paragraphs
    assert both.run["parse_cache_hits"] == both.run["analysed"] - 2
    shutil.rmtree(corpus.root / ".framing-cache")
    alone = framing.analyze(corpus, lexicons=overrides)
    for name in alone.names():
        pd.testing.assert_frame_equal(alone.get(name), both.get(name))


@pytest.mark.parametrize("failure", [OSError("Address family not supported"), RuntimeError("Nanny failed to start")])
def test_local_cluster_that_cannot_start_is_one_clear_error(corpus, monkeypatch, failure):
    import distributed

    from framing.errors import FramingError

    def boom(*args, **kwargs):
        raise failure

    monkeypatch.setattr(distributed, "LocalCluster", boom)
    with pytest.raises(FramingError, match="cannot start 2 local worker processes .*--jobs 1"):
        framing.analyze(corpus, jobs=2)
    assert framing.analyze(corpus).run["parsed"] > 0  # nothing half-written: one process completes it
