"""Agency: the role an actor mention plays in its clause, read off the dependency parse.

For a mention span we return ``Agency(role, voice, verb)``:

* ``role``: ``agent`` (subject of an active verb, the *by*-agent of a passive, the
  possessor/modifier of a nominalised act), ``patient`` (object, subject of a passive,
  of-genitive of a nominalised act) or ``other``.
* ``voice``: ``active`` | ``passive`` (a *by*-agent is present) | ``agentless_passive``
  | ``nominal`` ("Western attempts to hinder", "Russia's invasion") | ``none`` (role other).
* ``verb``: lemma of the governing predicate ("" when there is none).

Rules, in order (each a small function below):

1. Climb from the mention's root through coordination (``conj`` -> first conjunct, so
   "the U.S. and its allies withdrew" makes both agents), appositions, and nominal
   modifiers (``poss``/``amod``/``compound``/``nmod``: "Western sanctions", "Russia's
   cooperation" inherit the role of the noun they modify). A modified noun with an
   infinitival ``acl`` ("attempts to hinder") makes the mention a nominal agent of that
   verb. An of-genitive ("the borders of Tajikistan") climbs too, unless the noun is an
   event nominal ("the invasion of Ukraine": nominal patient).
2. The clause role of the noun reached: nsubj -> agent; nsubjpass -> patient; by-agent
   -> agent (passive); dobj/dative -> patient; pobj of a verb's preposition -> other.
3. Controllers: an active subject's verb is replaced by the *deepest* content verb along
   subject-control ``xcomp`` chains and "take measures/steps to VERB" (``dobj`` + infinitival
   ``acl``), so "Russia began taking measures to close U.S. facilities" gives Russia agent of
   *close*. We stop at a verb with its own object (object control: "forced X to sell") and
   at passive complements. A passive subject keeps the passive verb ("banks were forced to
   sell": patient of *force*), since that is where its patienthood is stated. A subject whose
   chain ends in a passive complement ("X began to be seen as ...") is that passive's patient.
4. A relative-clause antecedent with no clause role of its own takes the role of the
   relative pronoun ("the country that closed the base": agent of *close*).
5. A modifier of an event noun that has no clause role ("under Western pressure",
   "thanks to Russia's efforts") is a nominal agent; the verb is the lexicon verb the noun
   names ("pressure", "attempt").

Repairs for frequent en_core_web_sm misparses: (a) "to gradually close U.S. facilities"
as ``amod``(close -> facilities): a VERB ``amod`` with an infinitival ``to`` before its head
noun is read as that noun's governing verb; (b) "threatened with sanctions by Washington"
with the *by*-phrase hung on the noun: a *by*-phrase whose nearest verb ancestor is a
passive without its own agent is read as that passive's agent.

Example:
    >>> doc = nlp("Kyrgyzstan closed the U.S. base.")      # doctest: +SKIP
    >>> analyse(doc[0:1])                                   # doctest: +SKIP
    Agency(role='agent', voice='active', verb='close')
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from spacy.tokens import Span, Token

from ..actor_usage import ACTOR_NOUNS

MODIFIERS = {"poss", "amod", "compound", "nmod"}
# Subjects of these verbs are in a state, not acting ("Russia is the largest country",
# "Trump may be proud", "Zelenskyy remains in the capital"): role other (ANNOTATION.md).
STATE_VERBS = {"be", "seem", "remain", "become", "appear", "have", "stay", "live", "look", "sound", "feel",
               # states of mind are no acts either: "Ukraine remembers", "Trump does not deserve"
               "know", "remember", "believe", "think", "want", "hope", "fear", "deserve",
               "like", "love", "hate", "need"}
# Subjects of these undergo: "Russia is experiencing a heat wave" (patient).
UNDERGO_VERBS = {"experience", "suffer", "undergo", "endure", "face", "receive", "lose"}
# Objects that make *have* an act: "had a phone conversation", "had talks".
HAD_ACTS = {"conversation", "talk", "talks", "meeting", "call", "discussion", "negotiation", "exchange"}
# Verbs whose "to X" names the receiver of the act ("gave aid to Ukraine"): X is a patient.
TRANSFER_VERBS = {"give", "hand", "send", "deliver", "provide", "supply", "sell", "transfer", "offer",
                  "grant", "lend", "pass", "return", "extradite", "donate", "ship", "export"}
# Act nouns beyond the agency lexicon's nominals, for "X's tactics", "Russian propaganda".
ACT_NOUNS = {"tactic", "tactics", "action", "actions", "propaganda", "pullout", "collusion", "call",
             "step", "steps", "aggression", "provocation", "campaign", "offensive", "operation",
             "statement", "statements", "threat", "threats", "de-escalation", "escalation", "effort",
             "comment", "comments", "remark", "remarks", "version", "effect", "effects", "approach",
             "move", "moves", "achievement", "achievements", "talks", "policy", "strategy", "decision",
             "response", "plan", "initiative", "proposal", "demand", "demands", "request", "participation",
             "visit", "appeal", "invitation"}
# Acts whose of-phrase is the doer even though the lexicon lists a verb for them:
# "at the request of Austria", "the participation of the President".
OF_AGENT_NOUNS = {"request", "initiative", "participation", "proposal", "decision", "statement", "visit",
                  "call", "appeal", "invitation", "order", "instruction", "support", "position", "policy"}
# A name compounded with these is their topic, not their doer: "the Russia investigation".
TOPIC_NOUNS = {"investigation", "probe", "inquiry", "trial", "deal", "case", "scandal", "issue", "question",
               "summit", "crisis", "conflict", "situation", "problem", "file"}
# "feuding with X", "war with X": the other party of a conflict is its patient.
CONFLICT_WORDS = {"feud", "fight", "clash", "war", "battle", "quarrel", "spar"}  # not "conflict with" (= be at odds)
# "declared war on X", "imposed sanctions on X": X is the target.
ON_VERBS = {"declare", "impose", "inflict", "wage", "launch", "exert", "place", "put", "slap", "levy"}
# A prepositional object of an act noun: "sanctions on Russia" (patient), "threats from Russia" (agent).
NOMINAL_PREPS = {"on": "patient", "against": "patient", "to": "patient", "toward": "patient",
                 "towards": "patient", "at": "patient", "by": "agent", "from": "agent"}
OBJECTS = {"dobj", "obj", "dative"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
_MAX_CLIMB = 64  # guards against malformed (cyclic-looking) hand-built trees


@dataclass(frozen=True)
class Agency:
    """Role, voice and governing verb lemma of one mention."""

    role: str = "other"
    voice: str = "none"
    verb: str = ""


NONE = Agency()


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _has_to(verb: Token) -> bool:
    """Infinitival: "to" among the verb's aux/mark children."""
    return any(c.dep_ in ("aux", "mark") and c.text.lower() == "to" for c in verb.children)


