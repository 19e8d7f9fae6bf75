"""Target cues: how a sentence presents an actor through its role in an act.

On news a sentence-level model misses how a sentence presents an actor through its role
in an act (the news gold's ANNOTATION.md): "the war started by Russia" is negative
toward Russia whatever upbeat words stand nearby. :func:`target_cue` reads the actor's
place in a cue from the ``target_cues`` lexicon -- the agent of a harmful act, the one
blamed, accused or sanctioned (negative); the one praised, thanked or supported
(positive); a loaded label ("invaders", "regime") -- and
:func:`framing.sentiment.target.make_target_scorer` lets a negative or positive cue
decide the label. Where a cue puts the actor in an unevaluated place (the victim of an
attack, the one who criticises or thanks) it says "neutral" and the model decides: a
neutral override and a neutral band for peripheral mentions were measured to help on the
news gold but to lower NewsMTSC dev, so they are not applied (see the CHANGELOG).
"""
from __future__ import annotations

import re

from ..docmemo import text as doc_text
from .vader import tree_distance, vader

# What an actor "does" syntactically in a cue (see target_cue).
_AGENT_PREPS = {"by", "from"}
_TARGET_PREPS = {"on", "against", "upon", "at"}
_RECIPIENT_PREPS = {"for", "to", "with"}
_INTO_PREPS = {"in", "into"}  # after a harm noun: "interference in X", "incursion into X"
# What a possessor's harmed noun may be when the harm is a judgement of the possessor
# ("her credibility is shot"), not something done to it.
_STANDING = {"credibility", "reputation", "image", "record", "standing", "legitimacy", "name", "authority"}
# Peripheral places of a country or nationality mention (issue 8): the object of a
# preposition of place, relation or inclusion ("talks in Ukraine", "ties with Russia",
# "including China") or a noun-compound modifier ("the Russia investigation"). There a
# polar model label needs an evaluative word of its own polarity within
# SCOPE_ARCS dependency arcs of the mention, else it is sentence tone, not a judgement
# of the actor, and the label is neutral.
_PERIPHERAL_PREPS = {"in", "within", "between", "at", "near", "across", "throughout", "from", "to",
                     "with", "of", "into", "on", "over", "inside", "include"}
_PLACE_ENTS = {"GPE", "NORP"}
SCOPE_ARCS = 3


def cue_table(table) -> dict[tuple[str, str], str]:
    """``(lemma, "verb"|"noun") -> cue`` from the ``target_cues`` lexicon table."""
    return {(str(lemma).lower(), str(p).lower()): str(c).lower()
            for lemma, p, c in zip(table["lemma"], table["pos"], table["cue"])}


