"""Issue 11 item 3: every number links to its evidence (table cells, KWIC, reading-view filters)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from fixtures_tables import make_tables
from framing.compare import compare
from framing.report import evidence_links
from framing.report.build import build_report
from framing.report.render import table_html


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tables = make_tables(3, 4, paragraphs_per_doc=4)
    out = tmp_path_factory.mktemp("links") / "r"
    cmp = compare(tables, n_boot=30, n_perm=30, cv_permutations=0)
    build_report(tables, cmp, out_dir=out, corpus_name="s", max_docs=5)
    return tables, cmp, (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("links, key, expect", [
    ({("a", "x"): "#d-p1"}, ("group",), ['<a class="cell-link" href="#d-p1"']),          # one cell
    ({("a",): "#reading?source=a"}, ("group",), ['href="#reading?source=a"']),          # whole row
    ({("a", "x"): "#d-p1"}, ("group", "actor"), []),                                     # key column missing
    (None, ("group",), []),
])
def test_table_html_links_cells(links, key, expect):
    html = str(table_html(pd.DataFrame({"group": ["a", "b"], "x": ["1.0 [0.5, 2.0] (3)", "2.0"]}),
                          links=links, link_key=key))
    for needle in expect:
        assert needle in html
    assert html.count("cell-link") == len(expect)
    assert ">a<" in html or ">a</td>" in html  # the key cell itself is never a link


@pytest.mark.parametrize("args, kwargs, href", [
    (("source", "bbc"), {}, "#reading?source=bbc"),
    (("source", "a&b"), {"measure": "hedges_per_100w"}, "#reading?source=a%26b&measure=hedges_per_100w"),
    (("genre", None), {"actor": "bloc:west"}, "#reading?actor=bloc%3Awest"),
])
def test_filter_href(args, kwargs, href):
    assert evidence_links.filter_href(*args, **kwargs) == href


def test_every_cell_and_kwic_link_lands_in_the_reading_view(built):
    html = built[2]
    ids = set(re.findall(r'<div class="para[^"]*" id="([^"]+)"', html))
    targets = re.findall(r'<a class="(?:cell-link|evidence-link kwic-link)" href="#([^"?]+)"', html)
    assert len(targets) >= 10
    assert set(targets) <= ids
    assert html.count('<details class="doc"') == 5  # links never push --max-docs past its bound


def test_rate_link_points_at_the_group_paragraph_with_most_hits(built):
    tables, cmp, _ = built
    shown = list(tables.documents["doc_id"])
    links = evidence_links.rate_links(tables, cmp, groups=sorted(tables.documents["source"].unique()), shown=shown)
    columns = {name: col for name, _, col in evidence_links.count_measures(tables)}
    paras = tables.paragraphs[tables.paragraphs["kind"] == "body"]
    checked = 0
    for (group, measure), href in links["certainty"].items():
        docs = tables.documents.loc[tables.documents["source"] == group, "doc_id"]
        part = paras[paras["doc_id"].isin(docs)]
        rate = part[columns[measure]] / part["n_words"].clip(lower=20)
        linked = part["doc_id"].astype(str) + "-p" + part["paragraph"].astype(str) == href[1:]
        assert linked.sum() == 1 and rate[linked].iloc[0] == rate.max() > 0, (group, measure)
        checked += 1
    assert checked == 9  # three groups x hedges, boosters, attributions


def test_paragraphs_carry_measures_and_actors_for_the_filters(built):
    tables, _, html = built
    acts = tables.actors.iloc[0]
    row = re.search(rf'id="{acts["doc_id"]}-p{int(acts["paragraph"])}" data-measures="([^"]*)" data-actors="([^"]*)"', html)
    if row is None:
        pytest.skip("that paragraph's document is not in the reading view")
    assert acts["actor"] in row[2].split("|") and f"bloc:{acts['bloc']}" in row[2].split("|")
    assert '<select id="measure-filter">' in html and '<select id="actor-filter">' in html
