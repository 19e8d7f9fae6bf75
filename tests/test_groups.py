"""One rule ranks and chooses groups for compare, figures, the reading view and --sources."""
from __future__ import annotations

import pandas as pd
import pytest

from framing.compare import choose_groups, compare, eligible_groups, rank_groups
from framing.errors import FramingError
from framing.report.assemble import figures_for
from framing.report.build import choose_groups as report_groups, restrict

from fixtures_tables import make_tables

FAST = {"n_boot": 50, "n_perm": 50, "cv_permutations": 3}
LABELS = pd.Series(["b", "a", "c", "c", "(unknown)", "(unknown)", "(unknown)"], name="source")


@pytest.mark.parametrize("wanted, top, expected", [
    (None, None, ["(unknown)", "a", "b", "c"]),
    (None, 2, ["(unknown)", "c"]),
    (["(unknown)"], None, ["(unknown)"]),
    (["c", "a"], 1, ["a", "c"]),  # wanted wins over top
])
def test_choose_groups(wanted, top, expected):
    assert choose_groups(LABELS, wanted, top) == expected


def test_one_ranking_for_choosing_and_testing():
    assert rank_groups(LABELS) == ["(unknown)", "c", "a", "b"]
    assert eligible_groups(LABELS, 2) == ["(unknown)", "c"] and eligible_groups(LABELS, 1, top=3) == ["(unknown)", "a", "c"]


def test_unknown_group_is_an_error_naming_the_known_ones():
    with pytest.raises(FramingError, match=r"no documents with source = zz; known: \(unknown\), a, b, c"):
        choose_groups(LABELS, ["zz"])


def test_sources_unknown_selects_documents_without_the_field():
    tables = make_tables(2, 2)
    tables.documents["genre"] = ["news", None, "", "news"]
    assert report_groups(tables, "genre", ["(unknown)"]) == ["(unknown)"]
    kept = restrict(tables, groups=["(unknown)"], by="genre")
    assert sorted(kept.documents["doc_id"]) == sorted(tables.documents["doc_id"][1:3])
    assert set(kept.paragraphs["doc_id"]) == set(kept.documents["doc_id"])


def test_figures_show_as_many_groups_as_chosen_not_a_fixed_twelve(monkeypatch):
    from framing import plots

    tables = make_tables(14, 2, paragraphs_per_doc=3)
    comparison = compare(tables, top_groups=None, **FAST)
    shown = report_groups(tables, "source", top=14)
    seen = []
    real = plots.plot_rates

    def spy(rates, **kwargs):
        seen.append(plots.top_groups(rates, kwargs["top"]))
        return real(rates, **kwargs)

    monkeypatch.setattr(plots, "plot_rates", spy)
    figures_for(comparison, groups=shown, constructed=frozenset())
    assert len(shown) == 14 and seen and all(groups == shown for groups in seen)