def infinitival_acl(noun: Token) -> Token | None:
    """The verb of "NOUN to VERB" ("attempts to hinder"), else None."""
    for child in noun.children:
        # en_core_web_sm labels "measures to close" acl or relcl; both count when infinitival.
        if child.dep_ in ("acl", "relcl") and _is_verb(child) and _has_to(child) and child.i > noun.i:
            return child
    return None


def _misparsed_governor(noun: Token) -> Token | None:
    """'to VERB NOUN' parsed as amod(VERB -> NOUN): the verb really governs the noun."""
    for child in noun.lefts:
        if child.dep_ == "amod" and child.pos_ == "VERB" and _has_to(child):
            return child
    return None


def deepest_verb(verb: Token) -> Token:
    """Follow subject control (xcomp without an object) and 'take measures to VERB'.

    Example: in "Russia began taking measures to close facilities", begin -> take -> close.
    """
    for _ in range(_MAX_CLIMB):
        nxt = _control_step(verb)
        if nxt is None:
            return verb
        verb = nxt
    return verb


def _control_step(verb: Token) -> Token | None:
    if _lemma(verb) == "be":  # "was able / ready / determined to act": the act
        for adj in (c for c in verb.children if c.dep_ == "acomp"):
            inner = next((c for c in adj.children if c.dep_ == "xcomp" and _is_verb(c)), None)
            if inner is not None:
                return inner
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    for obj in objects:
        inner = infinitival_acl(obj) or _misparsed_governor(obj)
        if inner is not None:
            return inner
    if objects:
        return None  # object control: the xcomp's subject is the object, not ours
    for child in verb.children:
        if child.dep_ == "xcomp" and _is_verb(child) and not _is_passive(child):
            return child
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _has_by_agent(verb: Token) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def _stray_by_agent(tok: Token) -> Token | None:
    """'threatened with sanctions by Washington': a by-phrase hung on a noun under a passive."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.text.lower() != "by":
        return None
    for anc in prep.ancestors:
        if _is_verb(anc):
            return anc if _is_passive(anc) and not _has_by_agent(anc) else None
    return None


def clause_role(tok: Token) -> Agency | None:
    """Role of a noun in its clause from its own dependency arc, else None."""
    dep, head = tok.dep_, tok.head
    governor = _misparsed_governor(tok)
    if governor is not None:
        return Agency("patient", "active", _lemma(governor))
    if dep == "nsubj" and head is not tok:
        verb = deepest_verb(head)
        passive = next((c for c in verb.children if c.dep_ == "xcomp" and _is_passive(c)), None)
        if passive is not None:  # "X began to be seen as ...": X is the patient of the passive
            voice = "passive" if _has_by_agent(passive) else "agentless_passive"
            return Agency("patient", voice, _lemma(passive))
        if _lemma(verb) == "be" and any(c.dep_ == "prep" and c.lower_ == "behind" for c in verb.children):
            return Agency("agent", "active", "be")  # "Russia was behind the attack": responsible
        if _lemma(verb) in STATE_VERBS:
            if _lemma(head) not in STATE_VERBS:  # "Ukraine promises to be a friend": agent of promise
                return Agency("agent", "active", _lemma(head))
            if _lemma(verb) == "have" and any(c.dep_ in OBJECTS and c.lemma_.lower() in HAD_ACTS for c in verb.children):
                return Agency("agent", "active", "have")  # "had a phone conversation"
            return Agency("other", "none", _lemma(verb))
        if _lemma(verb) in UNDERGO_VERBS:
            return Agency("patient", "active", _lemma(verb))
        return Agency("agent", "active", _lemma(verb))
    if dep == "nsubjpass":
        return Agency("patient", "passive" if _has_by_agent(head) else "agentless_passive", _lemma(head))
    if dep == "pobj" and head.dep_ == "agent":
        return Agency("agent", "passive", _lemma(head.head))
    stray = _stray_by_agent(tok)
    if stray is not None:
        return Agency("agent", "passive", _lemma(stray))
    if dep in OBJECTS:
        return Agency("patient", "passive" if _is_passive(head) else "active", _lemma(head))
    if dep == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return Agency("agent", "active", "say")  # "according to X": X is the speaker
    if dep == "pobj" and head.dep_ == "prep" and _is_verb(head.head):
        verb = head.head
        if (head.lower_ == "against" or (head.lower_ == "to" and _lemma(verb) in TRANSFER_VERBS)
                or (head.lower_ == "with" and _lemma(verb) in CONFLICT_WORDS)
                or (head.lower_ == "on" and _lemma(verb) in ON_VERBS)):
            voice = "active" if not _is_passive(verb) else "passive" if _has_by_agent(verb) else "agentless_passive"
            return Agency("patient", voice, _lemma(verb))  # "acted against X", "handed it to X"
        return Agency("other", "none", _lemma(verb))
    return None


def relative_role(tok: Token) -> Agency | None:
    """Antecedent of a relative clause takes its relative pronoun's role."""
    for rel in tok.children:
        if rel.dep_ != "relcl":
            continue
        for pron in rel.children:
            if pron.text.lower() in RELATIVE_PRONOUNS or pron.tag_ in ("WDT", "WP"):
                found = clause_role(pron)
                if found is not None and found.role != "other":
                    return found
    return None


