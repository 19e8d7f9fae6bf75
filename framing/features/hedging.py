"""Hedging: hedges, boosters and attribution cues per paragraph (after Hyland 2005).

Cues come from the ``hedges`` lexicon. Each cue is a word or phrase matched on the
lower-cased text or the lemma of each token, then filtered by the lexicon's ``pos``
(a Penn tag such as ``MD`` or a coarse POS such as ``VERB``, on the first token)
and ``context`` rules, which are what make the detector usable on news:

* ``aux``: a modal counts only as the auxiliary of a bare infinitive ("could reach",
  "would have worked"); "In May 2024" is a month, "he'd already gone" is "had";
* ``not_negated``: "could not" / "cannot" is negated ability, not a hedge;
* ``not_reported``: "said it would open" is future-in-the-past, not a hedge;
* ``before_number``: "about", "around", "some" only as approximators ("about 40");
* ``predicative``: "it is possible that", not "the best possible";
* ``with_clause`` / ``with_object``: "appears to be", "suggests that",
  "demonstrated its resolve" — not "appeared at the summit", "protesters demonstrated";
* ``with_subject`` / ``reporting``: attribution needs a speaker ("X said"; "X noted that");
* ``not_before_of``: "in part because", not "in part of the country" or "reads, in part:";
* ``not_polite`` / ``not_conditional``: "I would like to note" is a politeness formula and
  "if he asked, it would be a crime" the conditional mood, not hedges;
* ``not_inverted``: a modal before its subject is a question or a wish ("Could the
  threshold really be ...?", "may God ..."), not a hedge;
* ``not_concessive``: "Trump may be proud of it, but ..." concedes, it does not hedge;
* ``possible_sense``: "any possible ties", "it is possible that" -- not "it will be
  possible to obtain" (ability) or "as soon as possible";
* ``first_person`` / ``others``: "I believe", "we think" hedge; "supporters think" is
  someone else's claim (attribution); ``passive``: "is expected to";
* ``human_subject`` / ``nonhuman_subject``: "the figures suggest that" hedges, "the
  Russians have suggested it might be time" attributes;
* ``verbal``: a verb used as a verb, with or without its own subject ("noting",
  "saying", "was noted"); ``with_as``: "described the call as ...". An attribution verb
  in an infinitive or modal form or negated is no claim ("I would like to note", "will
  emphasize", "agreed to announce", "I'm not saying");
* ``document_subject``: "the message reads: ..."; ``emphatic``: "he *did* say";
* ``for_object``: "the potential for", not "military potential"; ``negated``: "we do not know".

Obligation and advice (*should, must, have to*) are not hedges. A booster in the scope
of a negation is a hedge ("not necessarily", "I'm not saying it will definitely
happen"); *never* and *always* are boosters as emphasis.

Matching is leftmost-longest without overlaps. Per paragraph the feature gives raw
counts; rates per 100 words are computed downstream from ``n_words``.
"""
from __future__ import annotations

from typing import Any, Callable

from ..language import drop_other_language, other_language_spans
from ..measures import Measure
from . import Context, register