def _cue(cues, tok, pos: str) -> str | None:
    return cues.get((tok.lemma_.lower(), pos)) or cues.get((tok.lower_, pos))


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _started_harm(verb, cues) -> bool:
    """A starting verb whose object -- or the noun it modifies ("the war started by X") -- is a
    harm, or is aimed "against" someone ("launched an operation against Y")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        objects.append(verb.head)
    aimed = any(c.dep_ == "prep" and c.lower_ == "against" for o in (verb, *objects) for c in o.children)
    return aimed or any(_cue(cues, o, "noun") == "harm" for o in objects)


def _verb_cue(verb, cues) -> str | None:
    if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL for c in verb.children):
        return None  # only asked about or supposed: not presented as done
    cue = _cue(cues, verb, "verb")
    if cue == "begin":
        return "harm" if _started_harm(verb, cues) else None
    return cue


# What each cue says about its agent and its patient.
# "critic" (the one who blames or praises) and "victim" (the one harmed) are neutral places
# for target_cue; cue_detail keeps them apart (the scorer treats a victim as neutral).
_AS_AGENT = {"harm": "negative", "blame": "critic", "praise": "critic"}
_AS_PATIENT = {"harm": "victim", "blame": "negative", "praise": "positive"}
# Clause openers under which an act is only asked about or supposed ("whether X should attack").
_HYPOTHETICAL = {"whether", "if"}


def _climb(tok):
    """From a mention's head up through conjunctions, appositions and of-genitives of
    non-cue nouns ("the position of NATO member states" -> "position")."""
    for _ in range(6):
        if tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = tok.head
        else:
            break
    return tok


def target_cue(span, cues: dict[tuple[str, str], str]) -> str | None:
    """The label a cue word gives mention ``span``, or None when no cue applies.

    Example:
        >>> target_cue(doc[7:8], cues)   # "after the war started by Russia"  # doctest: +SKIP
        'negative'
    """
    detail = cue_detail(span, cues)
    return "neutral" if detail in ("critic", "victim") else detail


def cue_detail(span, cues: dict[tuple[str, str], str]) -> str | None:
    """As :func:`target_cue`, but telling the two neutral places apart: ``"victim"`` (the
    one a harmful act is done to: "aggression against Ukraine", "attacked Ukraine") and
    ``"critic"`` (the one who blames or praises).

    Example:
        >>> cue_detail(doc[7:8], cues)   # "the aggression of Russia against Ukraine"  # doctest: +SKIP
        'victim'
    """
    from ..features.agency import head_token

    if any(_cue(cues, t, "noun") == "loaded" for t in span if t.pos_ in ("NOUN", "PROPN")):
        return "negative"  # "Russian invaders", "the occupiers"
    tok = _climb(head_token(span))
    for _ in range(4):
        head, dep = tok.head, tok.dep_
        if head is tok:
            return None
        if not (dep in ("poss", "amod", "compound", "nmod") and head.pos_ in ("NOUN", "PROPN")):
            break
        cue = _cue(cues, head, "noun")
        if cue == "loaded":
            return "negative"  # "the Putin regime", "Kiev junta"
        if cue in _AS_AGENT and dep != "compound":
            return None if _negated(head) else _AS_AGENT[cue]  # "Russia's aggression", "US support"
        if cue is not None:
            return None
        tok = _climb(head)  # "NATO member states", "Russia's troops": read the whole noun phrase
    head, dep = tok.head, tok.dep_
    if dep == "nsubj" and _is_verb(head):
        if head.lemma_ == "be":
            attr = next((c for c in head.children if c.dep_ == "attr"), None)
            if attr is not None and _cue(cues, attr, "noun") in ("loaded", "harm") and not _negated(head):
                return "negative"  # "X is an aggressor", "X is the biggest threat to peace"
            return None
        cue = _verb_cue(head, cues)
        return None if cue is None or _negated(head) else _AS_AGENT[cue]
    if dep == "nsubjpass" and _is_verb(head):
        cue = _verb_cue(head, cues)
        return None if cue is None or _negated(head) else _AS_PATIENT[cue]
    if dep in ("dobj", "obj", "dative") and _is_verb(head):
        cue = _verb_cue(head, cues)
        return None if cue is None or _negated(head) else _AS_PATIENT[cue]
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        return _prepositional_cue(tok, head, cues)
    return None


def _prepositional_cue(tok, prep, cues) -> str | None:
    """Cues reached through a preposition: by-agents, "threats from X", "aggression of X
    against Y", "sanctions on X", "support for X", "thanked ... for the position of X"."""
    word, gov = prep.lower_, prep.head
    if prep.dep_ == "agent" or (word == "by" and _is_verb(gov)):
        cue = _verb_cue(gov, cues)
        return None if cue is None or _negated(gov) else _AS_AGENT[cue]
    if word == "with" and _is_verb(gov) and _verb_cue(gov, cues) == "harm" and not _negated(gov):
        return "negative"  # "colluded with X": a partner in the act shares it
    if gov.pos_ in ("NOUN", "PROPN"):
        cue = _cue(cues, gov, "noun")
        if cue is None or cue == "loaded":
            outer = gov.head if gov.dep_ == "pobj" and gov.head.dep_ == "prep" else None
            if outer is not None and word == "of":
                return _prepositional_cue(gov, outer, cues)  # "the position of X" inside a cue
            if outer is not None and word in _TARGET_PREPS and outer.lower_ == "of" \
                    and _cue(cues, outer.head, "noun") == "harm":
                return "victim"  # "aggression of X against Y" parsed with "against Y" under X
            return None
        if word in _AGENT_PREPS or (word == "between" and cue == "harm"):
            return _AS_AGENT.get(cue)  # "threats from X", "collusion between X and Y"
        if word == "of":
            targets = [c for t in (gov, tok) for c in t.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS]
            if cue == "harm" and targets:
                return "negative"  # "aggression of X against Y": X is the agent
            return _AS_PATIENT.get(cue)  # "the invasion of Y" (victim)
        if word in _TARGET_PREPS or (cue == "harm" and word in _INTO_PREPS):
            return _AS_PATIENT.get(cue)  # "sanctions on X", "attacks on X", "interference in X" (victim)
        if word in _RECIPIENT_PREPS and cue == "praise":
            return "positive"  # "support for X", "gratitude to X"
        return None
    if _is_verb(gov) and word == "for" and _cue(cues, gov, "verb") == "praise" and not _negated(gov):
        return "positive"  # "thanked X for ...": what it is thanked for is presented positively
    return None