def _of_genitive_head(tok: Token) -> Token | None:
    """'borders of Tajikistan': the noun that an of-phrase containing ``tok`` modifies."""
    prep = tok.head
    if tok.dep_ == "pobj" and prep.text.lower() == "of" and prep.dep_ == "prep" and prep.head.pos_ in ("NOUN", "PROPN"):
        return prep.head
    return None


def head_token(span: Span) -> Token:
    """The span's syntactic head, skipping a leading determiner that the parser hung elsewhere."""
    inside = [t for t in span if t.pos_ != "DET"] or list(span)
    outside = [t for t in inside if not (span.start <= t.head.i < span.end) or t.head is t]
    return outside[-1] if outside else span.root


def opposed_prefix(span: Span) -> bool:
    """'anti-Russian sanctions', 'anti-China forces': the name follows 'anti-' and is what
    the thing is against, not its doer.

    Example:
        >>> opposed_prefix(doc[3:4])   # "new anti-Russian sanctions"   # doctest: +SKIP
        True
    """
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].text in ("-", "–") and doc[i - 2].lower_ == "anti" and not doc[i - 1].whitespace_ \
        and not doc[i - 2].whitespace_


def speaker_label(tok: Token) -> bool:
    """'Vladimir Putin: It is obvious ...': a transcript's speaker label (agent of *say*)."""
    doc = tok.doc
    end = tok.i + 1
    while end < len(doc) and doc[end].dep_ in ("case", "flat") and doc[end].head == tok:
        end += 1
    top = tok
    while top.dep_ == "appos" and top.head is not top:  # "President of Russia Vladimir Putin:"
        top = top.head
    first = top.left_edge.i
    starts = first == 0 or doc[first - 1].is_punct or doc[first].is_sent_start
    return end < len(doc) and doc[end].text == ":" and starts and top.dep_ in ("ROOT", "nsubj", "npadvmod", "dep", "appos")


