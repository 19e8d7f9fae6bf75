"""The reading view: a paragraph's text with its evidence spans marked up as HTML.

Actor mentions, contested terms and hedge/booster/attribution cues come as rows
with character offsets into the paragraph text. Spans may overlap ("Russia's"
inside an attribution, a term inside an actor mention), so the marks are nested
properly: a span that crosses another is closed and reopened around it, which
keeps the HTML well-formed while every character stays inside every span that
covers it. Every mark carries a ``title`` saying why it was marked.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup


@dataclass(frozen=True)
class Span:
    """One marked stretch of a paragraph.

    Args:
        start, end: character offsets into the paragraph text (end exclusive).
        classes: CSS classes, e.g. ``"act act-agent"``.
        title: tooltip text: why this stretch was marked.
        data: ``data-*`` attributes (name without the prefix -> value).
    """

    start: int
    end: int
    classes: str
    title: str
    data: tuple = field(default_factory=tuple)


def _num(value) -> str:
    """Format a float for a tooltip; '—' for missing."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "—"
    return "—" if math.isnan(value) else f"{value:+.2f}"


def _text(value, default: str = "") -> str:
    """A cell as text; NaN/None become ``default``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return default
    return str(value)


def actor_span(row: dict) -> Span:
    """An actor mention, styled by role; title e.g. "Russia — agent of 'close' (active)".

    Example:
        >>> actor_span({"start": 0, "end": 6, "actor": "Russia", "bloc": "russia",
        ...             "role": "agent", "voice": "active", "verb": "close"}).title[:30]
        "Russia — agent of 'close' (act"
    """
    role = _text(row.get("role"), "other")
    verb = _text(row.get("verb"))
    voice = _text(row.get("voice"), "none")
    kind = _text(row.get("kind"), "actor")
    if kind != "actor":  # "in Ukraine", "Russian gas": kept as evidence, not counted
        why = f"{row.get('actor')} — {kind}, not counted as an actor mention"
        data = (("kind", "actor"), ("actor", _text(row.get("actor"))), ("bloc", _text(row.get("bloc"))),
                ("role", "other"), ("voice", "none"))
        return Span(int(row["start"]), int(row["end"]), f"act act-{kind}", why, data)
    why = f"{row.get('actor')} — {role}"
    if verb:
        why += f" of '{verb}'"
    if voice and voice != "none":
        why += f" ({voice.replace('_', ' ')})"
    why += f"; bloc: {_text(row.get('bloc'), 'other')}"
    if _text(row.get("verb_connotation")):
        why += f"; verb connotation: {row['verb_connotation']}"
    if "sentiment" in row:
        why += f"; target sentiment {_num(row.get('sentiment'))}"
        if _text(row.get("sentiment_label")):
            why += f" ({row['sentiment_label']})"
    data = (("kind", "actor"), ("actor", _text(row.get("actor"))),
            ("bloc", _text(row.get("bloc"))), ("role", role), ("voice", voice))
    return Span(int(row["start"]), int(row["end"]), f"act act-{role}", why, data)


def term_span(row: dict, surface: str) -> Span:
    """A contested term, coloured by side; title e.g. "term: 'Kiev' — russia-side variant of kyiv"."""
    side = _text(row.get("side"), "neutral")
    why = f"term: '{surface}' — {side}-side variant of {_text(row.get('concept'), '?')}"
    if _text(row.get("term")) and row["term"].lower() != surface.lower():
        why += f" (lexicon entry '{row['term']}')"
    data = (("kind", "term"), ("side", side), ("concept", _text(row.get("concept"))))
    return Span(int(row["start"]), int(row["end"]), f"term side-{side}", why, data)


def cue_span(row: dict, surface: str) -> Span:
    """A hedge/booster/attribution cue, underlined by category; title e.g. "hedge: 'could'"."""
    category = _text(row.get("category"), "cue")
    why = f"{category}: '{surface}'"
    cue = _text(row.get("cue"))
    if cue and cue.lower() != surface.lower():
        why += f" ({cue})"
    data = (("kind", "cue"), ("category", category), ("cue", cue))
    return Span(int(row["start"]), int(row["end"]), f"cue cue-{category}", why, data)


def evidence_span(table: str, label_col: str, row: dict, surface: str) -> Span:
    """Evidence from another feature's long table (e.g. a user dictionary), e.g. "care.virtue: 'protect'"."""
    label = _text(row.get(label_col), table)
    why = f"{label}: '{surface}'"
    pattern = _text(row.get("pattern"))
    if pattern and pattern.lower() != surface.lower():
        why += f" (pattern '{pattern}')"
    data = (("kind", table), (label_col, label))
    return Span(int(row["start"]), int(row["end"]), f"evidence evidence-{_css(table)}", why, data)


def _css(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


def spans_for(text: str, actors=(), terms=(), cues=(), extra=()) -> list[Span]:
    """Build spans from row dicts; rows whose offsets don't fit the text are dropped.

    ``extra``: ``(table, label column, rows)`` for other features' long tables.

    Returns:
        Spans sorted by (start, longest first), so outer marks open first.
    """
    n = len(text)
    out: list[Span] = []
    for rows, make in ((actors, lambda r: actor_span(r)),
                       (terms, lambda r: term_span(r, text[int(r["start"]):int(r["end"])])),
                       (cues, lambda r: cue_span(r, text[int(r["start"]):int(r["end"])])),
                       *((rows, lambda r, t=t, c=c: evidence_span(t, c, r, text[int(r["start"]):int(r["end"])]))
                         for t, c, rows in extra)):
        for row in rows:
            try:
                start, end = int(row["start"]), int(row["end"])
            except (KeyError, TypeError, ValueError):
                continue
            if 0 <= start < end <= n:
                out.append(make(row))
    return sorted(out, key=_order)


def _order(span: Span):
    return (span.start, -span.end, span.classes, span.title)


def _open_tag(span: Span) -> str:
    attrs = "".join(f' data-{k}="{escape(str(v))}"' for k, v in span.data if v != "")
    return f'<mark class="{escape(span.classes)}" title="{escape(span.title)}"{attrs}>'


def highlight(text: str, spans: list[Span]) -> Markup:
    """Escape ``text`` and wrap each span in a ``<mark>``, nesting overlaps properly.

    Args:
        text: the paragraph text.
        spans: spans with offsets into ``text`` (any order; may overlap).

    Returns:
        Safe HTML (markupsafe.Markup).

    Example:
        >>> s = [Span(0, 6, "act act-agent", "Russia — agent")]
        >>> str(highlight("Russia <acts>", s))
        '<mark class="act act-agent" title="Russia — agent">Russia</mark> &lt;acts&gt;'
    """
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)), key=_order)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    parts: list[str] = []
    stack: list[Span] = []
    for left, right in zip(cuts, cuts[1:]):
        want = [s for s in spans if s.start <= left and right <= s.end]
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        parts.append("</mark>" * (len(stack) - keep))
        parts.extend(_open_tag(s) for s in want[keep:])
        stack = want
        parts.append(escape(text[left:right], quote=False))
    parts.append("</mark>" * len(stack))
    return Markup("".join(parts))
