"""How common a name key is as a written word, for the fuzzy rule (:func:`geomap.geocode.core.misspelling_of`):
wordfreq's Zipf frequency, the highest over the rule's languages, read from a compact table on disk.

Why a table of our own: wordfreq keeps each language's whole list in memory, and loading thirteen
of them took a fresh ``geomap geocode Stepanakret`` 3.7 s. The rule only ever compares a Zipf value
with thresholds of at least :func:`floor` (``name_in_use_zipf`` = 1.5), so the table holds only the
words at or above it: the file is built once per ``GEOMAP_HOME`` (from wordfreq's own lists, by the
first fuzzy lookup) and then read a word at a time, by query.

Exactness: a key of several words is scored as wordfreq scores it: split into tokens the way its
tokenizer splits them, each token's frequency looked up, the frequencies combined
(``1/f = 1/f1 + 1/f2 + ...``) and rounded the same way. A combination is never more frequent than
its rarest token, so a key with a token below the floor is below the floor too, and reads 0 here:
every value at or above the floor is wordfreq's own, every value below it is below it, which is all
the rule asks.
"""
from __future__ import annotations

import math
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

#: Keys wordfreq's tokenizer splits at the spaces only, in every language of the rule: lower-case
#: ASCII and basic Cyrillic letters (checked against wordfreq in tests/test_geocode_zipf.py).
#: Other keys (digits, other scripts) are tokenized by wordfreq itself, its lists left unloaded.
_PLAIN = re.compile(r"[a-z\u0430-\u045f]+(?: [a-z\u0430-\u045f]+)*")
#: Part of the cache's identity: a file of another layout is rebuilt, never read.
TABLE_LAYOUT = "freq(token, lang, bin) v2"
_LOCK = threading.Lock()
_OPEN: dict[str, tuple] = {}


@lru_cache(maxsize=1)
def rules() -> dict:
    """``geocode/data/fuzzy.json``: the languages and thresholds of the fuzzy rule."""
    import json
    from importlib import resources

    return json.loads((resources.files("geomap.geocode") / "data" / "fuzzy.json").read_text("utf-8"))


def floor() -> float:
    """The lowest Zipf value the rule tells apart from 0."""
    return min(rules()["name_in_use_zipf"], rules()["frequent_word_zipf"])


@lru_cache(maxsize=10_000)
def word_zipf(key: str) -> float:
    """How common ``key`` is as written text: the highest wordfreq Zipf value over the rule's
    languages, exact at or above :func:`floor`, 0 or a value below it under it (see the module)."""
    table = process_table()
    if table is None:  # no cache could be read or written: wordfreq itself, lists and all
        from wordfreq import zipf_frequency

        return max(zipf_frequency(key, lang) for lang in rules()["languages"])
    return table.zipf(key)


@dataclass(frozen=True)
class WordTable:
    """An open table of the words of ``languages`` at or above a Zipf floor (see the module)."""

    conn: sqlite3.Connection
    languages: tuple[str, ...]
    #: Whether every language splits plain keys (:data:`_PLAIN`) at the spaces alone.
    plain: bool

    @classmethod
    def open(cls, languages: tuple[str, ...], zipf_floor: float) -> WordTable | None:
        """The table in the per-user cache, built first when missing or unreadable; ``None`` when
        it can be neither read nor written."""
        from importlib.metadata import version

        from ..gazetteer.diskcache import cached_database

        max_bin = _max_bin(zipf_floor)
        conn = cached_database(lambda out: _build(out, languages, max_bin), "fuzzy-zipf", TABLE_LAYOUT,
                               version("wordfreq"), " ".join(languages), str(max_bin),
                               announce="the word table of the misspelling rule (about 10 s)")
        if conn is None:
            return None
        plain = conn.execute("SELECT value FROM meta WHERE key = 'plain'").fetchone()[0] == "1"
        return cls(conn, languages, plain)

    @property
    def path(self) -> str:
        """The table's file."""
        return self.conn.execute("PRAGMA database_list").fetchone()[2]

    def zipf(self, key: str) -> float:
        """The highest Zipf value of ``key`` over the languages (see the module for below the floor)."""
        if self.plain and _PLAIN.fullmatch(key):
            bins = [self.bins(token) for token in key.split()]
            shared = set(bins[0]).intersection(*bins[1:])  # the languages that list every token
            return max((_zipf([10 ** (-b[lang] / 100) for b in bins]) for lang in shared), default=0.0)
        best = 0.0
        for number, lang in enumerate(self.languages):
            freqs = []
            for smashed, scale in _wordfreq_tokens(key, lang):
                cb = self.bins(smashed).get(number)
                if cb is None:
                    break
                freqs.append(10 ** (-cb / 100) * scale)
            else:
                if freqs:
                    best = max(best, _zipf(freqs))
        return best

    def bins(self, token: str) -> dict[int, int]:
        """``{language number: centibel bin}`` of ``token`` (bin ``i``: frequency ``10 ** (-i / 100)``)."""
        return _bins(self.conn, token)


