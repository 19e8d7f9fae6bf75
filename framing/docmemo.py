"""Per-Doc facts that several features read, computed once per parsed paragraph.

Kept in ``Doc.user_data`` under ``("framing", name)`` keys (plain strings and lists of
ints, no Tokens, so no reference cycles); ``user_data`` is never written to the parse cache.
spaCy builds ``Doc.text`` by walking every token, and ``Token.head`` makes a new Token
per step: the features read these lists instead.
"""
from __future__ import annotations


def text(doc) -> str:
    """``doc.text``, built once per Doc; a sentence's text is ``text(doc)[s.start_char:s.end_char]``.

    Example:
        >>> text(nlp("Kyiv said so. Moscow denied it."))[14:31]     # doctest: +SKIP
        'Moscow denied it.'
    """
    store = getattr(doc, "user_data", None)
    if store is None:  # a Span or another text holder
        return doc.text
    memo = store.get(("framing", "text"))
    if memo is None:
        memo = store[("framing", "text")] = doc.text
    return memo


def heads(doc) -> list[int]:
    """Index of every token's syntactic head (a root is its own head)."""
    memo = doc.user_data.get(("framing", "heads"))
    if memo is None:
        from spacy.attrs import HEAD

        offsets = doc.to_array(HEAD).astype("int64").tolist()  # relative, stored unsigned
        memo = doc.user_data[("framing", "heads")] = [i + offset for i, offset in enumerate(offsets)]
    return memo


def pos_in(doc, tags: frozenset[str]) -> list[bool]:
    """Per token: is its coarse POS one of ``tags``."""
    key = ("framing", "pos_in", tags)
    memo = doc.user_data.get(key)
    if memo is None:
        from spacy.attrs import POS

        ids = {doc.vocab.strings[t] for t in tags}
        memo = doc.user_data[key] = [p in ids for p in doc.to_array(POS).tolist()]
    return memo