def peripheral_place(span) -> bool:
    """True when ``span`` names a country or nationality in a peripheral place: the object of
    a preposition of place/relation/inclusion or a noun-compound modifier (see
    ``_PERIPHERAL_PREPS``), after climbing conjunctions and appositions.

    Example:
        >>> peripheral_place(doc[4:5])   # "Talks were held in Ukraine."   # doctest: +SKIP
        True
    """
    from ..features.agency import head_token

    if span.root.ent_type_ not in _PLACE_ENTS:
        return False
    tok = _climb(head_token(span))
    if tok.dep_ == "compound":
        return True
    return tok.dep_ == "pobj" and tok.head.lemma_.lower() in _PERIPHERAL_PREPS


# Nouns of a situation that a place name before them only locates ("the Ukraine crisis",
# "the Syria conflict"): what the sentence says of the crisis is not said of the country.
_SITUATION_NOUNS = frozenset("crisis war conflict fighting violence turmoil unrest standoff stalemate".split())


def situation_place(span) -> bool:
    """True when mention ``span`` (a country, or a proper name) is the noun-compound
    modifier of a situation noun (:data:`_SITUATION_NOUNS`), alone or in a pair: "the
    Ukraine crisis", "the Russia-Ukraine conflict", "the US-China trade war". Not "the
    Russia threat" or "the Russia investigation" (left to the scope rule).

    Example:
        >>> situation_place(doc[1:2])   # "The Ukraine crisis dragged on."   # doctest: +SKIP
        True
    """
    from ..features.agency import head_token

    tok = _climb(head_token(span))
    if span.root.ent_type_ not in _PLACE_ENTS and tok.pos_ != "PROPN":
        return False
    for _ in range(3):  # "the Russia-Ukraine conflict": Russia hangs on Ukraine, Ukraine on the conflict
        if not (tok.dep_ in ("compound", "nmod") and tok.head.pos_ == "PROPN" and tok.head.i > tok.i):
            break
        tok = tok.head
    return tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in _SITUATION_NOUNS


def linked_valence(span, sign: int, *, arcs: int = SCOPE_ARCS) -> bool:
    """True when a VADER word of polarity ``sign`` (+1/-1) outside ``span`` lies within
    ``arcs`` dependency arcs of the mention's root: an evaluation syntactically tied to it."""
    lexicon, root = vader().lexicon, span.root
    for tok in span.sent:
        valence = lexicon.get(tok.lower_)
        if valence is None or span.start <= tok.i < span.end or valence * sign <= 0:
            continue
        if tree_distance(root, tok) <= arcs:
            return True
    return False


