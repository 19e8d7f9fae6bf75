"""framing.docmemo: per-Doc lists that stand in for Token walks give the walks' answers."""
from __future__ import annotations

import itertools

TEXTS = [
    "Russian banks were forced to sell their assets after Western attempts to hinder trade.",
    "Kyiv said so. Moscow denied it, and the Kremlin, which had warned of \u201cprovocations\u201d, stayed silent.",
    "  Leading spaces,\ttabs and  double  spaces .  ",
    "",
]


def _walk_distance(a, b) -> int:
    """The dependency-arc distance by walking Tokens (the definition)."""
    depth = {a.i: 0}
    for n, anc in enumerate(a.ancestors, 1):
        depth[anc.i] = n
    steps, tok = 0, b
    while tok.i not in depth:
        if tok.head.i == tok.i:
            return 99
        tok, steps = tok.head, steps + 1
    return steps + depth[tok.i]


def test_lists_match_the_token_walks(nlp):
    from framing.docmemo import heads, pos_in, text
    from framing.sentiment.model import CLAUSE_POS, clause_head
    from framing.sentiment.vader import tree_distance

    for doc in nlp.pipe(TEXTS):
        assert text(doc) == doc.text
        assert heads(doc) == [t.head.i for t in doc]
        assert pos_in(doc, CLAUSE_POS) == [t.pos_ in CLAUSE_POS for t in doc]
        for sent in doc.sents:
            assert text(doc)[sent.start_char:sent.end_char] == sent.text
        for a, b in itertools.product(doc, repeat=2):
            assert tree_distance(a, b) == _walk_distance(a, b)
        for tok in doc:
            head = tok
            while head.pos_ not in CLAUSE_POS and head.head.i != head.i:
                head = head.head
            assert clause_head(tok).i == head.i


def test_memo_is_per_doc_and_kept_out_of_saved_parses(nlp):
    from spacy.tokens import DocBin

    from framing.cache import pack_docs
    from framing.docmemo import heads, text

    doc = nlp("Kyiv said so.")
    heads(doc), text(doc)
    assert ("framing", "heads") in doc.user_data
    restored = list(DocBin().from_bytes(pack_docs([doc])).get_docs(nlp.vocab))[0]
    assert not restored.user_data
    other = nlp("Moscow denied it again today.")
    assert heads(other) == [t.head.i for t in other] and text(other) == other.text