CATEGORIES = ("hedge", "booster", "attribution")
SUMMARY = {"hedge": "hedges", "booster": "boosters", "attribution": "attributions"}
NEGATIONS = {"not", "n't", "nt", "never"}
CURRENCY = {"$", "us$", "usd", "€", "£", "¥", "rmb", "eur"}
CLAUSE_DEPS = {"ccomp", "xcomp", "acomp", "oprd"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
FIRST_PERSON = {"i", "we"}
NOT_SPEAKERS = {"i", "we", "you", "it", "this", "that", "which"}
POLITE_HEADS = {"like", "love", "prefer", "wish", "ask", "rather", "welcome", "appreciate"}
CONCESSIVE = {"but", "yet", "however", "though", "although", "nevertheless", "still"}  # opening a sentence
CONCESSIVE_LINKS = {"but", "however", "though", "although", "nevertheless"}  # inside one
DOCUMENTS = {"message", "letter", "statement", "text", "telegram", "note", "document", "report",
             "inscription", "sign", "post", "tweet", "resolution", "decree", "order", "headline",
             "caption", "communique", "communiqué", "card", "banner", "placard", "verdict", "ruling",
             "declaration", "address", "greeting", "greetings", "appeal", "petition", "memo"}
# Clause links a negation reaches down through ("not saying it will definitely happen").
SCOPE_DEPS = {"ccomp", "xcomp", "acomp", "advmod", "attr", "oprd", "amod", "npadvmod", "prep", "pobj", "dobj",
              "aux", "auxpass", "nsubj", "nsubjpass"}
# Boosters that are themselves negative, so negation does not turn them into hedges.
SELF_NEGATIVE = {"never", "no doubt", "without doubt", "without a doubt", "beyond doubt", "who can doubt"}
HUMAN_ENTS = {"PERSON", "NORP", "ORG", "GPE"}


def _has_subject(tok) -> bool:
    # A conjoined verb shares its head's subject: "he stood up and said ...".
    if any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return True
    return tok.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in tok.head.children)


def _before_number(doc, end: int) -> bool:
    j = end
    while j < len(doc) and doc[j].lower_ in CURRENCY:
        j += 1
    return j < len(doc) and (doc[j].like_num or doc[j].tag_ == "CD")


def _modal_aux(tok) -> bool:
    # A modal governs a bare infinitive ("could reach", "would have worked"); this rules
    # out "May" the month and "'d" = "had" ("he'd already used it").
    head = tok.head
    if tok.dep_ not in ("aux", "auxpass") or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return False
    return head.tag_ == "VB" or any(c.tag_ == "VB" and c.dep_ in ("aux", "auxpass") for c in head.children)


def _negated(doc, end: int) -> bool:
    # "could not" negates; "could not only ..." does not.
    if end >= len(doc) or doc[end].lower_ not in NEGATIONS:
        return False
    return not (end + 1 < len(doc) and doc[end + 1].lower_ == "only")


def _subject(tok):
    subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
    if not subj and tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
        subj = [c for c in tok.head.children if c.dep_ in SUBJECT_DEPS]
    return subj[0] if subj else None


def _is_human(tok) -> bool:
    if tok is None:
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that", "which")
    return tok.ent_type_ in HUMAN_ENTS or tok.pos_ == "PROPN"


def _inverted(tok) -> bool:
    # The modal stands before its clause's subject: a question or a wish.
    subj = _subject(tok.head) if tok.head.i != tok.i else None
    return subj is not None and subj.i > tok.i


def _conditional(tok) -> bool:
    sent = tok.sent
    if any(t.lower_ in ("if", "unless") for t in sent):
        return True
    first = next((t for t in sent if not t.is_punct), sent[0])
    return first.lower_ in ("were", "had", "should") and first.i < tok.i


def _concessive(doc, tok) -> bool:
    # "X may be proud of it, but ...": a contrast joined to the modal's own clause, or a
    # next sentence opening with one ("... may be proud. But ...").
    sent, head = tok.sent, tok.head
    if any(t.lower_ in CONCESSIVE_LINKS and t.i > tok.i and head in (t.head, t.head.head) for t in sent):
        return not any(t.lower_ == "only" and t.i > tok.i for t in sent)  # "may not only ... but"
    nxt = sent.end
    while nxt < len(doc) and doc[nxt].is_punct:
        nxt += 1
    return nxt < len(doc) and doc[nxt].lower_ in CONCESSIVE and doc[nxt].i == doc[nxt].sent.start


def _possible_sense(tok) -> bool:
    prev = tok.nbor(-1) if tok.i > tok.sent.start else None
    if prev is not None and (prev.lower_ in ("as", "all", "everything", "anything") or prev.tag_ == "JJS"
                             or prev.lower_ in ("best", "worst", "greatest", "highest", "lowest", "maximum")):
        return False
    if tok.dep_ == "amod":
        return True
    if tok.dep_ in ("acomp", "attr", "oprd"):
        return not any(c.dep_ == "xcomp" for c in list(tok.children) + list(tok.head.children))
    return False


