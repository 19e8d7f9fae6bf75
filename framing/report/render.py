"""Jinja2 rendering for reports: one environment, fixed number formatting, safe tables.

Numbers are formatted here, once, so the HTML and the Markdown show the same
figures and the same input always gives the same bytes.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape

import pandas as pd
from markupsafe import Markup

from ..numbers import fmt_num, fmt_p, is_missing  # noqa: F401  (one formatter; re-exported)

CONSTRUCTED_LABEL = "constructed teaching example, not a real outlet"
_CI_CELL = re.compile(r"^(\S+) (\[.*\] \(.*\))$")
P_COLUMNS = ("p", "p_value", "p_holm", "holm_p", "p_adj")


def fmt_cell(column: str, value) -> str:
    """Format one table cell by its column name and type."""
    if column.lower() in P_COLUMNS or column.lower().startswith("p_"):
        return fmt_p(value) if not isinstance(value, str) else value
    if isinstance(value, str):
        return value
    return fmt_num(value)


def label_source(name, constructed: frozenset | set = frozenset(), *, short: bool = False) -> str:
    """A source name, flagged when it is a constructed teaching example."""
    name = "" if is_missing(name) else str(name)
    if name in constructed:
        return f"{name} (constructed)" if short else f"{name} — {CONSTRUCTED_LABEL}"
    return name


def table_html(df: pd.DataFrame, *, constructed: frozenset = frozenset(), max_rows: int | None = None,
               caption: str | None = None, links: dict | None = None, link_key: tuple = ("group",)) -> Markup:
    """A DataFrame as an escaped HTML table in a horizontally scrollable wrapper.

    Numeric cells are right-aligned (class ``num``); cells naming a constructed
    source carry a visible flag. ``links`` maps ``(*row key, column)`` (one cell) or
    ``(*row key)`` (every cell but the key's first) to an href, the row key being the
    values of the ``link_key`` columns: a linked cell's value becomes an evidence link.
    """
    if df is None or len(df) == 0:
        return Markup('<p class="empty">No rows.</p>')
    shown = df if max_rows is None else df.head(max_rows)
    # underscores become spaces so long measure names can wrap in the header
    head = "".join(f"<th>{escape(str(c).replace('_', ' '))}</th>" for c in shown.columns)
    body = []
    keys = [list(shown.columns).index(k) for k in link_key if k in shown.columns] if links else []
    for row in shown.itertuples(index=False):
        cells = []
        key = tuple(str(row[i]) for i in keys)
        for col, val in zip(shown.columns, row):
            href = (links.get((*key, str(col))) or (links.get(key) if col != link_key[0] else None)) \
                if keys and len(keys) == len(link_key) else None
            text = fmt_cell(str(col), val)
            cls = ' class="num"' if not isinstance(val, str) and not is_missing(val) else \
                ' class="nw"' if isinstance(val, str) and len(val) <= 12 else ""
            flag = ""
            if isinstance(val, str) and val in constructed:
                flag = ' <span class="badge" title="%s">constructed</span>' % CONSTRUCTED_LABEL
            ci = _CI_CELL.match(text) if isinstance(val, str) else None
            shown_text = escape(ci[1] if ci else text)
            if href:  # the number links to its evidence in the reading view
                shown_text = (f'<a class="cell-link" href="{escape(href)}" '
                              f'title="show the paragraph behind this number">{shown_text}</a>')
            if ci:  # "value [low, high] (count)": value on top, interval and count below
                cells.append(f'<td class="ci">{shown_text}<small>{escape(ci[2])}</small></td>')
                continue
            cells.append(f"<td{cls}>{shown_text}{flag}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    more = ""
    if max_rows is not None and len(df) > max_rows:
        more = f'<p class="note">Showing {max_rows} of {len(df):,} rows; all rows are in the CSV.</p>'
    return Markup(f'<div class="table-wrap"><table>{cap}<thead><tr>{head}</tr></thead>'
                  f'<tbody>{"".join(body)}</tbody></table></div>{more}')


# Characters that let text become markup in CommonMark: raw HTML and autolinks (< >),
# links and images ([ ]), code spans (`), and the escape character itself. Escaped, a
# title like <script> or [x](javascript:...) is shown as written and never runs or links.
_MD_SPECIAL = re.compile(r"([\\`\[\]<>|])")
# An interval cell, "4.12 [1.27, 6.34] (10)" (maybe marked "‡ ◆"): one bracket pair not
# followed by "(", nothing else special, so it cannot form a link; left unescaped to keep tables readable as text.
_PLAIN_INTERVAL = re.compile(r"[^\\`\[\]<>|()\r\n]* \[[^\\`\[\]<>|()\r\n]*\] \([^\\`\[\]<>|()\r\n]*\)(?: [‡◆])*")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def md_escape(value) -> str:
    """Text for a Markdown line: markup characters backslash-escaped, line breaks made spaces.

    ``Markup`` values (our own rendered tables) pass unchanged.

    Example:
        >>> print(md_escape("<b>[x](javascript:y)</b>"))
        \\<b\\>\\[x\\](javascript:y)\\</b\\>
    """
    if isinstance(value, Markup):
        return value
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", "" if value is None else str(value)))


def table_md(df: pd.DataFrame, *, max_rows: int | None = None) -> Markup:
    """A DataFrame as a GitHub-flavoured Markdown table, every cell escaped (:func:`md_escape`)."""
    if df is None or len(df) == 0:
        return Markup("_No rows._")
    shown = df if max_rows is None else df.head(max_rows)

    def cell(col, val):
        text = fmt_cell(str(col), val)
        return text if _PLAIN_INTERVAL.fullmatch(text) else md_escape(text)

    lines = ["| " + " | ".join(md_escape(c) for c in shown.columns) + " |",
             "|" + "|".join("---" for _ in shown.columns) + "|"]
    lines += ["| " + " | ".join(cell(c, v) for c, v in zip(shown.columns, row)) + " |"
              for row in shown.itertuples(index=False)]
    if max_rows is not None and len(df) > max_rows:
        lines.append(f"\n_Showing {max_rows} of {len(df):,} rows; all rows are in the CSV._")
    return Markup("\n".join(lines))


@lru_cache(maxsize=1)
def environment():
    """The report Jinja2 environment: package templates, autoescape on, our filters.

    Returns:
        jinja2.Environment (``.md`` templates are rendered without autoescape).
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("framing.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters.update(num=fmt_num, pval=fmt_p, table=table_html, mdtable=table_md,
                       source=label_source)
    return env


@lru_cache(maxsize=1)
def md_environment():
    """The environment for ``.md`` templates: every ``{{ value }}`` passes :func:`md_escape`."""
    env = environment().overlay(finalize=md_escape)
    return env


def render(template: str, **context) -> str:
    """Render a template from ``framing/report/templates`` with ``context``."""
    env = md_environment() if template.endswith(".md") else environment()
    return env.get_template(template).render(**context)
