"""Designator words (*County*, *Landkreis*, *Airport*, *Bandara*) from
``gazetteer/designators.json``: what a name looks like with and without them.

Language knowledge lives in that data file; this module only applies it.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=16)
def _words(folder: str, kind: str, country: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(suffixes, prefixes) for ``kind``, longest first, lower case: every language's, but a
    language listed in ``only_in`` designates only in those countries (Japanese *Shi* is a
    designator in *Wajima Shi*, a part of the name in Thai *Nakhon Chai Si*)."""
    data = json.loads((Path(folder) / "designators.json").read_text("utf-8"))[kind]
    only_in = data.get("only_in", {})
    wanted = lambda lang: lang not in only_in or country in only_in[lang]  # noqa: E731
    suffixes = {w for lang, words in data.get("suffix", {}).items() if wanted(lang) for w in words}
    prefixes = {w for lang, words in data.get("prefix", {}).items() if wanted(lang) for w in words}
    return (tuple(sorted(suffixes, key=len, reverse=True)),
            tuple(sorted(prefixes, key=len, reverse=True)))


@lru_cache(maxsize=16)
def _patterns(folder: str, kind: str, country: str | None = None):
    """(prefix, suffix, first words) for ``kind``: one regular expression per end, the longest
    word first as in :func:`_words` (the build strips some 100,000 names: a loop over every
    designator word per name was seconds), and each designator's words."""
    suffixes, prefixes = _words(folder, kind, country)
    alternatives = lambda words: "|".join(map(re.escape, words))  # noqa: E731
    prefix = re.compile(f"(?:{alternatives(prefixes)}) (?=.)") if prefixes else None
    suffix = re.compile(f"(?<=.)[ -](?:{alternatives(suffixes)})$") if suffixes else None  # *Kanazawa-shi*
    split = tuple(tuple(word.split()) for word in (*suffixes, *prefixes))
    return prefix, suffix, split


def bare(name: str, folder: Path, kind: str, country: str | None = None) -> str:
    """``name`` without one leading and one trailing designator (*Cook County* -> *Cook*,
    *Kabupaten Bogor* -> *Bogor*); the name itself when nothing is left."""
    prefix, suffix, _ = _patterns(str(folder), kind, country)
    text = name.strip()
    low = text.casefold()
    found = prefix.match(low) if prefix else None
    if found:
        text, low = text[found.end():].strip(), low[found.end():].strip()
    found = suffix.search(low) if suffix else None
    if found:
        text = text[:len(text) - (found.end() - found.start())].strip()
    return text.strip(" -,") or name


def without_any(name: str, folder: Path, kind: str) -> str:
    """``name`` with every designator word removed wherever it stands (*Amsterdam Airport
    Schiphol* -> *Amsterdam Schiphol*); the name itself when nothing is left."""
    words = name.split()
    low = [w.casefold() for w in words]
    for parts in _patterns(str(folder), kind)[2]:
        if parts[0] not in low:
            continue
        n = len(parts)
        i = 0
        while i + n <= len(low):
            if tuple(low[i:i + n]) == parts:
                del words[i:i + n], low[i:i + n]
            else:
                i += 1
    return " ".join(words).strip(" -,") or name


def designated(core: str, folder: Path, kind: str, langs: tuple[str, ...]) -> list[str]:
    """Forms of ``core`` with the designators of ``langs`` (*Cook* -> *Cook County*)."""
    data = json.loads((Path(folder) / "designators.json").read_text("utf-8"))[kind]
    out = []
    for lang in langs:
        out += [f"{core} {w}" for w in data.get("suffix", {}).get(lang, [])[:1]]
        out += [f"{w} {core}" for w in data.get("prefix", {}).get(lang, [])[:1]]
    return out
