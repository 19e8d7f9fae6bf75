"""Actor registry -> actor mentions (canonical actor + bloc) in a parsed Doc.

The registry is the ``actors`` lexicon (pattern, actor, bloc, type, case). Matching
uses spaCy's PhraseMatcher; overlapping hits are resolved longest-first (rows of type
``exclude`` take part in that contest and then vanish, so "West Bank" blocks "West").
Named entities (PERSON, ORG, GPE, NORP) that no registry hit overlaps become actors of
bloc ``other``. Two hits of the same actor inside one noun phrase ("Russian Defense
Minister Shoigu") are merged into one mention, so one referent counts once.

Example:
    >>> from framing.nlp import load_pipeline            # doctest: +SKIP
    >>> nlp = load_pipeline()                            # doctest: +SKIP
    >>> find = ActorMatcher(nlp, lexicons.load("actors").table)   # doctest: +SKIP
    >>> [(m.text, m.actor) for m in find(nlp("Russian banks left."))]   # doctest: +SKIP
    [('Russian', 'russia')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .actor_usage import TITLE_WORDS, mention_kind, resolve_titled
from .errors import LexiconError
from .language import latin_share

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")
REQUIRED = ("pattern", "actor", "bloc", "type", "case")
# Dependencies that keep a token inside the same noun phrase as its head (for merging).
_NP_DEPS = {"compound", "amod", "nmod", "appos", "poss", "flat", "det"}


@dataclass(frozen=True)
class Mention:
    """One actor mention: a span of the Doc with its canonical actor, bloc and kind.

    ``type`` is where the mention came from (registry type: country, demonym, ...; or
    ``entity:<LABEL>``); ``kind`` is what the words do here: ``actor`` (a political
    actor), ``place`` (a location: "in Ukraine") or ``origin`` (an adjective or modifier
    of origin that names no actor: "Russian gas", "Moscow residents").
    """

    span: Span
    actor: str
    bloc: str
    type: str
    kind: str = "actor"

    @property
    def text(self) -> str:
        return self.span.text


def normalise_actor(text: str) -> str:
    """Actor id for an unregistered entity: lower case, no article/possessive, underscores.

    Example:
        >>> normalise_actor("the Taliban's")
        'taliban'
    """
    text = re.sub(r"(?:'s|’s|'|’)$", "", text.strip()).lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^\w]+", "_", text).strip("_")


def _variants(form: str) -> set[str]:
    """As written, first letter capitalised (sentence-initial "The West"), and UPPER."""
    return {form, form[:1].upper() + form[1:], form.upper()}


class ActorMatcher:
    """Callable ``Doc -> list[Mention]`` built once from the registry table.

    Args:
        nlp: the spaCy pipeline (its tokenizer builds the patterns).
        table: the ``actors`` lexicon table (columns pattern, actor, bloc, type, case).
        entities: also keep unregistered PERSON/ORG/GPE/NORP entities as bloc ``other``.
    """

    def __init__(self, nlp, table: pd.DataFrame, *, entities: bool = True, act_nouns=()):
        missing = [c for c in REQUIRED if c not in table.columns]
        if missing:
            raise LexiconError(f"actors lexicon needs columns {list(REQUIRED)}; missing {missing}")
        self.entities = entities
        self.act_nouns = frozenset(act_nouns)
        self.rows = table[list(REQUIRED)].to_dict("records")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        for i, row in enumerate(self.rows):
            pattern = row["pattern"]
            if not pattern:
                continue
            if row["case"] == "any":
                self.any_case.add(str(i), [nlp.make_doc(pattern.lower())])
            else:
                self.exact.add(str(i), [nlp.make_doc(v) for v in sorted(_variants(pattern))])

    def _registry_spans(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, s, e, label=key)
                 for matcher in (self.exact, self.any_case)
                 for key, s, e in matcher(doc)]
        return sorted(filter_spans(spans), key=lambda sp: sp.start)

    def _with_kind(self, m: Mention) -> Mention:
        return replace(m, kind=mention_kind(m.span, m.type, _head(m.span), self.act_nouns))

    def __call__(self, doc: Doc) -> list[Mention]:
        mentions: list[Mention] = []
        for span in self._registry_spans(doc):
            row = self.rows[int(span.label_)]
            # An excluded span ("Washington Post") only blocks shorter registry hits;
            # the entity recogniser may still report it as an actor of bloc other.
            if span[0].lower_ == "the" and len(span) > 1:
                span = span[1:]  # "the" only disambiguates ("the West"); the mention is the name
            if row["type"] != "exclude" and row["actor"]:
                mentions.append(Mention(span, row["actor"], row["bloc"] or "other", row["type"]))
        mentions = [self._with_kind(m) for m in _merge_same_np(mentions)]
        if self.entities:
            claimed = {i for m in mentions for i in range(m.span.start, m.span.end)}
            found = [self._with_kind(m) for m in _entity_mentions(doc, claimed)]
            persons = [m for m in found if _named_person(m)]
            titled = resolve_titled(doc, mentions, persons)
            mentions = _merge_same_np(sorted(mentions + titled, key=_position))
            mentions += [m for m in found if not _named_person(m)]
        return sorted(mentions, key=_position)


def _named_person(m: Mention) -> bool:
    """A PERSON entity, or a name the recogniser took for an ORG right after an office word
    ("Foreign Minister Murat Nurtleu")."""
    start = m.span.start
    return m.type == "entity:PERSON" or (m.type == "entity:ORG" and start > 0
                                         and m.span.doc[start - 1].lower_ in TITLE_WORDS)


def _position(m: Mention) -> tuple[int, int]:
    return m.span.start, m.span.end


def _head(span: Span):
    """The span's head token, skipping a leading determiner the parser hung elsewhere."""
    inside = [t for t in span if t.pos_ != "DET"] or list(span)
    outside = [t for t in inside if not (span.start <= t.head.i < span.end) or t.head is t]
    return outside[-1] if outside else span.root