@lru_cache(maxsize=20_000)
def _bins(conn: sqlite3.Connection, token: str) -> dict[int, int]:
    return dict(conn.execute("SELECT lang, bin FROM freq WHERE token = ?", (token,)).fetchall())


def _wordfreq_tokens(key: str, lang: str) -> list[tuple[str, float]]:
    """``(token as listed, digit factor)`` of each token of ``key`` as wordfreq's ``_word_frequency``
    looks them up (its tokenizer and number rules: cheap; only its lists are costly)."""
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    out = []
    for token in lossy_tokenize(key, lang):
        smashed = smash_numbers(token)
        out.append((smashed, digit_freq(token) if smashed != token else 1.0))
    return out


def _zipf(freqs: list[float]) -> float:
    """wordfreq's ``zipf_frequency`` of tokens of these frequencies, step for step (its default
    minimum, 1e-9, and its rounding to three significant digits, then to 0.01 Zipf)."""
    one_over = 0.0
    for f in freqs:  # summed in token order, as wordfreq does (sum() may round differently)
        one_over += 1.0 / f
    unrounded = max(1.0 / one_over, 1e-9)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(math.log(round(unrounded, leading_zeroes + 3), 10) + 9, 2)


def process_table() -> WordTable | None:
    """This process's table of the rule's languages, opened (or built) on first use."""
    with _LOCK:
        pid, table = _OPEN.get("table", (None, None))
        if table is None or pid != os.getpid():  # a forked child opens its own connection
            table = WordTable.open(tuple(rules()["languages"]), floor())
            _OPEN["table"] = (os.getpid(), table)
        return table


def _max_bin(zipf_floor: float) -> int:
    """The last centibel bin (bin ``i`` holds words of frequency ``10 ** (-i / 100)``, Zipf
    ``9 - i / 100``) whose Zipf value, as wordfreq rounds it, is at least ``zipf_floor``."""
    return math.floor((9 - zipf_floor) * 100 + 1e-6)


def _build(out: sqlite3.Connection, languages: tuple[str, ...], max_bin: int) -> None:
    """Every word of each language at or above the floor, with its bin. A word listed in
    several bins of one language takes the last, as ``wordfreq.get_frequency_dict`` does.
    Rows go to a temporary table unsorted and reach ``freq`` in key order through SQLite's
    sorter (half the time of sorting them in Python)."""
    from wordfreq import get_frequency_dict, get_frequency_list
    from wordfreq.language_info import get_language_info

    out.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    out.execute("CREATE TABLE freq (token TEXT NOT NULL, lang INTEGER NOT NULL, bin INTEGER NOT NULL, "
                "PRIMARY KEY (token, lang)) WITHOUT ROWID")
    out.execute("CREATE TEMP TABLE listed (token TEXT NOT NULL, lang INTEGER NOT NULL, bin INTEGER NOT NULL)")
    for number, lang in enumerate(languages):
        last: dict[str, int] = {}
        for index, bucket in enumerate(get_frequency_list(lang, "best")):
            last.update(zip(bucket, repeat(index)))
        get_frequency_list.cache_clear()  # wordfreq's lists are what the table spares a process
        get_frequency_dict.cache_clear()
        out.executemany("INSERT INTO listed VALUES (?, ?, ?)",
                        ((word, number, index) for word, index in last.items() if index <= max_bin))
    out.execute("INSERT INTO freq SELECT token, lang, bin FROM listed ORDER BY token, lang")
    out.execute("DROP TABLE listed")
    # The plain-key shortcut holds when every language splits on spaces alone (no segmenter, no
    # transliteration): true of the regex tokenizer languages the rule names today.
    plain = all(get_language_info(lang)["tokenizer"] == "regex" and get_language_info(lang)["transliteration"] is None
                for lang in languages)
    out.execute("INSERT INTO meta VALUES ('plain', ?)", ("1" if plain else "0",))
