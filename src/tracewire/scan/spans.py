"""The fast pass: name-shaped spans of a text, kept only when the listed names could hold them.

One regular-expression walk over the text finds words; runs of capitalised words (Latin,
Cyrillic, Greek), of caseless words that are listed tokens (Arabic, Persian), with
connectors between them ("Institute for Science"), make runs. A run, and its windows of two
and three words, becomes a candidate span when two of its words stand together in a listed
name (:class:`ListedNames`), or when it is one word that is a whole listed name; runs of
Han characters are searched with the automaton of listed Han names. Cyrillic words in
another case than the listed one are read in the form the lists hold (Патрушева ->
Патрушев). Nothing here screens: the spans go to the engine in one batch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tracewire.names.text import tokenize
from tracewire.scan.lexicon import base_forms, lexicon, place_names
from tracewire.scan.names import ListedNames, is_han

#: a word that may stand in a name: not starting with a lower-case Latin or Cyrillic letter
#: (those are read only when they are connectors, matched by ``FastPass._word``)
_NAME_WORD = r"[^\W\d_a-zа-яёіїєґ][^\W_]*(?:[-'’][^\W_]+)*"
_JOIN = re.compile(r"[ \t\u00a0]*(?:[-&][ \t\u00a0]*)?")
#: longest run screened whole; windows of 2 and 3 words are screened inside longer ones
_MAX_RUN = 6


@dataclass(frozen=True)
class Word:
    """A word of the text: where it is, as written, and its normalised tokens."""

    start: int
    end: int
    text: str
    #: the form screened (a Cyrillic word in the case the lists hold it)
    form: str
    tokens: tuple[str, ...]
    connector: bool = False


@dataclass(frozen=True)
class Span:
    """A candidate span: its character range, the text as written, the text screened and
    how many name words it has."""

    start: int
    end: int
    text: str
    query: str
    words: int


#: how a word reads: the form screened, its normalised tokens, whether it is a connector
_Read = tuple[str, tuple[str, ...], bool]


def _cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _sentence_start(text: str, at: int) -> bool:
    """Whether the word at ``at`` begins a sentence (or a line, a quote after one)."""
    before = text[max(0, at - 8) : at].rstrip(" \t\u00a0\"“«'‘(")
    return not before or before[-1] in ".!?:\n"


def _windows(run: list[Word]) -> list[tuple[int, int]]:
    """(first, last) word of the run itself (when short enough) and of its windows of one,
    two and three words that neither start nor end with a connector."""
    out: list[tuple[int, int]] = []
    if len(run) <= _MAX_RUN:
        out.append((0, len(run) - 1))
    for size in (1, 2, 3):
        if size < len(run):
            for at in range(len(run) - size + 1):
                if not run[at].connector and not run[at + size - 1].connector:
                    out.append((at, at + size - 1))
    return out


class FastPass:
    """Finds candidate spans; per word work is cached (a report repeats its names)."""

    def __init__(self, names: ListedNames, spellings: Callable[[str], frozenset[str]]) -> None:
        self.names = names
        #: a normalised token -> the listed tokens it may be a spelling of (itself included)
        self.spellings = spellings
        self._words: dict[str, _Read | None] = {}
        self._lex = lexicon()
        self._places = place_names()
        lower = sorted((c for c in self._lex.connectors if c.islower()), key=len, reverse=True)
        self._word = re.compile(
            # (a lower-case word between two name words is in the gap: it ends the run)
            _NAME_WORD + r"|(?<![^\W\d_])(?:" + "|".join(map(re.escape, lower)) + r")(?![^\W_])"
        )
        #: per run of words (as written), its plausible windows (first, last word)
        self._windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}

    def _read(self, word: str) -> _Read | None:
        """(form, tokens, connector) of a word, or None when it cannot stand in a name."""
        if word in self._words:
            return self._words[word]
        out: _Read | None = None
        first = word[0]
        if word in self._lex.connectors:
            out = (word, tokenize(word), True)
        elif first.isupper() and word not in self._lex.breaks:
            out = (word, tokenize(word), False)
            if _cyrillic(first):
                for form in base_forms(word):
                    tokens = tokenize(form)
                    if tokens and all(t in self.names.partners for t in tokens):
                        out = (form, tokens, False)
                        break
        elif first.lower() == first.upper() and not is_han(first):  # caseless scripts
            tokens = tokenize(word)
            if tokens and all(t in self.names.partners for t in tokens):
                out = (word, tokens, False)
        self._words[word] = out
        return out

    def runs(self, text: str) -> Iterator[list[Word]]:
        """Runs of name words (connectors only inside)."""
        run: list[Word] = []
        last_end = -1
        for found in self._word.finditer(text):
            word = found.group()
            read = self._read(word)
            joined = run and _JOIN.fullmatch(text, last_end, found.start()) is not None
            if read is None or not joined:
                if run:
                    yield run
                run = []
            if read is not None and not (read[2] and not run):
                run.append(Word(found.start(), found.end(), word, read[0], read[1], read[2]))
            last_end = found.end()
        if run:
            yield run

    def _plausible(self, words: list[Word]) -> bool:
        names = [w for w in words if not w.connector]
        if all(w.text.casefold() in self._lex.places for w in names):
            return False  # "North", "City", "Post": words of places and of the press
        if " ".join(t for w in words for t in w.tokens) in self._places:
            return False  # a country, territory or place ("Hong Kong", "United States")
        tokens = [t for w in names for t in w.tokens]
        if len(tokens) == 1:  # ("ГРАНТ-ТРЕЙД" is one word of two tokens)
            return tokens[0] in self.names.singles
        spelled = [self.spellings(t) for t in tokens]
        for i, spellings in enumerate(spelled):
            for j in range(i + 1, len(spelled)):
                if self.names.together(spellings, spelled[j]):
                    return True
        return False

    def spans(self, text: str) -> Iterator[Span]:
        """The candidate spans of ``text`` (a span may repeat: callers group them)."""
        for run in self.runs(text):
            while run and run[-1].connector:
                run.pop()
            key = tuple(w.text for w in run)
            plausible = self._windows.get(key)
            if plausible is None:
                plausible = self._windows[key] = [
                    (first, last)
                    for first, last in _windows(run)
                    if self._plausible(run[first : last + 1])
                ]
            for first, last in plausible:
                window = run[first : last + 1]
                if first == last and _sentence_start(text, window[0].start):
                    continue  # one capitalised word may be so only as a sentence's first
                yield Span(
                    window[0].start,
                    window[-1].end,
                    text[window[0].start : window[-1].end],
                    " ".join(w.form for w in window),
                    sum(1 for w in window if not w.connector),
                )
        yield from self._han(text)

    def _han(self, text: str) -> Iterator[Span]:
        for found in re.finditer(r"[\u3400-\u9fff\uf900-\ufaff]{2,}", text):
            for start, end, name in self.names.han_names(found.group()):
                at = found.start()
                yield Span(at + start, at + end, text[at + start : at + end], name, 2)
