"""What a registry hit does in its sentence: actor, place or origin; and titled officials.

The gold (``news_gold/ANNOTATION.md``) marks a state only where it acts or is acted upon
as a political actor: "a rally in Moscow", "in Ukraine" are places; "Russian gas",
"Ukrainian city", "Moscow residents" are adjectives of origin that name no actor. Both
stay in the actors table (``kind`` = ``place`` / ``origin``) so nothing is lost, but the
paragraph counts and the role and sentiment statistics count ``kind == "actor"`` only.

* :func:`mention_kind`: place if a country/capital/region name is the object of a
  locative preposition ("in", "across" ...) or of a motion ("a trip to Berlin",
  "entering the U.S."); origin if a name or demonym modifies a noun that is neither a
  group or office of people ("Russian forces", "Kremlin aide") nor an act or relation
  ("US sanctions", "Russian policy"); actor otherwise (subjects, objects, possessives).
* :func:`resolve_titled`: an unregistered person named with an office ("Kremlin aide Yuri
  Ushakov", "Foreign Minister X", "Sen. Y") acts for a state: the state named in the
  title, a US title's United States, or else the state the paragraph is mostly about.
  A later bare surname of a resolved person ("McCain" after "Sen. John McCain") follows.

The word lists are closed-class vocabulary of news English written by us (not a lexicon
of contested items), kept here next to the rules that read them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Span, Token

# Nouns for groups, bodies and offices of people: a demonym or name modifying them is an actor.
ACTOR_NOUNS = frozenset("""
force forces troop troops military army navy government officials official authority authorities
leader leaders leadership president minister ministry side diplomat diplomats delegation state
regime administration parliament lawmaker lawmakers politician politicians partner partners
counterpart counterparts negotiator negotiators envoy ambassador embassy bank banks militia militias
rebel rebels separatist separatists soldier soldiers serviceman servicemen hacker hackers
intelligence agency agencies service services spokesman spokeswoman spokesperson representative
representatives senator senators commander commanders general generals aggressor invader invaders
occupier occupiers terrorist terrorists opposition community group nation country people
court prosecutor prosecutors investigator investigators police guard federation union coalition
alliance bloc camp ally allies team elite elites establishment council committee commission
duma congress senate assembly cabinet campaign aide aides adviser advisers advisor advisors
speaker secretary director chief head chairman chairwoman governor deputy premier chancellor
counsel attorney department office navy airforce party parties democrats republicans
""".split())

# Nouns of policy and relation that are not verb nominals in the agency lexicon but, like
# them, make a modifying actor the one who holds or does them ("US policy", "Russian ties").
RELATION_NOUNS = frozenset("""
policy policies approach position stance decision move measure measures effort efforts relation
relations tie ties cooperation deal agreement talks dialogue propaganda influence involvement
collusion investigation probe pullout withdrawal assistance aid support response demand demands
proposal initiative plan strategy threat operation offensive aggression war warfare claim claims
statement remarks accusation accusations warning offer veto interference meddling sanctions
""".split())

LOCATIVE = frozenset({"in", "across", "throughout", "inside", "within", "near", "at", "around",
                      "outside", "into", "over", "beyond", "all over"})
# Heads under which "to X" / a direct object X is a destination, not a recipient or patient.
MOTION = frozenset({"trip", "visit", "travel", "flight", "journey", "fly", "go", "come", "return",
                    "arrive", "move", "relocate", "flee", "enter", "way", "road", "route", "tour",
                    "immigrate", "emigrate", "drive", "sail"})
# Taking a city is taking a place: "to capture Kyiv" (a capital as the object of these).
CITY_VERBS = frozenset({"capture", "seize", "storm", "encircle", "besiege", "surround", "reach", "shell"})
LANGUAGE_VERBS = frozenset({"speak", "learn", "teach", "translate", "write", "read", "study"})
PLACE_TYPES = frozenset({"country", "capital", "region", "entity:GPE", "entity:LOC", "entity:FAC"})

TITLE_WORDS = frozenset("""
president minister premier chancellor speaker secretary director aide adviser advisor governor
chairman chairwoman chair chief head ambassador envoy spokesman spokeswoman spokesperson deputy
commander general senator sen. sens. rep. reps. congressman congresswoman lawmaker counsel leader
attorney prosecutor lady representative mayor ombudsman commissioner marshal nominee
""".split())
# Words that make an ORG in a title a state body ("Director of the Federal Security Service"),
# not a firm ("General Director of KAMAZ").
STATE_BODY_WORDS = frozenset("""
office service council ministry committee bank government agency department duma assembly court
parliament administration presidential federal state national security defence defense foreign
interior armed forces central executive
""".split())
# "his legal representative", "the family lawyer": a private role, not an office of state.
PRIVATE_WORDS = frozenset({"legal", "lawyer", "private", "family", "personal"})
# Offices of firms: "General Director of KAMAZ", "CEO", "Chief Executive of X".
CORPORATE_WORDS = frozenset({"ceo", "founder", "co-founder", "owner", "board", "company",
                             "shareholder", "investor", "entrepreneur", "businessman", "businesswoman"})
US_TITLES = frozenset({"sen.", "sens.", "senator", "senators", "rep.", "reps.", "congressman",
                       "congresswoman", "gov."})
ORIGIN_TYPES = frozenset({"demonym", "capital", "company", "region"})
# Offices of the US federal government named without the country.
US_OFFICES = ("attorney general", "special counsel", "national security adviser", "press secretary",
              "secretary of defense", "secretary of homeland security", "fbi director", "cia director")
STATE_TYPES = frozenset({"country", "capital", "leader", "institution", "demonym"})


def _first_conjunct(tok: Token) -> Token:
    for _ in range(10):
        if tok.dep_ != "conj" or tok.head is tok:
            break
        tok = tok.head
    return tok


def is_place(head: Token) -> bool:
    """True if ``head`` (a name's syntactic head) stands for a location, not an actor."""
    tok = _first_conjunct(head)
    prep = tok.head
    if tok.dep_ == "pobj" and (prep.dep_ == "prep" or prep.pos_ == "ADP"):
        word = prep.text.lower()
        return word in LOCATIVE or (word == "to" and prep.head.lemma_.lower() in MOTION)
    return tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in MOTION


def is_language_or_ethnic(head: Token) -> bool:
    """'audio guides in Ukrainian', 'speaks Russian' (a language); 'ethnic Armenians' (a people)."""
    if any(c.lower_ == "ethnic" for c in _first_conjunct(head).children):
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "in" and not head.text.endswith("s"):
        return True
    return head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() in LANGUAGE_VERBS


def is_origin(head: Token, act_nouns=frozenset()) -> bool:
    """True if ``head`` only modifies a noun that is no group of people and no act."""
    head = _first_conjunct(head)  # "Ukrainian and European flags"
    if head.dep_ == "npadvmod" and head.head.lemma_.lower() == "base":
        return True  # "a London-based professor", "Chinese-based" (but "US-backed" is agentive)
    if head.dep_ not in ("amod", "compound", "nmod") or head.head is head:
        return False
    noun = head.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma, lower = noun.lemma_.lower(), noun.text.lower()
    if {lemma, lower} & (ACTOR_NOUNS | RELATION_NOUNS) or {lemma, lower} & set(act_nouns):
        return False
    return not (noun.pos_ == "PROPN" and noun.ent_type_ == "PERSON")


def mention_kind(span: Span, source_type: str, head: Token, act_nouns=frozenset()) -> str:
    """``actor``, ``place`` or ``origin`` for a mention (see the module doc).

    Args:
        span: the mention.
        source_type: registry type ("country", "demonym", ...) or "entity:<LABEL>".
        head: the mention's syntactic head token.
        act_nouns: event nouns of the agency lexicon ("invasion", "sanctions").
    """
    if source_type in PLACE_TYPES and is_place(head):
        return "place"
    if source_type == "capital" and head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() in CITY_VERBS:
        return "place"
    if source_type in PLACE_TYPES and _bracketed_location(head):
        return "place"
    if source_type == "demonym" and is_language_or_ethnic(head):
        return "origin"
    # A demonym modifies by origin ("Russian gas"); a city, person or firm name used as a
    # compound does too ("Moscow residents"); a state, organisation or leader name as
    # a compound mostly still names the actor ("EU membership", "Trump campaign").
    modifier = source_type in ORIGIN_TYPES or source_type.startswith("entity:")
    if modifier and is_origin(head, act_nouns):
        return "origin"
    return "actor"


def _bracketed_location(head: Token) -> bool:
    """'the Colosseum (Italy)': a country in brackets after a place name locates it."""
    doc = head.doc
    return (head.dep_ == "appos" and head.i > 0 and doc[head.i - 1].text == "("
            and head.head.pos_ == "PROPN" and head.head.ent_type_ in ("FAC", "ORG", "GPE", "LOC", ""))


def _title_window(doc, start: int, width: int = 10) -> list[Token]:
    """Tokens just before a name, back to punctuation or a verb: its title ("Foreign Minister")."""
    out = []
    for i in range(start - 1, max(-1, start - 1 - width), -1):
        tok = doc[i]
        if (tok.is_punct and tok.text not in ("'s", "’s")) or tok.pos_ in ("VERB", "AUX"):
            break
        out.append(tok)
    return out[::-1]


def home_state(mentions) -> tuple[str, str] | None:
    """(actor, bloc) the paragraph is mostly about: its most frequent state actor (None on a tie)."""
    counts = Counter((m.actor, m.bloc) for m in mentions
                     if m.kind == "actor" and m.type in STATE_TYPES and m.bloc not in ("other", "organisation"))
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None  # no state or a tie: a title alone does not say whose official it is
    return top[0][0]


def resolve_titled(doc, registry, persons):
    """Give unregistered persons named with an office the state they act for.

    Args:
        doc: the parsed paragraph.
        registry: registry mentions (already with kinds).
        persons: entity mentions of label PERSON (bloc ``other``).

    Returns:
        ``persons`` with actor and bloc set where a title (or an earlier titled namesake) says.
    """
    home = home_state(registry)
    out, known = [], {}
    for m in persons:
        window = _title_window(doc, m.span.start)
        # The recogniser sometimes takes the office into the name ("Foreign Minister X").
        words = {t.text.lower() for t in window} | {t.text.lower() for t in m.span}
        # "General Director of KAMAZ", "AvtoVAZ President": an office in a firm, not a state.
        orgs = [t for t in window if t.ent_type_ == "ORG" and not any(r.span.start <= t.i < r.span.end for r in registry)]
        firm = ((bool(orgs) and not any(t.lower_ in STATE_BODY_WORDS for t in orgs))
                or bool(words & CORPORATE_WORDS) or any(p in " ".join(t.lower_ for t in window)
                                                       for p in ("general director", "chief executive")))
        if not words & TITLE_WORDS or firm or words & PRIVATE_WORDS:
            out.append(m)
            continue
        named = [r for r in registry if r.bloc != "other" and window and
                 window[0].i <= r.span.start and r.span.end <= m.span.start]
        phrase = " ".join(t.lower_ for t in window)
        us_title = bool(words & US_TITLES) or any(p in phrase for p in US_OFFICES)
        state = ((named[-1].actor, named[-1].bloc) if named else
                 ("united_states", "west") if us_title else home)
        if state is None:
            out.append(m)
            continue
        known[m.span[-1].text] = state
        out.append(replace(m, actor=state[0], bloc=state[1], type="title"))
    return [replace(m, actor=known[m.span[-1].text][0], bloc=known[m.span[-1].text][1], type="title")
            if m.bloc == "other" and m.span[-1].text in known else m for m in out]