def _negation_scope(doc, i: int) -> bool:
    """A negation before token ``i`` governs it (directly or through complement clauses)."""
    tok = doc[i]
    if i > tok.sent.start and doc[i - 1].lower_ in NEGATIONS:
        return True
    t, hops = tok, 0
    while hops < 4 and t.head.i != t.i:
        head = t.head
        if any(c.dep_ == "neg" and c.i < tok.i for c in head.children):
            return True
        if t.dep_ not in SCOPE_DEPS:
            break
        t, hops = head, hops + 1
    return False


def _emphatic(doc, s) -> bool:
    tok = doc[s]
    head = tok.head
    if tok.dep_ != "aux" or head.tag_ != "VB" or head.i <= tok.i or _negated(doc, s + 1):
        return False
    if any(c.dep_ == "neg" for c in head.children) or _inverted(tok):
        return False
    if s > 0 and doc[s - 1].lower_ in ("so", "nor", "neither", "why", "how", "what", "where", "when", "not"):
        return False
    return not any(t.text == "?" for t in tok.sent)


def _claim_made(tok) -> bool:
    """A reporting verb that reports a claim: not an infinitive or modal form ("would like
    to note", "will emphasize", "agreed to announce"), not negated ("I'm not saying") and
    not asked ("Did he say ...?")."""
    if any(c.dep_ == "neg" for c in tok.children):
        return False
    subj = _subject(tok)
    if subj is not None and any(c.dep_ == "aux" and c.i < subj.i for c in tok.children):
        return False  # a question: "Did the envoy say that ...?"
    if tok.tag_ == "VB" and (tok.dep_ == "xcomp" or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "TO") for c in tok.children)):
        return False
    return True


