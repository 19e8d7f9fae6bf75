"""Exact, faster stand-ins for two rule components of a spaCy pipeline.

In ``en_core_web_sm`` 3.8 two components that hold no model cost about an eighth of a
parse (measured on 4,097 AllSides paragraphs, 180k tokens):

- ``attribute_ruler`` runs spaCy's general token :class:`~spacy.matcher.Matcher` with
  179 rules (the tag map: fine tag -> POS and morphology, plus word exceptions) at every
  token, ~3 s;
- ``lemmatizer`` (rule mode) re-derives the lemma of every token, because spaCy's
  ``rule_lemmatize`` caches only the answers that reach its suffix rules, ~2 s.

:func:`speed_up` swaps in subclasses that give the **same annotations**:

- :class:`IndexedAttributeRuler` finds the same matches as the Matcher by indexing the
  rules on the first token's ``TAG``/``LOWER`` value and checking the few candidates at
  each token; it supports exactly the predicates the shipped rules use (equality,
  ``IN``, ``NOT_IN``, ``REGEX`` on ``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``). A rule set
  with anything else keeps spaCy's Matcher. Matches are applied by spaCy's own
  ``set_annotations``.
- :class:`CachedLemmatizer` keeps every answer of the rule lemmatizer, keyed as spaCy's own
  cache is, by (form, POS, morphology) -- everything the rules read -- and writes the
  lemmas in one array call. Its word lists (``lemma_index``: 57k nouns, 21k adjectives...),
  which the rules only test with ``in``, answer from sets (:class:`WordList`): a new word
  took ~100 µs of list scan.

``tests/test_fastpipes.py`` checks both against the stock components, match for match and
token for token; ``benchmarks/run_all.py`` compares ``analyze`` with the stock pipeline.
``FRAMING_STOCK_SPACY=1`` turns the swap off.
"""
from __future__ import annotations

import os

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id

# Token attributes a compiled rule may test, in the column order of ``Doc.to_array``.
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]
LEMMA_CACHE_MAX = 500_000  # distinct (form, POS, morphology) keys kept before the cache restarts


def speed_up(nlp):
    """Swap the stock ``attribute_ruler`` and ``lemmatizer`` of ``nlp`` for the exact,
    faster subclasses above (in place; returns ``nlp``). Components of other types, or
    rules the index cannot express, are left as they are.

    Example:
        >>> nlp = speed_up(spacy.load("en_core_web_sm"))                 # doctest: +SKIP
        >>> type(nlp.get_pipe("attribute_ruler")).__name__               # doctest: +SKIP
        'IndexedAttributeRuler'
    """
    if os.environ.get("FRAMING_STOCK_SPACY", "") not in ("", "0"):
        return nlp
    for _, pipe in nlp.pipeline:
        if type(pipe) is AttributeRuler:
            rules = compile_rules(pipe)
            if rules is not None:
                pipe.__class__ = IndexedAttributeRuler
                pipe._framing_rules = rules
        elif type(pipe) in _LEMMATIZERS and pipe.mode == "rule":
            pipe.__class__ = _LEMMATIZERS[type(pipe)]
            pipe._framing_lemmas = {}
            if pipe.lookups.has_table("lemma_index"):  # read only by ``form in index``: a set answers alike
                index = pipe.lookups.get_table("lemma_index")
                for key, words in list(index.items()):
                    if type(words) is list:
                        index[key] = WordList(words)
    return nlp


