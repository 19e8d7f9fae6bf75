"""Issue 13: page furniture found across the corpus, influence diagnostics, wire copy.

Hand-made corpora: a gallery page, a line repeated across a source's articles, a quote
repeated twice, a single article carrying a group's whole count, overrides by the user,
and paragraphs shared between sources.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from framing.analysis import analyze
from framing.cli import main
from framing.corpus import Corpus
from framing.errors import CorpusError
from framing.furniture import Rules, cross_source_duplicates, normalise, settle
from framing.paragraphs import Paragraph

NOTICE = "Content created by the Example News Foundation is available without charge to eligible publishers."
QUOTE = "“We will not give up a single metre of our land,” the president said on Monday in Kyiv."
WIRE = ("The foreign ministry said on Tuesday that talks on the grain corridor would resume in "
        "Istanbul next week after a pause of three months.")
GALLERY = ("Photos: Crisis in Ukraine Hide Caption 1 of 12 A man walks past a destroyed building in "
           "Kharkiv. Hide Caption 2 of 12 Soldiers rest near the front. Hide Caption 3 of 12")
BODY = ("Officials said the {w} talks may resume, and the ministry clearly wants a deal on {w} "
        "before the winter. Russia and Ukraine both said the {w} issue mattered.")
WORDS = ("gas", "grain", "border", "water", "rail", "bank", "power", "trade")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


class Doc:
    def __init__(self, doc_id: str, source: str, meta: dict | None = None):
        self.id, self.source, self.meta = doc_id, source, meta or {}


def pairs_for(spec: list[tuple[str, str, list[str]]], metas: dict | None = None):
    """(Doc, Paragraph) pairs: spec is (doc_id, source, [paragraph texts]), all typed body."""
    out = []
    for doc_id, source, texts in spec:
        doc = Doc(doc_id, source, (metas or {}).get(doc_id))
        out += [(doc, Paragraph(doc_id, i, "body", t)) for i, t in enumerate(texts, 1)]
    return out


def kinds(settled) -> dict[tuple[str, int], str]:
    return {(d.id, p.index): p.kind for d, p in settled}


@pytest.mark.parametrize("case, spec, expected", [
    # a notice in 3 articles of one source: furniture, with the reason
    ("repeated-3", [(f"d{i}", "Caller", [BODY.format(w=WORDS[i]), NOTICE]) for i in range(3)],
     {("d0", 2): ("boilerplate", "repeated in 3 articles of Caller"), ("d0", 1): ("body", "")}),
    # a quote legitimately repeated in two articles stays body
    ("quote-twice", [(f"d{i}", "Wire", [BODY.format(w=WORDS[i]), QUOTE]) for i in range(2)],
     {("d0", 2): ("body", ""), ("d1", 2): ("body", "")}),
    # the same line in 3 articles of three different sources is not one source's furniture
    ("three-sources", [(f"d{i}", f"S{i}", [NOTICE]) for i in range(3)],
     {("d0", 1): ("body", ""), ("d2", 1): ("body", "")}),
    # repeated twice inside one article, once elsewhere: 2 articles, body
    ("same-article", [("d0", "Wire", [QUOTE, QUOTE]), ("d1", "Wire", [QUOTE])],
     {("d0", 2): ("body", ""), ("d1", 1): ("body", "")}),
    # numbers and punctuation differ ("updated at …"), the line is the same
    ("digits", [(f"d{i}", "Hill", [BODY.format(w=WORDS[i]), f"This report was updated at {i + 7}:2{i} p.m."])
                for i in range(4)],
     {("d3", 2): ("boilerplate", "repeated in 4 articles of Hill")}),
])
def test_repeated_furniture(case, spec, expected):
    settled, reasons = settle(pairs_for(spec))
    got = kinds(settled)
    for key, (kind, why) in expected.items():
        assert got[key] == kind, (case, key)
        assert reasons.get(key, "") == why, (case, key)


@pytest.mark.parametrize("config, meta, expected", [
    ({"paragraph_kinds": {"repeated_in": 0}}, {}, "body"),  # the rule turned off
    ({"paragraph_kinds": {"repeated_in": 4}}, {}, "body"),  # 3 articles < 4
    ({"paragraph_kinds": {"body": [NOTICE.upper()]}}, {}, "body"),  # kept as body by text (normalised)
    ({}, {"kinds": {"2": "body"}}, "body"),  # the document's own override wins
    ({}, {"kinds": {2: "caption"}}, "caption"),
    ({"paragraph_kinds": {"boilerplate": [BODY.format(w="gas")]}}, {}, "boilerplate"),
])
def test_user_overrides(config, meta, expected):
    spec = [(f"d{i}", "Caller", [BODY.format(w=WORDS[i]), NOTICE]) for i in range(3)]
    metas = {"d0": meta}
    settled, reasons = settle(pairs_for(spec, metas), Rules.from_config(config))
    key = ("d0", 1) if "boilerplate" in config.get("paragraph_kinds", {}) else ("d0", 2)
    assert kinds(settled)[key] == expected
    if meta or config.get("paragraph_kinds", {}).get("body") or config.get("paragraph_kinds", {}).get("boilerplate"):
        assert reasons[key].startswith("set in")


@pytest.mark.parametrize("config, message", [
    ({"paragraph_kinds": [1]}, "'paragraph_kinds' must be a mapping"),
    ({"paragraph_kinds": {"repeated_in": 1}}, "repeated_in must be 0 (off) or a whole number"),
    ({"paragraph_kinds": {"repeated_in": "3"}}, "repeated_in must be 0"),
    ({"paragraph_kinds": {"body": "text"}}, "paragraph_kinds.body must be a list"),
    ({"paragraph_kinds": {"keep": []}}, "paragraph_kinds.keep is not a setting"),
])
def test_bad_paragraph_kinds_config(config, message):
    with pytest.raises(CorpusError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Rules.from_config(config)


def test_normalise_is_case_digit_and_punctuation_blind():
    assert normalise("- Bart Jansen") == normalise("— BART JANSEN") == "bart jansen"
    assert normalise("Hide Caption 3 of 168") == normalise("Hide caption 14 of 168")
    assert normalise("Russia invaded.") != normalise("Russia invaded Ukraine.")
    long = "The ministry said {} people were killed when the missile hit a market in the city centre on Monday."
    assert normalise(long.format(52)) != normalise(long.format(61))  # a long paragraph keeps its numbers


def test_cross_source_duplicates():
    p = pd.DataFrame({
        "doc_id": ["a1", "a2", "b1", "c1", "c2"],
        "source": ["AP", "AP", "Yahoo", "Newsmax", "Newsmax"],
        "kind": ["body", "body", "body", "body", "caption"],
        "text": [WIRE, QUOTE, WIRE, WIRE.upper(), QUOTE],
        "n_words": [len(WIRE.split()), len(QUOTE.split()), len(WIRE.split()), len(WIRE.split()), 17]})
    got = cross_source_duplicates(p)
    assert got[["source_a", "source_b", "shared_paragraphs", "articles_a", "articles_b"]].values.tolist() == [
        ["AP", "Newsmax", 1, 1, 1], ["AP", "Yahoo", 1, 1, 1], ["Newsmax", "Yahoo", 1, 1, 1]]
    # a caption is not body; short stock phrases are not wire copy
    p2 = p.assign(text=["Officials declined to comment."] * 5, n_words=4)
    assert cross_source_duplicates(p2).empty


# ---- end to end: a hand-made corpus through analyze, compare and report ------------------------
def write(corpus: Path, doc_id: str, source: str, paragraphs: list[str], **meta) -> None:
    head = json.dumps({"id": doc_id, "source": source, "title": f"Story {doc_id}", **meta})
    (corpus / f"{doc_id}.md").write_text(f"---\n{head}\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("furniture")
    corpus = root / "c"
    Corpus.init(corpus)
    for i in range(4):  # Caller: a notice in every article, one gallery page
        paras = [BODY.format(w=WORDS[i]), NOTICE]
        if i == 0:
            paras.insert(1, GALLERY)
        write(corpus, f"caller-{i}", "Caller", paras)
    for i in range(4):  # Wire: a quote in two articles; one article carries every "invasion"
        paras = [BODY.format(w=WORDS[i + 4])] + ([WIRE] if i == 0 else [])
        if i < 2:
            paras.append(QUOTE)
        if i == 3:
            paras.append("The invasion of Ukraine and the full-scale invasion were condemned; the invasion "
                         "went on, and the invasion of Ukraine was called an invasion by everyone.")
        write(corpus, f"wire-{i}", "Wire", paras, **({"kinds": {"2": "boilerplate"}} if i == 1 else {}))
    write(corpus, "yahoo-0", "Yahoo", [BODY.format(w="oil"), WIRE])  # wire copy republished
    write(corpus, "yahoo-1", "Yahoo", [BODY.format(w="port")])
    write(corpus, "yahoo-2", "Yahoo", [BODY.format(w="road")])
    tables = analyze(Corpus.open(corpus), progress=False)
    out = root / "report"
    result = run("report", "--corpus", corpus, "--out", out, "--no-timestamp")
    assert result.exit_code == 0, result.output
    return corpus, tables, out


def test_end_to_end_kinds_and_reasons(built):
    _, tables, _ = built
    p = tables.paragraphs.set_index(["doc_id", "paragraph"])
    assert p.loc[("caller-0", 2), "kind"] == "caption"  # the gallery strip, by rule
    assert p.loc[("caller-0", 3), "kind"] == "boilerplate"
    assert p.loc[("caller-0", 3), "kind_reason"] == "repeated in 4 articles of Caller"
    assert p.loc[("wire-0", 3), "kind"] == "body"  # the quote, twice: body
    assert p.loc[("wire-1", 2), "kind"] == "boilerplate"  # the front matter override
    assert p.loc[("wire-1", 2), "kind_reason"] == "set in the document's front matter (kinds)"
    assert p.loc[("wire-0", 2), "kind"] == "body"  # wire copy: shared with Yahoo, body in both
    assert "kinds" not in tables.documents.columns  # the override is not a document field


def test_end_to_end_influence_columns_and_marks(built):
    _, _, out = built
    rates = pd.read_csv(out / "tables" / "compare_rates.csv")
    for col in ("top_article", "top_article_share", "value_without_top_article", "top_paragraph_share"):
        assert col in rates.columns
    west = rates[(rates["group"] == "Wire") & (rates["measure"] == "terms_west_per_1000w")].iloc[0]
    assert west["top_article"] == "wire-3" and west["top_article_share"] == 1.0
    assert west["value_without_top_article"] == 0.0
    actors = pd.read_csv(out / "tables" / "compare_actors.csv")
    assert {"top_article", "top_article_share", "value_without_top_article"} <= set(actors.columns)
    shares = actors.dropna(subset=["top_article_share"])
    assert len(shares) and shares["top_article_share"].between(0, 1).all()
    assert shares["top_article"].str.match(r"(caller|wire|yahoo)-\d").all()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "◆ one article contributes more than half of the count" in html
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "◆" in md and "‡" in md


def test_end_to_end_report_lists_exclusions_and_wire_copy(built):
    _, _, out = built
    excluded = pd.read_csv(out / "tables" / "excluded.csv").set_index("group")
    assert excluded.loc["Caller", "repeated"] == 4
    assert excluded.loc["Wire", "user_set"] == 1
    assert "(4 articles)" in excluded.loc["Caller", "repeated_lines"]
    shared = pd.read_csv(out / "tables" / "shared_across_sources.csv")
    assert shared[["source_a", "source_b", "shared_paragraphs", "articles_a", "articles_b"]].values.tolist() == [
        ["Wire", "Yahoo", 1, 1, 1]]
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Left out of the measures" in html and "Shared across sources" in html


def test_bad_front_matter_kinds_is_a_one_line_error(tmp_path):
    corpus = tmp_path / "c"
    Corpus.init(corpus)
    write(corpus, "a", "S", [BODY.format(w="gas")], kinds={"x": "body"})
    result = run("analyze", "--corpus", corpus)
    assert result.exit_code == 2
    assert "kinds: 'x' is not a paragraph number" in result.output


def test_excluded_summary_lists_each_repeated_line_once():
    from framing.furniture import excluded_summary

    p = pd.DataFrame({"source": ["U"] * 4, "kind": "boilerplate",
                      "text": ["- Bart Jansen", "-- Bart Jansen", "-Bart Jansen", "Send tips."],
                      "kind_reason": ["repeated in 6 articles of U"] * 3 + ["repeated in 3 articles of U"]})
    row = excluded_summary(p).iloc[0]
    assert row["repeated"] == 4 and row["boilerplate"] == 4
    assert row["repeated_lines"] == "- Bart Jansen (6 articles) · Send tips. (3 articles)"


@pytest.mark.parametrize("n_docs, share, marked", [
    (5, 0.9, True),   # one article of five gives 90% of the count
    (5, 0.4, False),
    (2, 0.8, True),
    (1, 1.0, False),  # "n=1" already says one article decides everything
])
def test_one_article_mark_in_tables(n_docs, share, marked):
    from framing.report.assemble import side_by_side

    rows = pd.DataFrame({"group": ["G"], "measure": ["hedges_per_100w"], "family": ["certainty"], "value": [1.5],
                         "ci_low": [1.0], "ci_high": [2.0], "count": [40], "denominator": [2000],
                         "n_docs": [n_docs], "top_article_share": [share]})
    text = side_by_side(rows, index=["group"], groups=["G"]).iloc[0]["hedges_per_100w"]
    assert ("◆" in text) is marked
