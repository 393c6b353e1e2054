"""The phrase language of the rule packs: the words the content, narrative and date rules look for
in a report's prose (`content:` in the packs), written as text that gklint compiles itself.

Packs may come from untrusted repositories, so a pack never gives a regular expression: every
phrase compiles to a pattern of escaped text, gaps of bounded length, optional white space that
is never given back, built-in number patterns, and groups that are neither nested nor repeated
and, once matched, never tried again another way. Only gaps backtrack, and a phrase has at most
two: the work at each position of the text is bounded, so a search takes linear time.

    收到             text; full-width punctuation is folded as in the report (（ → ( …)
    …                a gap: up to 20 characters within one clause (no ，,；;。！？!? in it)
    …{12}            a gap of up to 12 characters (at most 30)
    (件|起|宗)        one of these, not captured; (…)? makes the part optional. The first choice
                     that fits is taken for good (list longer ones first: (共计|共))
    {n}              a count in digits or Chinese numerals (12, 1,234, 十二, 两), captured as n
    {amount}         a sum in digits (200, 20.5), captured as amount
    {year}           four digits, captured as year
    {aside}          a remark in brackets of up to 30 characters: （含简易程序）
    {kind:复议|诉讼}  one of these, captured as kind
    {kind:@entry}    one of the words of another content entry (a lexicon), captured as kind
    a space          optional white space
    \\x              the character x itself

In a phrase that captures a number, gaps never pass over a digit: the figure taken is the first
one after the words. A phrase may also be a mapping with options: `not_after` (texts that must
not come right before it), `not_before` (texts that must not come right after it) and
`gap_excludes` (texts a gap stops before). docs/packs.md describes the language for pack authors.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from . import catalog, prebuilt
from .normalize import CharTable
from .prebuilt import regex
from .resources import beside

catalog.register("phrases", beside(__file__, "phrases.yaml"))

# Folds the punctuation that varies between reports, one character for one (offsets are kept).
_FOLD = CharTable(str.maketrans({"（": "(", "）": ")", "，": ",", "；": ";", "：": ":", "\u3000": " ",
                                 "\u00a0": " ", "\u2002": " ", "\u2003": " "}))
CLAUSE_END = "，,；;。！？!?"


def fold(text: str) -> str:
    return _FOLD(text)


MAX_LENGTH = 200
MAX_GAPS = 2
MAX_GAP = 30
DEFAULT_GAP = 20
MAX_GROUPS = 10
MAX_ALTERNATIVES = 64
MAX_PHRASES = 1000  # in one list: all of them are tried at each position of the text
OPTIONS = ("phrase", "not_after", "not_before", "gap_excludes")

_CN = "零〇一二两三四五六七八九十百千万"
# Built-in slots. Number patterns start only where a number starts (the look-behinds), so a long
# run of digits is read once, not once per position.
NUMBERS = {
    "n": rf"(?<!\d)(?:\d{{1,3}}(?:,\d{{3}})+|\d+)|(?<![{_CN}])[{_CN}]+",
    "amount": r"(?<!\d)\d+(?:\.\d+)?",
    "year": r"(?<!\d)\d{4}",
}
SLOTS = dict(NUMBERS, aside=r"\([^)]{0,30}\)")
_NAME = regex(r"[a-z][a-z0-9_]*")
_BOUND = regex(r"\{(\d+)\}")


class PhraseError(catalog.MessageError, ValueError):
    """A phrase that does not compile: message `msg` of the `phrases` catalog with `args`."""

    def __init__(self, msg: str, **args):
        self.index: int | None = None  # which phrase of a list (compile_list)
        super().__init__(f"phrases:{msg}", **args)


# -- parsing ---------------------------------------------------------------------------------------
# Tokens: ("text", str) ("space",) ("gap", n) ("slot", kind, name, payload) ("group", alts, optional)


def _closing(source: str, i: int, char: str) -> int:
    """Index of the first unescaped `char` after position i, or -1."""
    j = i + 1
    while j < len(source):
        if source[j] == "\\":
            j += 2
            continue
        if source[j] == char:
            return j
        j += 1
    return -1


def _parse(source: str, inside_group: bool = False) -> list[tuple]:
    tokens: list[tuple] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            if i + 1 == len(source):
                raise PhraseError("escape-at-end")
            tokens.append(("text", source[i + 1]))
            i += 2
        elif ch == " ":
            if not tokens or tokens[-1] != ("space",):
                tokens.append(("space",))
            i += 1
        elif ch == "…":
            if inside_group:
                raise PhraseError("group-content")
            m = _BOUND.match(source, i + 1)
            n = int(m.group(1)) if m else DEFAULT_GAP
            if not 1 <= n <= MAX_GAP:
                raise PhraseError("gap-bound", limit=MAX_GAP)
            tokens.append(("gap", n))
            i = m.end() if m else i + 1
        elif ch == "{":
            end = _closing(source, i, "}")
            if end < 0:
                raise PhraseError("unclosed", char="}")
            tokens.append(_slot(source[i + 1:end], inside_group))
            i = end + 1
        elif ch == "(":
            end = _closing(source, i, ")")
            if inside_group or 0 <= _closing(source, i, "(") < end:
                raise PhraseError("nested-group")
            if end < 0:
                raise PhraseError("unclosed", char=")")
            optional = source[end + 1:end + 2] == "?"
            tokens.append(("group", _alternatives(source[i + 1:end]), optional))
            i = end + 2 if optional else end + 1
        elif ch in ")|?}":
            raise PhraseError("stray", char=ch)
        else:
            tokens.append(("text", ch))
            i += 1
    return tokens


def _slot(body: str, inside_group: bool) -> tuple:
    name, sep, spec = body.partition(":")
    if not _NAME.fullmatch(name):
        raise PhraseError("slot-name", slot=body)
    if not sep:
        if name not in SLOTS:
            raise PhraseError("unknown-slot", slot=body)
        return ("slot", name, name, None)
    if inside_group:
        raise PhraseError("group-content")
    if spec.startswith("@"):
        return ("slot", "lexicon", name, spec[1:])
    return ("slot", "choice", name, _alternatives(spec, plain=True))


def _alternatives(body: str, plain: bool = False) -> list[list[tuple]]:
    alts, seen = [], set()
    for part in _split_bars(body):
        part = part.strip()
        if not part:
            raise PhraseError("empty-alternative")
        if part in seen:
            raise PhraseError("duplicate-alternative", alt=part)
        seen.add(part)
        tokens = _parse(part, inside_group=True)
        if plain and any(t[0] != "text" for t in tokens):
            raise PhraseError("choice-content")
        alts.append(tokens)
    if len(alts) > MAX_ALTERNATIVES:
        raise PhraseError("too-many-alternatives", limit=MAX_ALTERNATIVES)
    return alts


def _split_bars(body: str) -> list[str]:
    """`a|b\\|c` → ["a", "b\\|c"]: the bars that are neither escaped nor inside a {slot}."""
    parts, current, i, depth = [], "", 0, 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            current += body[i:i + 2]
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(body[i], 0)
        if body[i] == "|" and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += body[i]
        i += 1
    return parts + [current]


def literal(source: str) -> str | None:
    """The text of a phrase that is plain text (no gap, group, slot or space), else None."""
    try:
        tokens = _parse(source.strip())
    except PhraseError:
        return None
    return "".join(t[1] for t in tokens) if tokens and all(t[0] == "text" for t in tokens) else None


# -- compiling -------------------------------------------------------------------------------------


class Phrase(NamedTuple):
    """One compiled phrase. `slots`: (group, slot name) pairs; `lexicons`: slot name → (word, item)."""

    source: str
    pattern: str
    slots: tuple[tuple[str, str], ...]
    lexicons: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    required: str = ""  # text every match holds (the longest plain run), "" if none

    def search(self, text: str, pos: int = 0) -> "PhraseMatch | None":
        m = _regex(self.pattern).search(text, pos)
        return PhraseMatch(m, self) if m else None

    def finditer(self, text: str):
        for m in _regex(self.pattern).finditer(text):
            yield PhraseMatch(m, self)

    def renamed(self, prefix: str) -> "Phrase":
        """The phrase with `prefix` before its groups' names, to be joined with others in one
        pattern; escaped text never holds `(?P`, so only the groups are renamed."""
        pattern = self.pattern.replace("(?P<", f"(?P<{prefix}").replace("(?P=", f"(?P={prefix}")
        return Phrase(self.source, pattern, tuple((prefix + g, n) for g, n in self.slots), self.lexicons,
                      self.required)


class PhraseMatch:
    """Where a phrase matched, and what its slots captured (by slot name)."""

    def __init__(self, m: re.Match, phrase: Phrase):
        self.m, self.phrase = m, phrase

    def _group(self, name: str) -> str | None:
        for group, slot in self.phrase.slots:
            if slot == name and self.m.group(group) is not None:
                return group
        return None

    def group(self, name: str | None = None) -> str | None:
        if name is None:
            return self.m.group(0)
        g = self._group(name)
        return self.m.group(g) if g else None

    def start(self, name: str | None = None) -> int:
        if name is None:
            return self.m.start()
        g = self._group(name)
        return self.m.start(g) if g else -1

    def end(self) -> int:
        return self.m.end()

    def item(self, name: str) -> str | None:
        """The lexicon item whose word the slot `name` captured."""
        words = dict(dict(self.phrase.lexicons).get(name, ()))
        return words.get(self.group(name) or "")


class PhraseList:
    """The phrases of one `content:` entry, searched together (at one position the first listed wins)."""

    def __init__(self, phrases: tuple[Phrase, ...], combined: tuple[Phrase, ...] = ()):
        self.phrases = tuple(phrases)
        # The same phrases with their groups renamed (q0g1 …), joined into one pattern.
        self._owners = {f"q{i}": p for i, p in enumerate(combined)}
        self._pattern = "|".join(f"(?P<q{i}>{p.pattern})" for i, p in enumerate(combined))
        # Text without any phrase's required run has no match: ruled out by one literal search,
        # which re runs far faster than the joined pattern's lookaheads and groups.
        # (Longest first, then in text order: the same pattern in every process, so it can be stored.)
        required = sorted({p.required for p in combined}, key=lambda r: (-len(r), r))
        self._prefilter = "|".join(map(re.escape, required)) if required and all(required) else None

    def __iter__(self):
        return iter(self.phrases)

    def __len__(self):
        return len(self.phrases)

    def __bool__(self):
        return bool(self.phrases)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(p.source for p in self.phrases)

    def patterns(self) -> tuple[str | None, ...]:
        """What a search of the list may compile: the joined pattern, the prefilter, each phrase's."""
        return (self._pattern, self._prefilter, *(p.pattern for p in self.phrases))

    def _ruled_out(self, text: str) -> bool:
        return not self.phrases or self._prefilter is not None and _regex(self._prefilter).search(text) is None

    def search(self, text: str) -> PhraseMatch | None:
        if self._ruled_out(text):
            return None
        m = _regex(self._pattern).search(text)
        return PhraseMatch(m, self._owners[m.lastgroup]) if m else None

    def finditer(self, text: str):
        """Every match in the text, left to right, without overlaps (as re.finditer)."""
        if self._ruled_out(text):
            return
        for m in _regex(self._pattern).finditer(text):
            yield PhraseMatch(m, self._owners[m.lastgroup])

    def contains(self, text: str) -> bool:
        """Whether any phrase occurs in the text, its spaces ignored (the content rules' words)."""
        return self.search(_spaceless(text)) is not None