def compile_rules(ruler: AttributeRuler):
    """The ruler's patterns as an index ``(by_lower, by_tag, spaces, always)`` from the
    first token's most selective value (its ``LOWER``, else its ``TAG``, else
    ``IS_SPACE``) to the rules to check there: ``(rule number, match id, [token tests])``,
    a token test being a list of ``(column, op, value)``. None when a pattern uses
    anything else."""
    by_lower: dict[int, list] = {}
    by_tag: dict[int, list] = {}
    spaces: list = []
    always: list = []
    strings = ruler.vocab.strings
    for number, rule in enumerate(ruler.patterns):
        match_id = strings[str(number)]
        for pattern in rule["patterns"]:
            tokens = [_compile_token(spec) for spec in pattern]
            if not tokens or any(t is None for t in tokens):
                return None
            entry = (number, match_id, tokens)
            first = {(col, op): value for col, op, value in tokens[0]}
            for col, index in ((1, by_lower), (0, by_tag)):
                if (col, "eq") in first:
                    index.setdefault(first[(col, "eq")], []).append(entry)
                    break
                if (col, "in") in first:
                    for value in first[(col, "in")]:
                        index.setdefault(value, []).append(entry)
                    break
            else:
                (spaces if first.get((3, "eq")) == 1 else always).append(entry)
    return by_lower, by_tag, spaces, always


def _compile_token(spec: dict):
    tests = []
    for key, value in spec.items():
        col = _COLUMNS.get(key)
        if col is None:
            return None
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append((col, "eq", int(value)))
        elif isinstance(value, str):
            tests.append((col, "eq", get_string_id(value)))
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                tests.append((col, op.lower().replace("not_in", "out"), frozenset(get_string_id(v) for v in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                import re

                tests.append((col, "re", re.compile(arg)))
            else:
                return None
        else:
            return None
    return tests


def _passes(tests, row, strings) -> bool:
    for col, op, value in tests:
        got = row[col]
        if op == "eq":
            if got != value:
                return False
        elif op == "in":
            if got not in value:
                return False
        elif op == "out":
            if got in value:
                return False
        elif not value.search(strings[got]):  # "re": spaCy searches the attribute's string
            return False
    return True


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, finding its matches through an index of its rules instead of
    the general Matcher (same matches, same order; see :func:`compile_rules`)."""

    def match(self, doc):
        by_lower, by_tag, spaces, always = self._framing_rules
        rows = [tuple(r) for r in doc.to_array(_ARRAY).tolist()]
        strings = doc.vocab.strings
        n = len(rows)
        found = set()
        for i, row in enumerate(rows):
            candidates = by_tag.get(row[0], ())
            if row[1] in by_lower:
                candidates = (*by_lower[row[1]], *candidates)
            if row[3]:
                candidates = (*spaces, *candidates)
            for number, match_id, tokens in (*candidates, *always) if always else candidates:
                if len(tokens) == 1:
                    if _passes(tokens[0], row, strings):
                        found.add((number, match_id, i, i + 1))
                elif i + len(tokens) <= n and all(_passes(t, rows[i + k], strings) for k, t in enumerate(tokens)):
                    found.add((number, match_id, i, i + len(tokens)))
        return sorted(found)

    def add(self, *args, **kwargs):  # changed rules: back to the stock matcher
        self.__class__ = AttributeRuler
        return self.add(*args, **kwargs)

    def clear(self) -> None:
        self.__class__ = AttributeRuler
        self.clear()


class WordList(list):
    """A word list that answers ``in`` from a set (and still serialises as a list, so the
    pipeline's ``to_bytes``/``to_disk`` work as before). Not to be changed after creation."""

    __slots__ = ("_words",)

    def __init__(self, words=()):
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._words


class _CachedLemmas:
    """Mixed into the stock rule lemmatizer: every answer kept, lemmas written in one call."""

    def __call__(self, doc):
        if not self._validated or not len(doc):
            return super().__call__(doc)
        cache = self._framing_lemmas
        if len(cache) > LEMMA_CACHE_MAX:
            cache.clear()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        add = doc.vocab.strings.add  # the lemma's own string store: the cache keeps strings, not hashes
        overwrite = self.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                value = cache.get(key)
                if value is None:
                    value = cache[key] = self.lemmatize(doc[i])[0]
                lemmas[i] = add(value)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


class CachedLemmatizer(_CachedLemmas, Lemmatizer):
    """spaCy's rule Lemmatizer with every answer cached."""


class CachedEnglishLemmatizer(_CachedLemmas, EnglishLemmatizer):
    """spaCy's English rule lemmatizer with every answer cached."""


_LEMMATIZERS = {Lemmatizer: CachedLemmatizer, EnglishLemmatizer: CachedEnglishLemmatizer}
