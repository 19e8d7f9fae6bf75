"""Split a document into paragraphs and tell body text from the rest.

Kinds: ``body``, ``heading``, ``caption``, ``byline``, ``boilerplate``.
Only ``body`` paragraphs go to the framing features by default; the others are
kept, exported and shown.

The classifier is a short list of general rules over a block and its neighbours
(position in the document, the block before and after, whether an empty line
preceded it). The rules were written from the conventions of wire copy and web
news pages (credit lines after captions, "By …" bylines, copyright footers,
"Advertisement" and "Story continued below" inserts) and checked on the seed
article and a sample of AllSides articles; see tests/test_paragraphs.py.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from dataclasses import dataclass

KINDS = ("body", "heading", "caption", "byline", "boilerplate")


def rules_version() -> str:
    """Digest of this module's source: cached splits are redone whenever the rules change."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]

# Unicode spaces other than \n that should read as a plain space (NBSP, thin, ideographic …).
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")

# Photo-credit vocabulary: agencies, outlets and the words that mark a credit line.
# Matched case-insensitively on whole tokens of a short trailing tail (see _is_credit).
_CREDIT_WORDS = frozenset("""
news agency press photo photos photograph image images picture pictures screenshot
screengrab footage video handout pool file courtesy getty reuters ap afp epa upi dpa
xinhua tass sputnik ria novosti interfax itar-tass anadolu bbc cctv cgtn bloomberg
shutterstock alamy wikimedia commons nurphoto zuma sopa kremlin.ru kyodo yonhap efe
""".split())
# Words that end an outlet's name in a "NAME/OUTLET" credit ("CHINA DAILY", "GLOBAL TIMES").
_OUTLET_WORDS = frozenset("daily times post news press agency herald tribune journal gazette telegraph global".split())
# Lower-case words allowed inside a credit tail ("CCTV News screenshot", "photo courtesy of …").
_CREDIT_GLUE = frozenset("screenshot screengrab photo photos file via courtesy of and for by the".split())

_QUOTES = "\"“”‘’'«»"
_NAME = r"[A-Z][A-Za-z'’.\-]+"

_BOILERPLATE_START = re.compile(
    r"^(?:\W*(?:copyright\b|©|\(c\)\s*\d|all rights reserved|disclaimer\b|original\s*:|source\s*:"
    r"|advertisement\b|story continued below|read more\b|related\s*:|related (?:stories|articles)"
    r"|click here\b|follow (?:us|@|\w+(?: \w+){0,3} on (?:twitter|x|facebook|instagram|telegram))"
    r"|subscribe\b|sign up\b|share (?:this|on)\b|this (?:article|story) (?:was|originally|first|has been)"
    r"|slideshow \(\d+|your browser does not support|an earlier version of this|full coverage\s*:"
    r"|story highlights\b|write to\b.*@|play video\b|just watched\b|listen to\b.{0,40}$|more on this\W*$|see also\s*:|(?:analysis|opinion|commentary|editorial)(?:\s*/\s*\w+)?\s*:?$|click for more\b|(?:next|prev(?:ious)?) image \d+ of \d+"
    r"|\(\s*(?:photos?|video|see|read|watch)\b[^)]{0,20}:)"
    r"|[A-Z][\w'’ ]{1,30}:[A-Z\"“])",  # "More:Headline" related-link stubs, no space after the colon
    re.I)
# Only for short lines: "Updated at 10:56 p.m. ET" is furniture, "Updated figures show …" is not.
_BOILERPLATE_SHORT = re.compile(
    r"^\W*(?:(?:now )?watch\s*:|listen\s*:|video\s*:|loading\b|(?:last )?updated\b|published\b"
    r"|posted\b|photos?\s*:?$|(?:photos|gallery|in pictures)\s*:\s*\S[^.!?]*$|more\s*:?$|contact\b.*\S@\S)", re.I)
