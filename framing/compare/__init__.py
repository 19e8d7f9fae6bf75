"""Comparison across groups of documents.

Modules import only downward: :mod:`.stats` (resampling and tests) ←
:mod:`.core` (rates, tests, omnibus, the :class:`Comparison`) ← :mod:`.actors`,
:mod:`.distinctive`, :mod:`.distinguishability`, :mod:`.within`.
"""
from .core import (ADD_DOCUMENTS, ADD_SOURCES, MEAN_MEASURES, ONE_DOC, RATE_MEASURES, Comparison,
                   compare, doc_sums, doc_values, eligible_groups, group_labels, group_tests,
                   measures_available, omnibus, overview, rates, ratio_rows, round_frame)

__all__ = ["ADD_DOCUMENTS", "ADD_SOURCES", "MEAN_MEASURES", "ONE_DOC", "RATE_MEASURES", "Comparison",
           "compare", "doc_sums", "doc_values", "eligible_groups", "group_labels", "group_tests",
           "measures_available", "omnibus", "overview", "rates", "ratio_rows", "round_frame"]