# Verbs that report speech without evaluating it (issue 8): their subject is the speaker,
# and what is said ("X said the sanctions are hitting ...") is not a judgement of X.
# "claim" is left out: it distances ("as Moscow claims"), and so are verbs that are
# evaluative acts themselves (criticise, blame, praise: the target_cues lexicon).
SPEECH_VERBS = frozenset(
    "say tell state report announce declare note add explain stress emphasize emphasise insist argue confirm "
    "deny acknowledge write testify reaffirm reiterate assure mention answer reply respond assert recall "
    "remark comment observe speak inform suggest believe think".split())
# Verbs of urging (rules version 8): their subject asks others to act ("China urged the
# parties to show restraint", "Kyiv called for tougher sanctions"); who is asked and what
# they are asked to do are the content, as with a speech verb.
URGE_VERBS = frozenset("urge call ask appeal encourage advise".split())
_URGED = ("xcomp", "dobj", "prep")
# Children of a speech verb that carry what is said: a reported clause, a parenthetical
# clause, and the topic of speaking ("spoke about", "commented on").
_SPEECH_CONTENT = ("ccomp", "parataxis")
_SPEECH_TOPIC_PREPS = ("about", "on")
# A mention modifying the speaker ("the Chinese side", "Russian officials", "Ukraine's envoy").
_AFFILIATION = ("amod", "compound", "poss", "nmod")


def speech_content(span) -> set[int] | None:
    """Token indices of what mention ``span`` is reported to say, when it is only the
    speaker; else None. A speaker is the subject of a speech verb (:data:`SPEECH_VERBS`;
    its reported clause, parenthetical and "about ..." topic are the content, and so is
    the rest of the sentence when the speech verb is itself a parenthetical: "..., Lavrov
    said."), the source of "according to X" (the rest of the sentence), a speaker label
    ("President Putin: Colleagues, ...": all after the colon), or a modifier of any of these
    ("the Chinese side stressed", "Russian officials said"). The subject of a verb of
    urging (:data:`URGE_VERBS`) is a speaker too: who is urged, to do what, is the content.

    Example:
        >>> sorted(speech_content(doc[0:1]))[:2]   # "Lavrov said the talks failed."  # doctest: +SKIP
        [2, 3]
    """
    from ..features.agency import head_token

    sent, doc = span.sent, span.doc
    if span.end < sent.end and doc[span.end].text == ":":
        return set(range(span.end, sent.end))
    tok = _climb(head_token(span))
    if tok.dep_ in _AFFILIATION and tok.head.dep_ in ("nsubj", "pobj"):
        tok = tok.head  # "the Chinese side stressed", "according to Russian officials": the speaker's side
    source = _according_to(tok)
    if source is not None:  # "According to X, ...": the rest of the sentence is what X says
        own = {t.i for t in source.subtree}
        return {t.i for t in sent if t.i not in own}
    verb = tok.head
    urging = verb.lemma_.lower() in URGE_VERBS
    if tok.dep_ != "nsubj" or verb is tok or (verb.lemma_.lower() not in SPEECH_VERBS and not urging):
        return None
    content: set[int] = set()
    for child in verb.children:
        if child.i != tok.i and (child.dep_ in _SPEECH_CONTENT or (urging and child.dep_ in _URGED)
                                 or (child.dep_ == "prep" and child.lower_ in _SPEECH_TOPIC_PREPS)):
            content.update(t.i for t in child.subtree)
    if verb.dep_ != "ROOT":  # "..., X said": the sentence around the parenthetical is what X said
        own = {t.i for t in verb.subtree}
        content.update(t.i for t in sent if t.i not in own)
    return content


def _according_to(tok):
    """The "according" of "according to X" when ``tok`` is X, else None."""
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ == "according":
        return prep.head
    return None