_BOILERPLATE_ANY = re.compile(
    r"all rights reserved|\bexclusive (?:piece|article|content|report) (?:by|of|from)\b"
    r"|reproduction (?:is )?(?:prohibited|forbidden)|(?:reproduc|reprint|republish|redistribut|cop)\w*[^.]{0,40}without (?:prior )?(?:written )?permission"
    r"|does not (?:necessarily )?represent the (?:platform|views|position|stance)"
    r"|\b(?:views?|opinions?)\b[^.]{0,40}\b(?:do not|don't|does not|doesn't) (?:necessarily )?(?:represent|reflect)\b"
    r"|by signing up\b|sign up (?:for|to receive)\b.*newsletter|\bnewsletter\b.*\bsign up\b"
    r"|copyright \(?c?\)?\s*\d{4}|\bbased in part on (?:wire|news agency) (?:service )?reports|\bread more$"
    r"|\bcan be reached at\b"
    # Print-edition stamps ("A version of this article appears in print on May 3, 2024, Section A").
    r"|^a version of this (?:article|story|op-ed|column|essay|review) (?:appears|appeared|ran) in print\b"
    # ... and the bracketed page stamp of Chinese state papers ("(China Daily 05/12/2022 page8)").
    r"|^\(\s*[^()]{2,60}?\b\d{1,2}/\d{1,2}/\d{2,4}\s*,?\s*page\s*[a-z]?\d{1,3}\s*\)$"
    # Licence notices of republished pieces.
    r"|\b(?:republished|reproduced|published|licen[cs]ed|available) under (?:a |the )?(?:creative commons|cc[ -]by)\b"
    r"|^\W*this (?:article|story|work) is (?:licen[cs]ed|published|republished) under\b"
    # Newsletter and contact-us notices ("Get our newsletter in your inbox", "… contact us at x@y").
    r"|^\W*(?:get|receive|subscribe to|sign up for) (?:our|the|a) [^.]{0,40}\bnewsletters?\b"
    r"|\b(?:contact|email|e-mail|write to) us (?:at|via)\b|\bsend us your\b[^.]{0,60}@", re.I)
_LINK_INTRO = re.compile(r"^\W*(?:read more|related|more(?: on| about| from)?|see also|recommended|further reading|photos|galleries"
                         r"|also read|more coverage)\b.{0,80}:$", re.I)
_URL_ONLY = re.compile(r"^(?:\S+:\s*)?(?:https?://|www\.)\S+$", re.I)

_BYLINE = re.compile(
    r"^\W{0,2}(?:by|written by|reporting by|editing by|additional reporting by|compiled by"
    r"|translated by|contributing\s*:|text by|words by|story by)\s+\S", re.I)
_BYLINE_ANY = re.compile(
    r"\b(?:contributed (?:reporting )?to this (?:report|story|article)|\(reporting by\b|; editing by\b)"
    r"|^[^.]{3,80} (?:contributed(?: reporting)?|reported from [A-Z][\w ]{1,30})\.?$", re.I)
# Lower-case words that may sit in a "By …" line ("[By X, translated by Y, proofread by Z of W]").
_BYLINE_GLUE = frozenset("""by and of the in for with from at translated proofread edited reporting writing
additional contributing staff writer reporter correspondent columnist editor senior chief special""".split())
_NAME_LINE = re.compile(
    rf"^(?:{_NAME} ){{1,3}}{_NAME}(?:(?:,| and| &) (?:{_NAME} ){{1,3}}{_NAME})*"
    rf"(?:\s*[,|—–]\s*[^.!?]{{1,60}})?$")
_BIO = re.compile(
    rf"^(?:{_NAME} ){{1,3}}(?:is|was) (?:a|an|the) [^.]{{0,80}}\b(?:fellow|professor|author|columnist"
    r"|editor|correspondent|writer|contributor|reporter|analyst|researcher|lecturer|journalist)\b")
# Opinion-page author notes anywhere in the piece ("The author is a senior fellow at …").
_AUTHOR_NOTE = re.compile(r"^\W{0,2}(?:the )?(?:authors?|writers?) (?:is|are|was|were) (?:a|an|the|former|currently|also)?\b", re.I)
# A line that is only e-mail addresses (an author's contact under the bio).
_EMAIL_LINE = re.compile(r"^\W{0,2}(?:e-?mail\s*:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?:\s*(?:,|;|and)\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)*\W{0,2}$", re.I)