@lru_cache(maxsize=256)
def _spaceless(text: str) -> str:
    """Folded text without spaces; rules ask of one clause or section for many word lists."""
    return fold(text).replace(" ", "")


_REGEXES: dict[str, re.Pattern] = {}


def _regex(pattern: str) -> re.Pattern:
    rx = _REGEXES.get(pattern)
    if rx is None:
        rx = _REGEXES[pattern] = prebuilt.regex(pattern)
    return rx


def compile_phrase(entry, lexicons: dict | None = None, prefix: str = "") -> Phrase:
    """A phrase (a string, or a mapping with `phrase` and options) compiled; PhraseError if it is
    not one. `lexicons`: content entry name → words or {item: words}, for `{x:@entry}`; `prefix`
    goes before the pattern's group names."""
    options = entry if isinstance(entry, dict) else {"phrase": entry}
    unknown = sorted((str(k) for k in options if k not in OPTIONS))
    if unknown:
        raise PhraseError("unknown-option", option=unknown[0], options=list(OPTIONS))
    source = options.get("phrase")
    if not isinstance(source, str) or not source.strip():
        raise PhraseError("empty")
    source = source.strip()
    if len(source) > MAX_LENGTH:
        raise PhraseError("too-long", length=len(source), limit=MAX_LENGTH)
    tokens = _parse(source)
    solid = [t for t in tokens if t[0] != "space"]
    kinds = [t[0] for t in solid]
    if kinds.count("gap") > MAX_GAPS:
        raise PhraseError("too-many-gaps", limit=MAX_GAPS)
    if "gap" in (kinds[0], kinds[-1]):
        raise PhraseError("gap-edge")
    if any(a == b == "gap" for a, b in zip(kinds, kinds[1:])):
        raise PhraseError("gap-adjacent")
    if sum(k in ("group", "slot") for k in kinds) > MAX_GROUPS:
        raise PhraseError("too-many-groups", limit=MAX_GROUPS)
    not_after, not_before = _texts(options, "not_after"), _texts(options, "not_before")
    out = _Compiler(_has_number(tokens), _texts(options, "gap_excludes"), lexicons or {}, prefix)
    pattern = "".join(f"(?<!{re.escape(fold(w))})" for w in not_after) + out.sequence(tokens)
    if not_before:
        pattern += "(?!" + "|".join(re.escape(fold(w)) for w in not_before) + ")"
    if _matches_empty(tokens, out.lexicon):
        raise PhraseError("matches-empty")
    return Phrase(source, pattern, tuple(out.slots), tuple(out.lexicons), _required(tokens))