def valence_outside(span, sign: int, skip: set[int]) -> bool:
    """True when a VADER word of polarity ``sign`` (+1/-1) stands in the sentence outside the
    mention and outside the token indices ``skip``."""
    lexicon = vader().lexicon
    for tok in span.sent:
        valence = lexicon.get(tok.lower_)
        if valence and valence * sign > 0 and not span.start <= tok.i < span.end and tok.i not in skip:
            return True
    return False


def direct_victim(span) -> bool:
    """True when mention ``span`` itself (not a possessor of another noun: "her credibility
    is shot") is the one a harmful act is done to and the act is physical rather than
    verbal: the object of an act noun ("aggression against Ukraine", "genocide of the
    Ukrainian people") or a state or people as the object of a harm verb ("attacking
    Ukraine"). A person "attacked" by a verb may be criticised in words: the model decides."""
    from ..features.agency import head_token

    tok = _climb(head_token(span))
    if tok.dep_ == "poss":
        # "interference in China's internal affairs", "violated Ukraine's sovereignty": a
        # state whose territory, affairs or security is harmed; a harmed reputation is not.
        return span.root.ent_type_ in _PLACE_ENTS and tok.head.lemma_.lower() not in _STANDING
    return tok.head.pos_ == "NOUN" or tok.head.dep_ == "prep" or span.root.ent_type_ in _PLACE_ENTS


# Link strips (issue 8): some outlets' pages (The Hill) follow a name with a hover card
# that the text extraction keeps inline -- the person's full name, glued to headlines of
# related stories, closed by "MORE": "Sens. John McCain John Sidney McCainDemocrats cry
# wolf on ... MORE (Ariz.)". That text is navigation, not what the article says about
# anyone: a mention inside it carries no evaluation. The strip starts at a word glued to
# the next one ("McCainDemocrats": a lower-case letter then a capital, after two or more
# characters) or at the second copy of a repeated name ("Joe Biden Joe Biden Parnas: ...");
# it is sought at most STRIP_TOKENS tokens before the closing "MORE".
STRIP_CLOSER = "MORE"
STRIP_TOKENS = 80
_GLUED = re.compile(r"^\w{2,}[a-z][A-Z]")


def link_strips(doc) -> list[tuple[int, int]]:
    """Token ranges ``(first, last)`` (inclusive) of the link strips in ``doc`` (see above).

    Memoised on the Doc (plain indices). A "MORE" with no glued word or repeated name
    before it (an ordinary all-caps word) opens no strip.

    Example:
        >>> link_strips(nlp("Sen. Ann Lee Ann LeeVoters rally MORE (Ohio) spoke."))   # doctest: +SKIP
        [(5, 8)]
    """
    memo = doc.user_data.get(("framing", "link_strips"))
    if memo is not None:
        return memo
    strips = []
    for closer in doc if STRIP_CLOSER in doc_text(doc) else ():  # most paragraphs have no closer
        if closer.text != STRIP_CLOSER or closer.i == 0:
            continue
        start = None
        for i in range(closer.i - 1, max(0, closer.i - STRIP_TOKENS) - 1, -1):
            if _GLUED.match(doc[i].text) or _repeated_name_at(doc, i, closer.i):
                start = i
        if start is not None:
            strips.append((start, closer.i))
    doc.user_data[("framing", "link_strips")] = strips
    return strips


def _repeated_name_at(doc, i: int, stop: int) -> bool:
    """True when the capitalised words from ``i`` repeat the 1-3 words just before it."""
    if not doc[i].text[:1].isupper():
        return False
    for k in (1, 2, 3):
        if i - k >= 0 and i + k <= stop and all(doc[i - k + j].text == doc[i + j].text for j in range(k)):
            return True
    return False


def in_link_strip(span) -> bool:
    """True when mention ``span`` stands inside a link strip (:func:`link_strips`)."""
    return any(first <= span.root.i <= last for first, last in link_strips(span.doc))