_CAPTION_START = re.compile(
    r"^\W{0,2}(?:photo|photographer|image|picture|pictured|caption|file photo|image copyright|image caption"
    r"|media caption|photograph)\s*(?::|\b(?=.*\b(?:by|credit)\b))", re.I)
# Agency caption openings ("Photo taken on May 3, 2024 shows …", "This aerial photo taken in …").
_CAPTION_OPENING = re.compile(r"^(?:an? |the |this )?(?:aerial |undated |file )?(?:photo|picture|image)s?"
                              r" (?:taken|shot) (?:on|in)\b", re.I)
_CAPTION_ANY = re.compile(
    r"\b(?:image|media|toggle) caption\b|\bimage copyright\b|\benlarge this image\b"
    r"|\b(?:listen|watch|play)\s*[·•|]\s*\d{1,2}:\d{2}\b"  # audio/video player strip ("Listen · 7:01")
    r"|\bhide caption\b|\bcaption \d+ of \d+\b"  # gallery furniture ("Hide Caption 3 of 12")
    r"|\[(?:photo|photos|image|file photo|picture|video|illustration)\b[^\]]{0,80}\]\W*$", re.I)  # "[Photo/Xinhua]"
# Illustration/photo credits in the "NAME/OUTLET" house style of many opinion pages
# ("LI MIN/CHINA DAILY", "Photo/VCG"): capitalised words either side of one slash.
_SLASH_CREDIT = re.compile(r"^\W{0,2}(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*\s?/\s?(?:[A-Z][\w.'’-]*\s?){1,4}\W{0,2}$")
# Picture language in a line without a full stop ("X is seen with Y in front of Z").
_PICTURED = re.compile(r"\b(?:(?:is|are) (?:seen|pictured|shown)|pictured|(?:left|right|centre|center)\)|\((?:L|R|C)\))", re.I)
_PAREN_TAIL = re.compile(r"\(([^()]{2,80})\)$")
_PIPE_CREDIT = re.compile(r"\s\|\s+(?:\S+\s+){0,5}?\S*(?:AP|AFP|Getty|Reuters|REUTERS|Photo|Images|EPA|Bloomberg)\b")
_WIRE_CREDIT = re.compile(r"\b(?:REUTERS|AP Photo|AFP|Getty Images|EPA|Xinhua|TASS)\s*/\s*[A-Z][^.]{0,50}$")
_TAIL_SPLIT = re.compile(r"[.!?…\"”’)]\s+(?=[A-Z(])")
_SPEAKER = re.compile(r"^[A-Z][\w.’'-]+: ")  # transcript turns ("Smith: Is that right?")
# Case-sensitive pronouns: "us" is not "US".
_ARGUING = re.compile(r"^\W*(?i:so|and|but|or|yet|then)\b|\b(?:[Yy]ou|[Yy]our|I|[Ww]e|us|[Oo]ur|such|anyone|anybody)\b")
_QUESTION_HEAD = re.compile(r"^(?:what|why|how|who|where|when|which|is|are|can|will|does|do|did|should)\b", re.I)


# A whitespace-delimited token with at least one letter or digit (one regex: this runs on every block).
_WORD = re.compile(r"[^\s\w]*[^\W_][^\s]*")