def _required(tokens) -> str:
    """The longest run of plain text outside groups and slots: every match holds it."""
    runs, run = [""], ""
    for t in tokens:
        if t[0] == "text":
            run += fold(t[1])
        else:
            runs.append(run)
            run = ""
    return max(runs + [run], key=len)


def _matches_empty(tokens, lexicon) -> bool:
    """Whether the phrase can match no text at all, told by its tokens: a pack's hundreds of
    phrases are then compiled to regexes only when a report is searched for them."""
    return all(_token_matches_empty(t, lexicon) for t in tokens)


def _token_matches_empty(t: tuple, lexicon) -> bool:
    kind = t[0]
    if kind in ("space", "gap"):
        return True
    if kind == "text":
        return not fold(t[1])
    if kind == "group":
        return t[2] or any(_matches_empty(alt, lexicon) for alt in t[1])
    if t[1] == "choice":
        return any(_matches_empty(alt, lexicon) for alt in t[3])
    if t[1] == "lexicon":
        return any(not fold(w) for w, _ in lexicon(t[3]))
    return _regex(SLOTS[t[1]]).fullmatch("") is not None


def _texts(options: dict, key: str) -> tuple[str, ...]:
    val = options.get(key) or []
    texts = [literal(v) if isinstance(v, str) else None for v in val] if isinstance(val, list) else [None]
    if None in texts:
        raise PhraseError("option-texts", option=key)
    return tuple(texts)


