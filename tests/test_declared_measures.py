"""A feature declares its measures once; everything downstream finds them.

A toy feature is registered here (one module's worth of code) and must appear in
every table, test, figure, the glossary, the reading view, the exports and the
tables snapshot, with no other module naming it.
"""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import framing
from framing import features as registry
from framing.compare import compare
from framing.compare.distinguishability import paragraph_features
from framing.compare.groups import group_labels
from framing.compare.within import within_view
from framing.corpus import Corpus, Document
from framing.measures import Measure, Section
from framing.report.build import build_report

FAST = {"n_boot": 100, "n_perm": 100, "cv_permutations": 5}
WORD = re.compile(r"\bthe\b", re.I)


def make_toy(ctx):
    def toy(doc):
        rows = [{"category": "article", "pattern": "the", "start": m.start(), "end": m.end()}
                for m in WORD.finditer(doc.text)]
        return rows, {"toy_the": len(rows)}
    return toy


TOY = registry.Feature(
    name="toy", version="1", factory=make_toy, table="toy_words",
    columns=("category", "pattern", "start", "end"), paragraph_columns=("toy_the",), needs_parse=False,
    measures=(Measure("toy_the_per_100w", "rate", "toyfamily", "the", "occurrences of 'the' per 100 words",
                      column="toy_the", rank=200, strip="the"),),
    glossary=(("toy article", "the word 'the', counted by the toy feature."),),
    section=Section("toy", "Toy section", "The toy feature's measure.", ("toyfamily",)), span="category")

TEXTS = {
    "Alpha": ["The talks began. The minister said the deal was done.\nThe region welcomed the plan and the news.",
              "The envoy met the press.\nThe ministers agreed on the terms of the accord."],
    "Beta": ["Talks began on Monday. Officials said a deal was near.\nMinisters welcomed it, officials said.",
             "Envoys met reporters in Astana.\nMinisters agreed on terms, a spokesman said."],
}


@pytest.fixture(scope="module")
def toy_tables(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setitem(registry.REGISTRY, "toy", TOY)
    root = tmp_path_factory.mktemp("toy") / "c"
    corpus = Corpus.init(root)
    for source, texts in TEXTS.items():
        for i, body in enumerate(texts):
            corpus.write(Document(id=f"{source.lower()}-{i}", text=f"Title {source} {i}\n{body}\n",
                                  meta={"source": source}))
    tables = framing.analyze(corpus)
    yield corpus, tables
    mp.undo()


def test_feature_lists_include_a_registered_feature(toy_tables):
    assert "toy" in [f.name for f in registry.features()]
    assert [m.name for m in registry.declared().of(family="toyfamily")] == ["toy_the_per_100w"]


def test_toy_feature_is_in_tables_and_snapshot(toy_tables):
    corpus, tables = toy_tables
    assert "toy_words" in tables.names() and len(tables.get("toy_words")) > 5
    assert {"toy_the", "toy_the_per_100w"} <= set(tables.paragraphs.columns)
    again = framing.analyze(corpus)  # from the snapshot
    assert again.run["snapshot"] and "toy_words" in again.names()
    assert [m.name for m in again.declarations().of(family="toyfamily")] == ["toy_the_per_100w"]


def test_toy_feature_is_compared_tested_and_modelled(toy_tables):
    _, tables = toy_tables
    c = compare(tables, **FAST)
    rates = c.rates[c.rates["measure"] == "toy_the_per_100w"].set_index("group")
    assert rates.loc["Alpha", "value"] > rates.loc["Beta", "value"] == 0
    assert rates.loc["Alpha", "unit"] == "per 100 words" and rates.loc["Alpha", "family"] == "toyfamily"
    assert "toy_the_per_100w" in set(c.tests["measure"])
    assert "toy_the" in paragraph_features(tables.declarations())
    units = within_view(tables, group_labels(tables.documents))["units"]
    assert {"toy_the", "toy_the_per_100w"} <= set(units.columns)


def test_toy_feature_is_in_every_report_section(toy_tables, tmp_path):
    _, tables = toy_tables
    paths = build_report(tables, compare(tables, **FAST), out_dir=tmp_path / "r", corpus_name="toy")
    html = paths["index.html"].read_text(encoding="utf-8")
    md = paths["report.md"].read_text(encoding="utf-8")
    assert '<section id="toy"><h2>Toy section</h2>' in html and '<a href="#toy">Toy section</a>' in html
    assert "figures/toy_toyfamily.svg" in paths
    assert "<dt>toy article</dt>" in html and "**toy article**" in md
    assert 'class="evidence evidence-toy_words"' in html and "article: &#x27;The&#x27;" in html
    assert "<i>the</i>" in html  # the reading-view strip
    assert "## Toy section" in md and "toy_the_per_100w" in md
    assert (tmp_path / "r" / "tables" / "toy_words.csv").is_file()
    assert "toy_the_per_100w" in (tmp_path / "r" / "tables" / "compare_rates.csv").read_text(encoding="utf-8")


def test_restricting_groups_keeps_the_matching_rows_of_every_long_table(toy_tables):
    from framing.report.build import restrict

    _, tables = toy_tables
    kept = restrict(tables, groups=["Alpha"])
    assert set(kept.get("toy_words")["source"]) == {"Alpha"}
    assert len(kept.get("toy_words")) == len(tables.get("toy_words")) > 0  # Beta has no 'the'
    assert kept.declarations() == tables.declarations()


def test_toy_table_exports_from_the_cli(toy_tables):
    from framing.cli import main

    corpus, _ = toy_tables
    result = CliRunner().invoke(main, ["export", "toy_words", "--corpus", str(corpus.root)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "doc_id,source,paragraph,category,pattern,start,end"
    bad = CliRunner().invoke(main, ["export", "nope", "--corpus", str(corpus.root)])
    assert bad.exit_code == 2 and "unknown table 'nope'" in bad.output and "toy_words" in bad.output