@dataclass(frozen=True)
class Paragraph:
    """One non-empty block of a document.

    ``index`` is the 1-based position among the document's non-empty blocks.
    """

    doc_id: str
    index: int
    kind: str
    text: str

    @property
    def n_words(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    """Whitespace-delimited tokens that contain a letter or digit."""
    return len(_WORD.findall(text))


def _lines(text: str) -> list[tuple[str, bool]]:
    """Non-empty normalised lines, each with whether an empty line came before it."""
    text = _ZERO_WIDTH.sub("", _LINE_BREAKS.sub("\n", text))
    out, blank = [], False
    for line in text.split("\n"):
        line = re.sub(r" {2,}", " ", _SPACES.sub(" ", line)).strip()
        if line:
            out.append((line, blank))
        blank = not line
    return out


def split_blocks(text: str) -> list[str]:
    """Non-empty blocks of ``text``: one per line, whatever the line-break style.

    Works for blank-line-separated and single-newline styles alike: each
    non-empty line is a block, with Unicode spaces normalised, zero-width
    characters removed and ends trimmed.

    Example:
        >>> split_blocks("Title\\r\\n\\r\\nFirst\\u00a0para.\\nSecond.")
        ['Title', 'First para.', 'Second.']
    """
    return [line for line, _ in _lines(text)]


def split_paragraphs(doc_id: str, text: str) -> list[Paragraph]:
    """Blocks of ``text`` as :class:`Paragraph` objects with their kinds.

    Example:
        >>> [p.kind for p in split_paragraphs("d", "Heading\\nA long body sentence that says things.")]
        ['heading', 'body']
    """
    lines = _lines(text)
    blocks = [line for line, _ in lines]
    kinds = classify_blocks(blocks, after_blank=[blank for _, blank in lines])
    return [Paragraph(doc_id, i + 1, kind, block) for i, (block, kind) in enumerate(zip(blocks, kinds))]


def classify_blocks(blocks: list[str], *, after_blank: list[bool] | None = None) -> list[str]:
    """Kind of each block, using the block itself and its neighbours.

    Args:
        blocks: the document's non-empty blocks, in order (see :func:`split_blocks`).
        after_blank: per block, whether an empty line preceded it. In a document
            that otherwise uses single newlines, a block after an empty line is
            a caption hint (pictures sit between paragraphs); ignored when most
            blocks follow empty lines.

    Returns:
        One of :data:`KINDS` per block.

    Example:
        >>> classify_blocks(["By Jane Roe", "Talks resumed on Monday, officials said.", "Advertisement"])
        ['byline', 'body', 'boilerplate']
    """
    n = len(blocks)
    gaps = after_blank if after_blank and len(after_blank) == n else [False] * n
    # Empty lines only carry information when they are the exception.
    gaps = gaps if sum(gaps) <= n / 2 else [False] * n
    kinds = [_own_kind(b, i, n, gaps[i]) for i, b in enumerate(blocks)]
    kinds = _speaker_labels(blocks, _top_bylines(blocks, kinds))
    return _headings(blocks, kinds)


# Transcript furniture: a speaker label on a line of its own ("michael barbaro", as podcast
# pages print them) and bracketed stage directions ("[music]", "[break]", "[pullquote]").
_SPEAKER_LABEL = re.compile(r"^[a-z][a-z'’.\-]+(?: [a-z][a-z'’.\-]+){1,2}$")
_STAGE = re.compile(r"^\[[a-z][a-z ,'’\-]{1,30}\]$")


def _speaker_labels(blocks: list[str], kinds: list[str | None]) -> list[str | None]:
    """Transcript speaker labels and stage directions are boilerplate: a lower-case
    two- or three-word line counts as a label when the page has at least three such
    lines and one of them recurs (a transcript alternates speakers)."""
    labels = [i for i, b in enumerate(blocks) if kinds[i] is None and _SPEAKER_LABEL.match(b)]
    texts = [blocks[i] for i in labels]
    transcript = len(labels) >= 3 and len(set(texts)) < len(texts)
    return ["boilerplate" if k is None and (_STAGE.match(b) or (transcript and i in labels)) else k
            for i, (b, k) in enumerate(zip(blocks, kinds))]


def _own_kind(block: str, i: int, n: int, after_gap: bool) -> str | None:
    """The kind a block has on its own (None: decide with the neighbours)."""
    words = count_words(block)
    block = block.lstrip("•·*–— ") or block  # "• Jane Roe is a fellow at …" footers
    if block.isupper() and words > 6:
        return "boilerplate"  # all-caps promo links ("MINISTER SAYS TALKS ARE 'STALLED'")
    edge = i < 3 or i >= n - 3
    if words == 0 or _URL_ONLY.match(block) or _BOILERPLATE_START.match(block) or (
            words <= 80 and _BOILERPLATE_ANY.search(block)) or (words <= 12 and _BOILERPLATE_SHORT.match(block)) \
            or (words <= 15 and _LINK_INTRO.match(block)):
        return "boilerplate"
    if (_BYLINE.match(block) and _byline_words(block) and (edge or words <= 12)) or _BYLINE_ANY.search(block) \
            or (i >= n - 3 and words <= 60 and _BIO.match(block)) \
            or (words <= 60 and _AUTHOR_NOTE.match(block)) or _EMAIL_LINE.match(block):
        return "byline"
    if _is_caption(block, after_gap):
        return "caption"
    return None


def _byline_words(block: str) -> bool:
    """A "By …" line names people: at most two lower-case words that are not byline glue."""
    words = block.split()
    if len(words) > 40:
        return False
    loose = [w for w in words[1:] if w[:1].islower() and w.strip(",.;:()[]").lower() not in _BYLINE_GLUE]
    return len(loose) <= 2


def _is_caption(block: str, after_gap: bool) -> bool:
    """A photo caption: a credit line, a "Photo:" line, or a sentence with a trailing credit."""
    if _CAPTION_START.match(block) or _CAPTION_ANY.search(block) or _PIPE_CREDIT.search(block) \
            or _CAPTION_OPENING.match(block):
        return True
    if count_words(block) <= 8 and _SLASH_CREDIT.match(block) and _slash_credit(block):
        return True
    if block[-1] not in ".!?" and _PICTURED.search(block) and count_words(block) <= 40:
        return True
    paren = _PAREN_TAIL.search(block)
    if paren and _is_credit(paren.group(1)):
        return True
    if _WIRE_CREDIT.search(block) or _is_credit(block):
        return True
    for match in reversed(list(_TAIL_SPLIT.finditer(block))):
        tail = block[match.end():]
        if count_words(tail) > 7:
            break
        if _is_credit(tail) or (after_gap and _is_credit(tail, need_word=False)):
            return True
    return False


def _slash_credit(block: str) -> bool:
    """"LI MIN/CHINA DAILY", "Photo/VCG", "Mark Wilson/Getty Images" -- not "Russia/Ukraine",
    "IN FOCUS/SHARP TAKES": the right-hand side must name an agency or outlet."""
    left, right = (part.strip(" []()") for part in block.split("/", 1))
    words = right.split()
    outlet = any(w.lower() in _CREDIT_WORDS or w.lower() in _OUTLET_WORDS for w in words) \
        or (len(words) == 1 and right.isupper() and 2 <= len(right) <= 5)  # an agency acronym ("VCG")
    return outlet and (left.isupper() or any(w.lower() in _CREDIT_WORDS for w in left.split())
                       or any(w.lower() in _CREDIT_WORDS for w in words))


def _is_credit(text: str, *, need_word: bool = True) -> bool:
    """Whether ``text`` reads as a short photo credit ("CCTV News screenshot", "AP Photo/J. Doe").

    With ``need_word=False`` any short run of capitalised words qualifies (used
    only where the layout already suggests a caption).
    """
    if text.rstrip()[-1:] in ".!?,;:" or not text[:1].isupper() and text[:1] not in "(©":
        return False
    tokens = [t.strip("()[]©:,") for t in re.split(r"[\s/|]+", text) if t.strip("()[]©:,")]
    if not 1 <= len(tokens) <= 7:
        return False
    shaped = all(t[:1].isupper() or t[:1].isdigit() or t.lower() in _CREDIT_GLUE for t in tokens)
    has_word = any(t.lower() in _CREDIT_WORDS for t in tokens)
    return shaped and (has_word or not need_word)


def _top_bylines(blocks: list[str], kinds: list[str | None]) -> list[str | None]:
    """Author-name lines near the top ("Jane Roe" / "Jane Roe, Moscow correspondent" / "USA TODAY")."""
    out = list(kinds)
    for i in range(min(4, len(blocks))):
        if out[i] is not None or i + 1 >= len(blocks):
            continue
        block, nxt = blocks[i], blocks[i + 1]
        after_title = i > 0 and kinds[i - 1] is None and _heading_shape(blocks[i - 1])
        outlet_next = nxt.isupper() and count_words(nxt) <= 4
        if _NAME_LINE.match(block) and not block.isupper() and count_words(block) <= 14 and (after_title or outlet_next):
            out[i] = "byline"
        elif block.isupper() and count_words(block) <= 4 and i > 0 and out[i - 1] == "byline":
            out[i] = "byline"
    return out


def _heading_shape(block: str) -> bool:
    """Short, capitalised, no sentence-final punctuation (or a short question like a subhead)."""
    if len(block) > 200:  # cheap bail-out: more than 16 words of ordinary length
        return False
    words = count_words(block)
    if not 1 <= words <= 16 or block[-1] in ".,;:!…" or block[:1] in "-–—•*·":
        return False
    if re.search(r"[a-z]{4}[.!?][\"”’]? [A-Z]", block):
        return False  # a full sentence and then something: a caption tail or a run-on, not a title
    if block[:1] in _QUOTES:
        # "‘PROVOCATIVE GESTURE’" or a quoted word or two used as a subhead.
        return block.upper() == block or (words <= 5 and block[-1] in _QUOTES and block[-2:-1] not in ".,!?")
    if not (block[:1].isupper() or block[:1].isdigit()):
        return False
    if _SPEAKER.match(block) and not _title_case(block.split(":", 1)[1]):
        return False  # a transcript turn ("Smith: Is that right?"), not "Reports: U.S. Intercepted Calls …"
    if block[-1] in "\"”’'»)":
        # "ONE WEEK TO LEAVE’"-style caps, or a short label ending in a quoted word ("Anti-Russian 'crusade'").
        return block.upper() == block or (words <= 6 and block[-2:-1] not in ".,!?")
    if block.endswith("?"):
        # Subheads ask about the story ("What does Russia say?"); interview questions address "you".
        # A rhetorical question in an argument continues it ("But who would believe that?")
        # or speaks as the author ("Can we trust them?"); a subhead stands alone.
        asks = bool(_QUESTION_HEAD.match(block)) or words <= 5
        return words <= 10 and asks and not _ARGUING.search(block)
    return True


def _title_case(text: str) -> bool:
    """Most words of four or more letters capitalised (a headline, not a sentence)."""
    long = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) >= 4]
    return len(long) >= 2 and sum(w[:1].isupper() for w in long) >= 0.7 * len(long)