def _has_number(tokens) -> bool:
    for t in tokens:
        if t[0] == "slot" and t[1] in NUMBERS:
            return True
        if t[0] == "group" and any(_has_number(alt) for alt in t[1]):
            return True
    return False


class _Compiler:
    def __init__(self, numbers: bool, excludes: tuple[str, ...], lexicons: dict, prefix: str):
        chars = "".join(w + fold(w) for w in excludes if len(w) == 1)
        self.stop = "[^" + re.escape(CLAUSE_END + chars) + (r"\d" if numbers else "") + "]"
        words = [w for w in excludes if len(w) > 1]
        if words:
            self.stop = "(?:(?!" + "|".join(re.escape(fold(w)) for w in words) + ")" + self.stop + ")"
        self.source, self.prefix = lexicons, prefix
        self.slots: list[tuple[str, str]] = []
        self.lexicons: list[tuple[str, tuple]] = []
        self.spaces = self.groups = 0

    def sequence(self, tokens) -> str:
        out = []
        for t in tokens:
            kind = t[0]
            if kind == "text":
                out.append(re.escape(fold(t[1])))
            elif kind == "space":
                # White space taken whole and never given back: no backtracking over long runs.
                self.spaces += 1
                w = f"{self.prefix}w{self.spaces}"
                out.append(f"(?=(?P<{w}>\\s*))(?P={w})")
            elif kind == "gap":
                out.append(f"{self.stop}{{0,{t[1]}}}?")
            elif kind == "group":
                out.append(self.atomic("|".join(self.sequence(alt) for alt in t[1]), optional=t[2]))
            else:
                out.append(self.slot(*t[1:]))
        return "".join(out)

    def atomic(self, body: str, optional: bool = False, name: str = "") -> str:
        """`body` matched once, by its first alternative that fits, and never tried again with
        another: the lookahead takes it, the back-reference consumes it (an atomic group in
        every Python version). Optional: the alternative that fits, else nothing."""
        self.groups += 1
        a = name or f"{self.prefix}a{self.groups}"
        return f"(?=(?P<{a}>{body}{'|' if optional else ''}))(?P={a})"

    def slot(self, kind: str, name: str, payload) -> str:
        group = f"{self.prefix}g{len(self.slots)}"
        self.slots.append((group, name))
        if kind == "choice":
            return self.atomic("|".join(self.sequence(alt) for alt in payload), name=group)
        if kind == "lexicon":
            words = self.lexicon(payload)
            self.lexicons.append((name, tuple((fold(w), item) for w, item in words)))
            return self.atomic("|".join(re.escape(fold(w)) for w, _ in words), name=group)
        return f"(?P<{group}>{SLOTS[kind]})"

    def lexicon(self, entry: str) -> list[tuple[str, str]]:
        """(word, item) pairs of the content entry `entry`; its words must be plain text."""
        val = self.source.get(entry)
        if val is None:
            raise PhraseError("unknown-lexicon", entry=entry)
        pairs = []
        for item, words in (val.items() if isinstance(val, dict) else [(None, val)]):
            for w in words if isinstance(words, list) else [None]:
                text = literal(w) if isinstance(w, str) else None
                if text is None:
                    raise PhraseError("lexicon-content", entry=entry)
                pairs.append((text, item if item is not None else text))
        if not 1 <= len(pairs) <= MAX_ALTERNATIVES:
            raise PhraseError("too-many-alternatives", limit=MAX_ALTERNATIVES)
        return pairs


