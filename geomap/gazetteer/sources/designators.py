"""Designator words (*County*, *Landkreis*, *Airport*, *Bandara*) from
``gazetteer/designators.json``: what a name looks like with and without them.

Language knowledge lives in that data file; this module only applies it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=4)
def _words(folder: str, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(suffixes, prefixes) for ``kind``, longest first, lower case."""
    data = json.loads((Path(folder) / "designators.json").read_text("utf-8"))[kind]
    suffixes = {w for words in data.get("suffix", {}).values() for w in words}
    prefixes = {w for words in data.get("prefix", {}).values() for w in words}
    return (tuple(sorted(suffixes, key=len, reverse=True)),
            tuple(sorted(prefixes, key=len, reverse=True)))


def bare(name: str, folder: Path, kind: str) -> str:
    """``name`` without one leading and one trailing designator (*Cook County* -> *Cook*,
    *Kabupaten Bogor* -> *Bogor*); the name itself when nothing is left."""
    suffixes, prefixes = _words(str(folder), kind)
    text = name.strip()
    low = text.casefold()
    for word in prefixes:
        if low.startswith(word + " ") and len(low) > len(word) + 1:
            text, low = text[len(word) + 1:].strip(), low[len(word) + 1:].strip()
            break
    for word in suffixes:
        if low.endswith(" " + word) and len(low) > len(word) + 1:
            text = text[: len(text) - len(word) - 1].strip()
            break
    return text.strip(" -,") or name


def without_any(name: str, folder: Path, kind: str) -> str:
    """``name`` with every designator word removed wherever it stands (*Amsterdam Airport
    Schiphol* -> *Amsterdam Schiphol*); the name itself when nothing is left."""
    suffixes, prefixes = _words(str(folder), kind)
    words = name.split()
    for designator in (*suffixes, *prefixes):
        parts = designator.split()
        n = len(parts)
        i = 0
        while i + n <= len(words):
            if [w.casefold() for w in words[i:i + n]] == parts:
                del words[i:i + n]
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
