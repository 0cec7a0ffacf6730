"""The in-memory name index the spotter looks n-grams up in.

Built once from :meth:`Gazetteer.iter_keys` (about 1 M keys, ~150 MB) and
cached per gazetteer file *and version*, in the process and on disk (the
per-user cache directory), so a user import is seen by the next parse and a
fresh process starts without the SQL scan. Worker processes forked after the
build share it copy-on-write.
"""
from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

#: Longest name, in words, the spotter tries.
MAX_WORDS = 8
#: Longest unspaced (CJK, Thai...) name, in characters.
MAX_UNSPACED = 10


@dataclass
class NameIndex:
    keys: frozenset[str]
    prefixes: frozenset[str]          # every proper word-prefix of a multi-word key
    version: str
    _sorted: list[str] | None = field(default=None, repr=False)
    #: ``(stem, extra=, limit=) -> keys``, answered by the gazetteer's key table (see
    #: :func:`name_index`); without it a sorted copy of the keys is made on first use.
    complete: Callable[..., list[str]] | None = field(default=None, repr=False)
    #: ``(keys) -> key``: the one an inflected word most likely stands for when several of its
    #: base forms are names (see :func:`name_index`); without it the first.
    prefer: Callable[[list[str], str | None], str] | None = field(default=None, repr=False)
    #: ``(word, lang)`` the spotter found no fallback reading for (see spotter._fallback).
    no_fallback: set = field(default_factory=set, repr=False)

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def completions(self, stem: str, extra: int = 2) -> list[str]:
        """Keys that are ``stem`` plus at most ``extra`` letters (inflection fallback), in order."""
        if self.complete is not None:
            return self.complete(stem, extra=extra, limit=21)
        if self._sorted is None:
            self._sorted = sorted(self.keys)
        found = []
        i = bisect.bisect_left(self._sorted, stem)
        while i < len(self._sorted) and self._sorted[i].startswith(stem):
            if len(self._sorted[i]) - len(stem) <= extra and " " not in self._sorted[i][len(stem):]:
                found.append(self._sorted[i])
            i += 1
            if len(found) > 20:
                break
        return found


_CACHE: dict[tuple[str, str], NameIndex] = {}
_LOCK = threading.Lock()


def name_index(gazetteer) -> NameIndex:
    """The index of ``gazetteer``, built on first use in this process (from the on-disk
    copy when an earlier process left one for this very gazetteer version)."""
    ident = (str(gazetteer.path), gazetteer.version)
    with _LOCK:
        index = _CACHE.get(ident)
        if index is None:
            _CACHE.clear()  # one gazetteer at a time: an import replaces the old index
            index = _CACHE[ident] = _index(gazetteer)
            _out_of_gc()
    return index


def _out_of_gc() -> None:
    """Move the index (1.5 M set entries), and whatever else the process holds now, out of the
    cyclic GC's reach (``gc.freeze``): every full collection would walk the sets again, about
    0.1 s each time, some 0.25 ms per parsed document on average. The index lives as long as
    the process; the price is that cyclic garbage already unreachable now is never collected."""
    import gc

    gc.freeze()


def _index(gazetteer) -> NameIndex:
    """Reading a million keys back from the disk cache is several times faster than the SQL
    scan that made them."""
    from ..gazetteer.diskcache import cached

    def scan():
        index = build_index(gazetteer.iter_keys(), gazetteer.version)
        return tuple(index.keys), tuple(index.prefixes)

    keys, prefixes = cached(scan, "name-index", str(gazetteer.path), gazetteer.version,
                            announce="the gazetteer's name index for place recognition (a few seconds)")
    path = gazetteer.path

    def complete(stem: str, **how) -> list[str]:  # the process's own connection, also after a fork
        from ..gazetteer import shared_gazetteer

        return shared_gazetteer(path, build=False).keys_with_prefix(stem, **how)

    def prefer(forms: list[str], lang: str | None) -> str:
        from ..gazetteer import shared_gazetteer

        return _likeliest(shared_gazetteer(path, build=False), forms, lang)

    return NameIndex(frozenset(keys), frozenset(prefixes), gazetteer.version, complete=complete, prefer=prefer)


def _likeliest(gazetteer, forms: list[str], lang: str | None) -> str:
    """Of the names an inflected word may stand for (Polish *Nysie*: *Nysa* or *Nys*; *Kosowie*:
    *Kosowo* or *Kos*; Ukrainian *Львові*: *Львове*, *Львов*, *Львів*), first those that are some
    place's own name or its name in the text's language (*Nysa*, *Kosowo*, *Kos*; *Nys* is only
    another language's name of Nice), then the one with the most prominent place (Kosovo, not
    Kos; Lviv, not the village Lvove); the first of equals."""
    from ..gazetteer import name_key
    from ..geocode.core import prior_weight

    def standing(form: str) -> tuple[bool, float]:
        places = gazetteer.candidates(form)
        own = any(name_key(p.name) == form for p in places) or (
            lang is not None and any(lang in langs for langs in gazetteer.name_languages(form).values()))
        return own, max(map(prior_weight, places), default=0.0)

    return max(forms, key=standing)


def build_index(keys, version: str = "") -> NameIndex:
    all_keys = set()
    prefixes = set()
    for key in keys:
        all_keys.add(key)
        if " " in key:
            words = key.split(" ")[:MAX_WORDS]
            for n in range(1, len(words)):
                prefixes.add(" ".join(words[:n]))
    return NameIndex(frozenset(all_keys), frozenset(prefixes), version)