def _context_rules(reporting_verbs: set[str]) -> dict[str, Callable]:
    """Rule name -> check(doc, start, end) over the matched token range."""
    def not_reported(doc, s, e):
        # Up through coordinated and complement clauses to a reporting verb:
        # "said that Assad would stay on", "promised senators that he would refuse".
        t = doc[s].head
        for _ in range(3):
            if t.dep_ not in ("ccomp", "conj", "xcomp") or t.head.i == t.i:
                return True
            t = t.head
            if t.lemma_.lower() in reporting_verbs or t.lemma_.lower() in ("think", "believe", "promise"):
                return False
        return True

    def reporting(doc, s, e):
        tok = doc[s]
        return (tok.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in tok.children)
                or (e < len(doc) and doc[e].text in (":", "“", '"')))

    def first_person(doc, s, e):
        tok = doc[s]
        if tok.tag_ == "VBN" and any(c.dep_ in ("auxpass", "xcomp") for c in tok.children):
            return True  # "is thought to", "forces, believed to include"
        subj = _subject(tok)
        return subj is not None and subj.lower_ in FIRST_PERSON and tok.tag_ in ("VBP", "VB", "VBZ")

    def others(doc, s, e):
        subj = _subject(doc[s])
        return (subj is not None and subj.lower_ not in NOT_SPEAKERS and subj.pos_ in ("NOUN", "PROPN", "PRON")
                and reporting(doc, s, e))

    return {
        "aux": lambda doc, s, e: _modal_aux(doc[s]),
        "not_negated": lambda doc, s, e: not _negated(doc, e),
        "not_reported": not_reported,
        "not_polite": lambda doc, s, e: doc[s].head.lemma_.lower() not in POLITE_HEADS,
        "not_conditional": lambda doc, s, e: not _conditional(doc[s]),
        "not_inverted": lambda doc, s, e: not _inverted(doc[s]),
        "not_concessive": lambda doc, s, e: not _concessive(doc, doc[s]),
        "before_number": lambda doc, s, e: _before_number(doc, e) or (
            e + 1 < len(doc) and doc[e].lower_ == "the" and doc[e + 1].lower_ in ("time", "same")),
        "predicative": lambda doc, s, e: doc[s].dep_ in ("acomp", "attr", "oprd"),
        "possible_sense": lambda doc, s, e: _possible_sense(doc[s]),
        "with_clause": lambda doc, s, e: any(c.dep_ in CLAUSE_DEPS for c in doc[s].children),
        "with_object": lambda doc, s, e: any(c.dep_ in CLAUSE_DEPS | {"dobj"} for c in doc[s].children),
        "with_subject": lambda doc, s, e: _has_subject(doc[s]),
        "reporting": reporting,
        "not_before_of": lambda doc, s, e: not (e < len(doc) and doc[e].lower_ in ("of", ":")) and not (
            s > 0 and doc[s - 1].text == ","),
        "first_person": first_person,
        "others": others,
        "passive": lambda doc, s, e: any(c.dep_ == "auxpass" for c in doc[s].children),
        "human_subject": lambda doc, s, e: _is_human(_subject(doc[s])) and _subject(doc[s]).lower_ not in FIRST_PERSON,
        "nonhuman_subject": lambda doc, s, e: _subject(doc[s]) is not None and not _is_human(_subject(doc[s])),
        "verbal": lambda doc, s, e: doc[s].pos_ in ("VERB", "AUX") and doc[s].dep_ not in ("amod", "compound"),
        "with_as": lambda doc, s, e: any(t.lower_ == "as" for t in doc[s].subtree if t.i > s),
        "negated": lambda doc, s, e: any(c.dep_ == "neg" for c in doc[s].children),
        "document_subject": lambda doc, s, e: (_subject(doc[s]) is not None and _subject(doc[s]).lemma_.lower()
                                               in DOCUMENTS) or (e < len(doc) and doc[e].text in (":", ",")),
        "emphatic": lambda doc, s, e: _emphatic(doc, s),
        "for_object": lambda doc, s, e: doc[s].pos_ == "ADJ" or (e < len(doc) and doc[e].lower_ == "for"),
        "not_negated_scope": lambda doc, s, e: not _negation_scope(doc, s),
    }


def build_cues(table) -> tuple[dict[str, list[dict]], dict[str, Callable]]:
    """Index cues by first word (longest cue first) and build the context rules.

    Args:
        table: the ``hedges`` lexicon DataFrame (cue, category, pos, context).

    Returns:
        ``(index, rules)``; an unknown context name raises ``ValueError`` at set-up.
    """
    rows = [r for r in table.to_dict("records") if r["category"] in CATEGORIES]
    reporting = {r["cue"].lower() for r in rows if r["category"] == "attribution" and " " not in r["cue"]}
    rules = _context_rules(reporting)
    index: dict[str, list[dict]] = {}
    for order, row in enumerate(rows):
        words = tuple(row["cue"].lower().split())
        context = tuple(c.strip() for c in (row.get("context") or "").split(";") if c.strip())
        unknown = [c for c in context if c not in rules]
        if unknown:
            raise ValueError(f"hedges lexicon: cue '{row['cue']}' has unknown context {unknown}; "
                             f"known: {sorted(rules)}")
        pos = {p.strip() for p in (row.get("pos") or "").split("|") if p.strip()}
        index.setdefault(words[0], []).append({"cue": row["cue"].lower(), "category": row["category"],
                                               "words": words, "pos": pos, "context": context,
                                               "order": order})
    for entries in index.values():
        entries.sort(key=lambda x: (-len(x["words"]), x["order"]))
    return index, rules


INFLECTIONS = ("s", "es", "d", "ed", "ing")


def _same(tok, word: str) -> bool:
    # The lemmatiser sometimes keeps an inflected form ("seemed" as an AUX): accept regular
    # inflections of a single-word verb cue.
    low = tok.lower_
    return low == word or tok.lemma_.lower() == word or (
        len(word) > 3 and tok.pos_ in ("VERB", "AUX") and any(low == word + x for x in INFLECTIONS))


