"""Report files: sections, self-containment, constructed-example flags, determinism, golden Markdown."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from framing.compare import compare
from framing.report import build as build_mod
from framing.report.build import build_report
from fixtures_tables import make_tables

GOLDEN = Path(__file__).parent / "golden" / "report.md"
SECTIONS = ("findings", "focus", "overview", "comparison", "tests", "actors", "terms", "hedging", "sentiment", "distinctive",
            "distinguishability", "reading", "methods", "glossary", "questions")
FAST = {"n_boot": 100, "n_perm": 100, "cv_permutations": 0}


@pytest.fixture(scope="module")
def small():
    tables = make_tables(3, 3, paragraphs_per_doc=4)
    return tables, compare(tables, **FAST)


@pytest.fixture(scope="module")
def built(small, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "r"
    paths = build_report(*small, out_dir=out, corpus_name="synthetic", timestamp="2025-01-01")
    return paths, (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["index.html", "report.md", "tables/paragraphs.csv", "tables/actors.csv",
                                  "tables/terms.csv", "tables/cues.csv", "tables/documents.csv",
                                  "tables/compare_rates.csv", "tables/compare_tests.csv",
                                  "tables/compare_actors.csv", "tables/compare_distinctive.csv"])
def test_file_written(built, name):
    paths, _ = built
    assert paths[name].is_file() and paths[name].stat().st_size > 0


@pytest.mark.parametrize("section", SECTIONS)
def test_section_present_in_html(built, section):
    assert f'<section id="{section}">' in built[1]


@pytest.mark.parametrize("pattern", [r'<(?:script|img|link)[^>]+(?:src|href)="(?:https?:)?//',
                                     r"@import", r"url\(\s*['\"]?https?:"])
def test_html_loads_nothing_from_the_network(built, pattern):
    assert not re.search(pattern, built[1])


@pytest.mark.parametrize("needle, at_least", [
    ("constructed teaching example, not a real outlet", 3 + 9),  # banner/overview rows + each document header
    ("translated from ru", 2),                                   # overview list + reading-view header
    ('class="act act-agent"', 1), ('class="act act-patient"', 1), ('class="term side-russia"', 1),
    ('class="term side-west"', 1), ('class="cue cue-hedge"', 1), ('class="cue cue-booster"', 1),
    ('class="cue cue-attribution"', 1), ('class="para kind-heading"', 1),
])
def test_html_shows(built, needle, at_least):
    assert built[1].count(needle) >= at_least


def test_max_docs_limits_the_reading_view_and_says_so(small, tmp_path):
    build_report(*small, out_dir=tmp_path / "r", corpus_name="s", max_docs=2)
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert html.count('<details class="doc"') == 2 and "Showing 2 of 9 documents" in html


def test_grouping_by_another_field(tmp_path):
    tables = make_tables(2, 4, paragraphs_per_doc=3)
    paths = build_report(tables, compare(tables, by="genre", **FAST), out_dir=tmp_path / "r",
                         corpus_name="s", by="genre")
    html = paths["index.html"].read_text(encoding="utf-8")
    assert "grouped by <b>genre</b>" in html and 'data-group="opinion"' in html


def test_one_source_builds_and_says_how_to_add_sources(tmp_path):
    tables = make_tables(1, 1, paragraphs_per_doc=3)
    paths = build_report(tables, compare(tables, **FAST), out_dir=tmp_path / "r", corpus_name="one")
    assert "framing add" in paths["report.md"].read_text(encoding="utf-8")


def test_failed_build_keeps_the_previous_report(small, tmp_path, monkeypatch):
    out = tmp_path / "r"
    build_report(*small, out_dir=out, corpus_name="s", timestamp="2025-01-01")
    before = (out / "index.html").read_bytes()

    def boom(*a, **k):
        raise RuntimeError("template failed")
    monkeypatch.setattr(build_mod, "render", boom)
    with pytest.raises(RuntimeError):
        build_report(*small, out_dir=out, corpus_name="s", timestamp="2099-01-01")
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no staging folders left


def test_same_input_gives_identical_bytes(small, tmp_path):
    a = build_report(*small, out_dir=tmp_path / "a", corpus_name="s", timestamp="2025-01-01")
    b = build_report(*small, out_dir=tmp_path / "b", corpus_name="s", timestamp="2025-01-01")
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name].read_bytes() != b[name].read_bytes()]
    assert differ == []


def test_report_md_matches_golden(built):
    text = built[0]["report.md"].read_text(encoding="utf-8")
    if os.environ.get("FRAMING_UPDATE_GOLDEN") == "1" or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
        if os.environ.get("FRAMING_UPDATE_GOLDEN") != "1":
            pytest.fail(f"golden file was missing; wrote {GOLDEN} — review and commit it")
    assert text == GOLDEN.read_text(encoding="utf-8"), \
        "report.md changed; if intended, rerun with FRAMING_UPDATE_GOLDEN=1 and review the diff"


@pytest.mark.parametrize("no_ts, date, env, expected", [
    (True, None, None, None), (False, "2025-03-01", None, "2025-03-01"),
    (False, None, "86400", "1970-01-02"), (True, "2025-03-01", None, None),
])
def test_report_date(monkeypatch, no_ts, date, env, expected):
    from framing.cli.report_cmds import report_date
    if env:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", env)
    assert report_date(no_ts, date) == expected


def _bar(df, **kwargs):
    from matplotlib.figure import Figure
    fig = Figure(figsize=(4, 2))
    part = df.groupby("group")["value"].mean()
    fig.subplots().bar(list(part.index), list(part.values))
    return fig


def test_figures_are_embedded_written_and_byte_stable(small, tmp_path, monkeypatch):
    """With a stand-in plots module: SVG embedded as data: URI, SVG+PNG files identical across builds."""
    import sys
    import types
    fake = types.ModuleType("framing.plots")
    fake.plot_rates = _bar
    monkeypatch.setitem(sys.modules, "framing.plots", fake)
    import framing
    monkeypatch.setattr(framing, "plots", fake, raising=False)
    a = build_report(*small, out_dir=tmp_path / "a", corpus_name="s")
    b = build_report(*small, out_dir=tmp_path / "b", corpus_name="s")
    assert {"figures/certainty.svg", "figures/certainty.png", "figures/sentiment.png"} <= set(a)
    assert all(a[n].read_bytes() == b[n].read_bytes() for n in a if n.startswith("figures/"))
    assert 'src="data:image/svg+xml;base64,' in a["index.html"].read_text(encoding="utf-8")


def test_missing_metadata_is_not_printed_as_nan(tmp_path):
    tables = make_tables(2, 2, paragraphs_per_doc=3)
    tables.documents["date"] = float("nan")
    paths = build_report(tables, compare(tables, **FAST), out_dir=tmp_path / "r", corpus_name="s")
    html = paths["index.html"].read_text(encoding="utf-8")
    assert not re.search(r"\bnan\b", html)