def _act(tok: Token, nominals: Mapping[str, str]) -> str | None:
    """The verb an act noun names ("invasion" -> "invade"), the noun itself for other act nouns."""
    lemma = _lemma(tok)
    if lemma in nominals:
        return nominals[lemma]
    if lemma in ACT_NOUNS or tok.lower_ in ACT_NOUNS:
        return lemma
    return None


def _nominal_prep_role(tok: Token, nominals: Mapping[str, str]) -> Agency | None:
    """'sanctions on Russia', 'aggression against Ukraine', 'de-escalation by Russia'."""
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ == "to" and _is_verb(prep.head):
        # "held up military aid to Ukraine": the receiver of the act noun the verb governs
        act = next((c for c in prep.head.children if c.dep_ in OBJECTS and _act(c, nominals)), None)
        if act is not None:
            return Agency("patient", "nominal", _act(act, nominals))
    if tok.dep_ == "pobj" and prep.lower_ == "from" and _is_verb(prep.head):
        # "the threat comes from Russia": the source of an act noun subject is its agent
        act = next((c for c in prep.head.children if c.dep_ == "nsubj" and _act(c, nominals)), None)
        if act is not None:
            return Agency("agent", "nominal", _act(act, nominals))
    if tok.dep_ == "pobj" and prep.lower_ == "by" and _is_verb(prep.head) and not _is_passive(prep.head):
        # "fled the shelling by Russian forces" with the by-phrase hung on the active verb
        act = next((c for c in prep.head.children if c.dep_ in OBJECTS and _act(c, nominals)), None)
        return Agency("agent", "nominal", _act(act, nominals)) if act is not None else None
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN"):
        return None
    verb = _act(prep.head, nominals)
    role = NOMINAL_PREPS.get(prep.lower_)
    if prep.lower_ in ("against", "by") and not verb:
        # "the operation of Russia against Ukraine", "de-escalation of the situation by Russia":
        # the phrase hangs on a noun inside the act's own noun phrase
        for anc in list(prep.ancestors)[:4]:
            if _is_verb(anc):
                break
            if _act(anc, nominals):
                verb = _act(anc, nominals)
                break
        if prep.lower_ == "against" and not verb:  # "the sanctions regime against Russia": a target still
            verb = _lemma(prep.head)
    if prep.lower_ == "with" and _lemma(prep.head) in CONFLICT_WORDS:
        verb, role = _lemma(prep.head), "patient"
    return Agency(role, "nominal", verb) if verb and role else None


