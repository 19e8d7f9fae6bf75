"""What a feature measures, declared once where the feature is registered.

Like a spaCy factory's ``default_score_weights``, each feature names its measures
and the rest of the package iterates over the declarations: comparison, the
within-document view, distinguishability, report sections, figures, the reading
view, the glossary and the exports never list measures themselves.

Kinds:

* ``rate``: ratio of sums, ``Σ column / Σ body words × scale`` (e.g. hedges per
  100 words); the paragraph table also gets ``<column>_per_100w`` when ``scale`` is 100.
* ``mean``: mean over the body paragraphs where ``column`` is defined.
* ``share``: per actor, ``Σ column / Σ denominator`` over mentions (actor profiles).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import FramingError

KINDS = ("rate", "mean", "share")
USES = ("compare", "within", "model")


@dataclass(frozen=True)
class Measure:
    """One declared measure.

    Args:
        name: measure name in every table (``hedges_per_100w``).
        kind: ``rate``, ``mean`` or ``share`` (see module docstring).
        family: group of measures shown together (``certainty``, ``terms``, …).
        label: short human label (figure axes, reading-view strip).
        description: one line for the glossary and the methods.
        column: the paragraph column (rate: a count; mean: a value) or, for a
            share, the per-mention statistic counted in the numerator.
        scale: rate per ``scale`` words (100 or 1,000); 1 for means and shares.
        denominator: a share's denominator statistic (``mentions`` or ``words``).
        unit: the unit shown beside values (default from kind and scale).
        rank: display order (lower first); ties keep declaration order.
        uses: where the measure is used: ``compare`` (group rates and tests),
            ``within`` (within-document view), ``model`` (distinguishability).
        strip: label in the reading view's per-paragraph strip ('' = not shown).

    Example:
        >>> Measure("hedges_per_100w", "rate", "certainty", "hedges", "hedges per 100 words",
        ...         column="hedges").unit
        'per 100 words'
    """

    name: str
    kind: str
    family: str
    label: str
    description: str
    column: str
    scale: float = 100.0
    denominator: str = "words"
    unit: str = ""
    rank: int = 100
    uses: tuple[str, ...] = USES
    strip: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise FramingError(f"measure {self.name}: unknown kind '{self.kind}'; choose one of: {', '.join(KINDS)}")
        bad = [u for u in self.uses if u not in USES]
        if bad:
            raise FramingError(f"measure {self.name}: unknown use '{bad[0]}'; choose from: {', '.join(USES)}")
        if not self.unit:
            unit = f"per {self.scale:,.0f} words" if self.kind == "rate" else "mean of paragraphs"
            object.__setattr__(self, "unit", unit)

    @property
    def paragraph_rate(self) -> str | None:
        """The per-paragraph rate column derived from a per-100-words rate, else None."""
        return f"{self.column}_per_100w" if self.kind == "rate" and self.scale == 100.0 else None


@dataclass(frozen=True)
class Section:
    """A report section a feature adds for its families (built-in sections are in the templates)."""

    id: str
    title: str
    intro: str
    families: tuple[str, ...]


def ordered(measures) -> list[Measure]:
    """Measures by rank, declaration order breaking ties.

    Example:
        >>> a = Measure("a", "mean", "f", "a", "a", column="a", rank=2)
        >>> b = Measure("b", "mean", "f", "b", "b", column="b", rank=1)
        >>> [m.name for m in ordered([a, b])]
        ['b', 'a']
    """
    return [m for _, m in sorted(enumerate(measures), key=lambda im: (im[1].rank, im[0]))]


def families(measures) -> list[str]:
    """Families in display order (by their first-ranked measure)."""
    return list(dict.fromkeys(m.family for m in ordered(measures)))


@dataclass(frozen=True)
class Declared:
    """Everything the features of one run declare, merged (the way spaCy merges score weights).

    ``spans`` maps a long table (other than the built-in actors, terms, cues) to the
    column that names each evidence span's category, for the reading view.
    """

    measures: tuple[Measure, ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()
    sections: tuple[Section, ...] = ()
    spans: dict[str, str] = field(default_factory=dict)

    def of(self, *, kind: str | None = None, use: str | None = None, family: str | None = None) -> list[Measure]:
        """Declared measures in display order, filtered by kind, use and family."""
        return [m for m in ordered(self.measures) if (kind is None or m.kind == kind)
                and (use is None or use in m.uses) and (family is None or m.family == family)]

    def families(self, *, use: str | None = "compare") -> list[str]:
        return families(self.of(use=use))

    def to_json(self) -> dict[str, Any]:
        return {"measures": [asdict(m) for m in self.measures], "glossary": [list(g) for g in self.glossary],
                "sections": [asdict(s) for s in self.sections], "spans": dict(self.spans)}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "Declared":
        return cls(measures=tuple(Measure(**{**m, "uses": tuple(m["uses"])}) for m in obj.get("measures", [])),
                   glossary=tuple(tuple(g) for g in obj.get("glossary", [])),
                   sections=tuple(Section(**{**s, "families": tuple(s["families"])}) for s in obj.get("sections", [])),
                   spans=dict(obj.get("spans", {})))


def merge(features) -> Declared:
    """Merge the declarations of ``features`` (objects with measures, glossary, section, table, span)."""
    measures, glossary, sections, spans, seen = [], [], [], {}, {}
    for f in features:
        for m in getattr(f, "measures", ()):
            if m.name in seen:
                raise FramingError(f"measure '{m.name}' is declared by both {seen[m.name]} and {f.name}")
            seen[m.name] = f.name
            measures.append(m)
        glossary += list(getattr(f, "glossary", ()))
        if getattr(f, "section", None) is not None:
            sections.append(f.section)
        if getattr(f, "span", None) and f.table:
            spans[f.table] = f.span
    return Declared(tuple(measures), tuple(glossary), tuple(sections), spans)
