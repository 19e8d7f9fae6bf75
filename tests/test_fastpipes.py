"""framing.fastpipes: the indexed attribute ruler and the cached lemmatizer give spaCy's own
annotations, match for match and token for token."""
from __future__ import annotations

import json
import pickle

import numpy
import pytest
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, MORPH, ORTH, POS, TAG

from conftest import shared_file
from framing.nlp import pipeline_name

EDGE_CASES = [
    "", " ", "\n\n", "  \t ",
    "Y'all ain't gonna believe what we gotta do, let's go.",
    "Nothin' was said; nuthin' changed. He AIN'T here. Ya'll can't.",
    "He ain't seen it. y all ainT n't",
    "I'd've done it, wouldn't you? 'Tis the season -- isn't it?",
    "The U.S. and the U.K. met in St. Petersburg on 3 Feb. 2022 at 10 a.m.",
    "Russia's \u201cspecial military operation\u201d began; Kyiv said it was an invasion.",
    "Lower-case, UPPER-CASE and MiXeD words; e-mail info@example.org or see https://example.org/x?y=1.",
    "She is running, ran and runs; the best, better, good; mice, geese, children.",
]


def _compare(texts, nlp):
    import spacy

    from framing.fastpipes import CachedEnglishLemmatizer, IndexedAttributeRuler

    stock = spacy.load(pipeline_name())
    assert type(nlp.get_pipe("attribute_ruler")) is IndexedAttributeRuler
    assert type(nlp.get_pipe("lemmatizer")) is CachedEnglishLemmatizer
    ruler, lemmatizer = stock.get_pipe("attribute_ruler"), stock.get_pipe("lemmatizer")
    fast_ruler, fast_lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    cols = [ORTH, POS, TAG, MORPH, LEMMA, DEP, HEAD, IS_SPACE]
    checked = 0
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        for doc in stock.pipe(texts):
            a, b = doc.copy(), doc.copy()
            assert fast_ruler.match(b) == sorted(set(ruler.match(a))), doc.text
            lemmatizer(ruler(a))
            fast_lemmatizer(fast_ruler(b))
            assert numpy.array_equal(a.to_array(cols), b.to_array(cols)), doc.text
            assert [(t.lemma_, str(t.morph), t.pos_) for t in a] == [(t.lemma_, str(t.morph), t.pos_) for t in b]
            checked += len(doc)
    return checked


def test_same_annotations_on_edge_cases_and_the_seed(nlp, seed_text):
    texts = EDGE_CASES + [p for p in seed_text.split("\n") if p.strip()]
    assert _compare(texts, nlp) > 1_000


def test_same_annotations_on_real_news():
    from framing.nlp import load_pipeline

    path = shared_file("data/news/allsides_russia/allsides_russia_related.jsonl")
    texts = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 20 == 0:  # 158 articles spread over the file
                texts += [p for p in (json.loads(line).get("content_original") or "").split("\n") if p.strip()]
    assert _compare(texts, load_pipeline()) > 100_000


def test_whole_parse_is_identical_and_the_swap_pickles(nlp, seed_text):
    import spacy

    stock = spacy.load(pipeline_name())
    paragraphs = EDGE_CASES + [p for p in seed_text.split("\n") if p.strip()]
    for a, b in zip(stock.pipe(paragraphs), nlp.pipe(paragraphs)):
        assert a.to_json() == b.to_json()
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
    again = pickle.loads(pickle.dumps(nlp))
    assert type(again.get_pipe("attribute_ruler")).__name__ == "IndexedAttributeRuler"
    assert [t.lemma_ for t in again("The mice were running.")] == ["the", "mouse", "be", "run", "."]
    assert len(nlp.to_bytes()) > 1_000_000  # still serialisable as a spaCy pipeline


def test_changed_rules_go_back_to_the_stock_matcher(monkeypatch):
    import spacy
    from spacy.pipeline import AttributeRuler

    from framing.fastpipes import speed_up

    nlp = speed_up(spacy.load(pipeline_name()))
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "kyiv"}]], {"LEMMA": "Kyiv"})
    assert type(ruler) is AttributeRuler
    assert nlp("Kyiv said so.")[0].lemma_ == "Kyiv"
    monkeypatch.setenv("FRAMING_STOCK_SPACY", "1")
    stock = speed_up(spacy.load(pipeline_name()))
    assert type(stock.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"


@pytest.mark.parametrize("spec", [{"ORTH": "x"}, {"LOWER": {"FUZZY": "x"}}, {"TAG": {"IS_SUBSET": ["NN"]}},
                                  {"LENGTH": {">=": 3}}, {"OP": "?", "LOWER": "x"}])
def test_rules_the_index_cannot_express_keep_the_stock_matcher(spec):
    from framing.fastpipes import _compile_token

    assert _compile_token(spec) is None


def test_a_doc_of_another_vocab_leaves_the_lemma_cache_usable(nlp):
    import spacy

    stock = spacy.load(pipeline_name())
    text = "Zorblaxes were gleeping the frumious quobbles."  # words new to both string stores
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
        foreign = stock(text)
    nlp.get_pipe("lemmatizer")(foreign)  # fills the shared cache from another Vocab
    own = nlp(text)
    assert [t.lemma_ for t in own] == [t.lemma_ for t in foreign] == [t.lemma_ for t in stock(text)]
