"""Comparison across groups of documents.

Modules import only downward: :mod:`.stats` (resampling and tests) ←
:mod:`.groups` and :mod:`.rates` ← :mod:`.actors`, :mod:`.distinctive`,
:mod:`.distinguishability`, :mod:`.within` ← :mod:`.core` (group rates, tests, omnibus,
the :class:`Comparison`).
"""
from .core import (ADD_DOCUMENTS, Comparison, compare, compared, doc_sums, doc_values, group_tests,
                   measures_available, omnibus, overview, rates, round_frame)
from .groups import ADD_SOURCES, choose_groups, eligible_groups, group_labels, rank_groups
from .rates import ONE_DOC, ratio_rows

__all__ = ["ADD_DOCUMENTS", "ADD_SOURCES", "ONE_DOC", "Comparison", "compared",
           "choose_groups", "rank_groups", "compare", "doc_sums", "doc_values", "eligible_groups", "group_labels", "group_tests",
           "measures_available", "omnibus", "overview", "rates", "ratio_rows", "round_frame"]