def _of_role(noun: Token, nominals: Mapping[str, str]) -> str:
    """'the invasion of Ukraine': patient (a transitive act's of-phrase is its object);
    'the actions of Russia', 'aggression of Russia against Ukraine': agent."""
    if _lemma(noun) not in nominals or _lemma(noun) in OF_AGENT_NOUNS:
        return "agent"  # acts with no object ("operation", "statements", "aggression", "request")
    has_target = any(c.dep_ == "prep" and c.lower_ in ("against", "on", "toward", "towards") for c in noun.subtree)
    return "agent" if has_target else "patient"


def analyse(span: Span, *, nominals: Mapping[str, str] | None = None) -> Agency:
    """Role, voice and governing verb of a mention span (rules 1-5 of the module doc).

    Args:
        span: the mention (its syntactic root is used).
        nominals: event noun lemma -> verb lemma ("invasion" -> "invade"); optional.

    Returns:
        An :class:`Agency`; ``Agency("other", "none", "")`` when nothing applies.
    """
    nominals = nominals or {}
    tok, event = head_token(span), None  # event: (noun, role) of the nearest event nominal passed
    if opposed_prefix(span):
        return Agency("patient", "nominal", "anti")  # "anti-Russian sanctions": what they are against
    if speaker_label(tok):
        return Agency("agent", "active", "say")
    if tok.dep_ == "npadvmod" and tok.head.tag_ == "VBN" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-":
        return Agency("agent", "nominal", _lemma(tok.head))  # "US-led NATO", "Kremlin-backed separatists"
    for _ in range(_MAX_CLIMB):
        if tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = tok.head
        elif (found := _nominal_prep_role(tok, nominals)) is not None:
            return found
        elif tok.dep_ in MODIFIERS and tok.head is not tok:
            acl = infinitival_acl(tok.head)
            if acl is not None:
                return Agency("agent", "nominal", _lemma(acl))
            if tok.dep_ == "compound" and _lemma(tok.head) in TOPIC_NOUNS:
                return NONE  # "the Russia investigation": Russia is the topic
            possessive = any(c.dep_ == "case" and c.lower_ in ("'s", "’s", "'", "’") for c in tok.children)
            dep, tok = tok.dep_, tok.head
            if event is None and _act(tok, nominals):
                event = (tok, "agent")
            elif (event is None and (dep == "poss" or possessive or (dep == "compound" and tok.dep_ == "pobj"))
                  and tok.pos_ == "NOUN" and not {_lemma(tok), tok.lower_} & ACTOR_NOUNS):
                # possessor of a thing, not an act or a group ("Russia's territory"), or a name
                # compounded with a thing in a prepositional phrase ("against US election
                # infrastructure", "coverage of the Trump presidency"); a thing that is a
                # verb's object is still acted on through it ("closed the U.S. Air Force base")
                return NONE
        elif (noun := _of_genitive_head(tok)) is not None:
            if _act(noun, nominals):
                return Agency(_of_role(noun, nominals), "nominal", _act(noun, nominals))
            tok = noun
        else:
            break
    found = clause_role(tok)
    if found is not None and found.role == "agent":
        return found
    if event is not None:  # "brutal US sanctions" as an object: the US still imposes them
        return Agency(event[1], "nominal", _act(event[0], nominals))
    if found is not None and found.role != "other":
        return found
    return relative_role(tok) or found or NONE