def _accepts(doc, i: int, entry: dict, rules) -> bool:
    end = i + len(entry["words"])
    if end > len(doc) or not all(_same(doc[i + k], w) for k, w in enumerate(entry["words"])):
        return False
    if entry["pos"] and not (doc[i].tag_ in entry["pos"] or doc[i].pos_ in entry["pos"]):
        return False
    if entry["category"] == "attribution" and not _claim_made(doc[i]):
        return False
    return all(rules[name](doc, i, end) for name in entry["context"])


def find_cues(doc, index, rules) -> list[dict]:
    """Leftmost-longest cue matches in ``doc``: dicts with cue, category, start, end."""
    base = doc[0].idx if len(doc) else 0
    rows, i = [], 0
    while i < len(doc):
        tok = doc[i]
        candidates = index.get(tok.lower_, []) + index.get(tok.lemma_.lower(), [])
        if tok.pos_ in ("VERB", "AUX"):
            candidates += [c for x in INFLECTIONS if tok.lower_.endswith(x)
                           for c in index.get(tok.lower_[:-len(x)], []) if c not in candidates]
        if not candidates:  # most tokens: nothing to sort or check
            i += 1
            continue
        candidates.sort(key=lambda x: (-len(x["words"]), x["order"]))
        hit = next((e for e in candidates if _accepts(doc, i, e, rules)), None)
        if hit is None:
            i += 1
            continue
        last = doc[i + len(hit["words"]) - 1]
        category = hit["category"]
        if category == "booster" and hit["cue"] not in SELF_NEGATIVE and _negation_scope(doc, i):
            category = "hedge"  # "not necessarily", "not saying it will definitely happen"
        rows.append({"cue": hit["cue"], "category": category,
                     "start": tok.idx - base, "end": last.idx + len(last.text) - base})
        i += len(hit["words"])
    return rows


@register("hedging", version="2.1", table="cues",
          columns=("cue", "category", "start", "end"),
          paragraph_columns=("hedges", "boosters", "attributions"),
          lexicons=("hedges",),
          measures=(
              Measure("hedges_per_100w", "rate", "certainty", "hedges", "hedges per 100 words",
                      column="hedges", rank=10, strip="hedges"),
              Measure("boosters_per_100w", "rate", "certainty", "boosters", "boosters per 100 words",
                      column="boosters", rank=11, strip="boosters"),
              Measure("attributions_per_100w", "rate", "certainty", "attributions",
                      "attribution markers per 100 words", column="attributions", rank=12, strip="attrib.")),
          glossary=(
              ("hedge", "a word that weakens commitment to a claim (may, reportedly, about)."),
              ("booster", "a word that strengthens commitment (clearly, in fact, undoubtedly)."),
              ("attribution", "a marker that a claim comes from someone else (according to, said).")))
def make_hedging(ctx: Context) -> Callable[[Any], tuple[list, dict]]:
    """Factory of the hedging feature.

    Returns:
        ``fn(doc) -> (rows, summary)``: one row per cue (cue as in the lexicon,
        category, start, end: character offsets in the paragraph) and the counts
        ``hedges``, ``boosters``, ``attributions``.

    Example:
        >>> fn = make_hedging(Context(nlp, LexiconSet()))           # doctest: +SKIP
        >>> fn(nlp("Supply could reach 4 bcm, officials said."))[1]  # doctest: +SKIP
        {'hedges': 1, 'boosters': 0, 'attributions': 1}
    """
    index, rules = build_cues(ctx.lexicon("hedges").table)

    def hedging(doc) -> tuple[list, dict]:
        rows = drop_other_language(find_cues(doc, index, rules), other_language_spans(doc))
        summary = {SUMMARY[c]: sum(r["category"] == c for r in rows) for c in CATEGORIES}
        return rows, summary

    return hedging