# Entities that are credits or documents, not actors: "Photo/VCG", "Executive Order 13660".
_NOT_ACTOR_WORDS = {"order", "act", "law", "treaty", "accord", "accords", "protocol", "convention",
                    "agreement", "decree", "resolution", "charter", "doctrine", "plan", "photo"}


def _entity_mentions(doc: Doc, claimed: set[int]) -> list[Mention]:
    """Unregistered named entities as bloc ``other`` (skipped when a registry hit overlaps)."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or claimed.intersection(range(ent.start, ent.end)):
            continue
        span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        while len(span) > 1 and span[-1].dep_ == "case":  # drop a trailing possessive 's
            span = span[:-1]
        if "/" in span.text or {t.lower_ for t in span} & _NOT_ACTOR_WORDS:
            continue
        actor = normalise_actor(span.text)
        if actor and _is_english_name(span.text):
            out.append(Mention(span, actor, "other", f"entity:{ent.label_}"))
    return out


def _is_english_name(text: str) -> bool:
    """Latin-script names only: an untranslated Cyrillic word ("Глава") is no English actor."""
    return latin_share(text) >= 0.5


def _inside_np_of(token, other) -> bool:
    """True if ``token`` reaches ``other`` by climbing noun-phrase-internal arcs."""
    steps = 0
    while token.dep_ in _NP_DEPS and token.head is not token and steps < 6:
        token, steps = token.head, steps + 1
        if token == other:
            return True
    return False


def _title_gap(doc, start: int, end: int) -> bool:
    """Only office words, "of" and "the" between two hits: "President of Russia Vladimir Putin"."""
    return all(t.lower_ in TITLE_WORDS or t.lower_ in ("of", "the") or t.ent_type_ == "PERSON"
               for t in doc[start:end])


def _merge_same_np(mentions: list[Mention]) -> list[Mention]:
    """Merge adjacent hits of one actor in one noun phrase: "Russian President Vladimir Putin"."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.actor == m.actor and m.span.start - prev.span.end <= 3
                and (_inside_np_of(prev.span.root, m.span.root) or _inside_np_of(m.span.root, prev.span.root)
                     or _title_gap(m.span.doc, prev.span.end, m.span.start))):
            doc, end = m.span.doc, m.span.end
            if end < len(doc) and doc[end].text == ")" and "(" in doc[prev.span.end:m.span.start].text:
                end += 1  # "the Commonwealth of Independent States (CIS)": keep brackets balanced
            kind = "actor" if "actor" in (prev.kind, m.kind) else m.kind
            out[-1] = replace(m, span=doc[prev.span.start:end], kind=kind)
        else:
            out.append(m)
    return out