def _headings(blocks: list[str], kinds: list[str | None]) -> list[str]:
    """Heading vs body for the undecided blocks, looking at runs of heading-shaped lines.

    A heading is a heading-shaped block that introduces text. Three or more
    heading-shaped blocks in a row are a list (body), and so are the unpunctuated
    lines after a line ending in ':' -- unless that line was boilerplate
    ("Read more:"), in which case they are a list of links (boilerplate).
    """
    n = len(blocks)
    shaped = [kinds[i] is None and _heading_shape(b) for i, b in enumerate(blocks)]
    out: list[str] = []
    listing: str | None = None  # kind of the list being continued, if any
    for i, block in enumerate(blocks):
        if kinds[i] is not None:
            out.append(kinds[i])
            listing = "boilerplate" if _LINK_INTRO.match(block) else None
            continue
        if listing and block[-1] not in ".!" and count_words(block) <= 30:
            out.append(listing)
            continue
        last = i == n - 1 and n > 1
        out.append("heading" if shaped[i] and _run_length(shaped, i) < 3 and not last else "body")
        listing = "body" if block.endswith(":") else None
    return out


def _run_length(flags: list[bool], i: int) -> int:
    """Length of the run of True values in ``flags`` that contains index ``i`` (0 if False)."""
    if not flags[i]:
        return 0
    lo, hi = i, i
    while lo > 0 and flags[lo - 1]:
        lo -= 1
    while hi < len(flags) - 1 and flags[hi + 1]:
        hi += 1
    return hi - lo + 1