def compile_list(entries, lexicons: dict | None = None) -> PhraseList:
    """The phrases of one entry, each compiled alone and once more for the joined pattern; a
    PhraseError says which one (`index`)."""
    entries = list(entries)
    if len(entries) > MAX_PHRASES:
        raise PhraseError("too-many-phrases", limit=MAX_PHRASES)
    single = []
    for i, e in enumerate(entries):
        try:
            single.append(compile_phrase(e, lexicons))
        except PhraseError as err:
            err.index = i
            raise
    return listed(single)


def listed(single) -> PhraseList:
    """Compiled phrases as one list: each once more with its groups renamed for the joined pattern.
    Compiled to a regex when first searched: every pattern the compiler writes is well formed
    (tests/test_phrases.py builds arbitrary phrases to show it), and most lists are never searched
    in a run — their prefilter rules the text out."""
    single = tuple(single)
    return PhraseList(single, tuple(p.renamed(f"q{i}") for i, p in enumerate(single)))


def encode(phrases: PhraseList) -> list:
    """A list's phrases as JSON (prebuilt.py keeps the packs' compiled phrases)."""
    return [[p.source, p.pattern, p.slots, p.lexicons, p.required] for p in phrases]


def decode(data: list) -> PhraseList:
    return listed(Phrase(source, pattern, tuple(map(tuple, slots)),
                         tuple((name, tuple(map(tuple, words))) for name, words in lexicons), required)
                  for source, pattern, slots, lexicons, required in data)


def words(phrases) -> PhraseList:
    """Plain strings (or a PhraseList) as a PhraseList; strings are compiled once per tuple."""
    if isinstance(phrases, PhraseList):
        return phrases
    key = tuple(phrases)
    if key not in _WORDS:
        _WORDS[key] = compile_list(key)
    return _WORDS[key]


_WORDS: dict[tuple, PhraseList] = {}
