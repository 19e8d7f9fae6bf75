"""The one number formatter, shared by the CLI summaries and the reports.

Numbers are formatted here, once, so the terminal, the HTML and the Markdown show
the same figures and the same input always gives the same text.
"""
from __future__ import annotations

import math
import numbers

import pandas as pd


def is_missing(value) -> bool:
    """True for None, NaN and pandas NA."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_num(value, digits: int = 3) -> str:
    """A number as fixed text: ints plainly, floats to ``digits`` significant figures.

    Example:
        >>> fmt_num(0.123456), fmt_num(12345.6), fmt_num(7), fmt_num(float("nan"))
        ('0.123', '12,346', '7', '—')
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if is_missing(value):
        return "—"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if not isinstance(value, numbers.Real):
        return str(value)
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:  # counts stored as floats read as counts
        return f"{int(value):,}"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value != 0 and abs(value) >= 10 ** digits:
        return f"{value:,.0f}"
    if value == 0:
        return "0"
    decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(value)))))
    text = f"{value:.{min(decimals, 6)}f}"
    return "0" if text in ("-0", "-0.0", "-0.00", "-0.000") else text


def fmt_p(value) -> str:
    """A p-value: '<0.001' below the permutation resolution we report, else 3 decimals."""
    if is_missing(value):
        return "—"
    value = float(value)
    return "<0.001" if value < 0.001 else f"{value:.3f}"
