"""Language identification of a document (py3langid on the text's first characters).

py3langid ships its model LZMA-compressed; unpacking it costs a fresh process about
0.5 s CPU, more than a third of the time to the first parsed document. The unpacked
arrays are kept in the per-user cache directory (``diskcache``'s folder, keyed by the
py3langid version) and the identifier is built from them with py3langid's own class, so
the answers are py3langid's (its feature table widened to float32, exactly, see ``_unpack``). Anything unexpected (another py3langid layout, an unreadable
cache) falls back to py3langid's own loading.
"""
from __future__ import annotations

import threading
from functools import lru_cache

#: Characters of the text the identifier reads: enough for news, cheap for long texts.
SAMPLE_CHARS = 600

_IDENTIFIER = None
_LOCK = threading.Lock()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when its start has no letters. An answer
    that is an individual language of a macrolanguage (Wu Chinese, Egyptian Arabic) is that
    macrolanguage (``zh``, ``ar``), whose data (cue words, date forms) geomap has."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None
    code = identifier().classify(sample)[0]
    return macrolanguages().get(code, code)


@lru_cache(maxsize=1)
def macrolanguages() -> dict[str, str]:
    """``{ISO 639-3 individual language: ISO 639-1 macrolanguage}`` (data/macrolanguages.json)."""
    import json
    from importlib import resources

    raw = json.loads(resources.files("geomap.geoparse").joinpath("data/macrolanguages.json").read_text("utf-8"))
    return {code: macro for code, macro in raw.items() if not code.startswith("_")}


def identifier():
    """The process's py3langid identifier, loaded once (forked workers inherit it)."""
    global _IDENTIFIER
    with _LOCK:
        if _IDENTIFIER is None:
            _IDENTIFIER = _cached() or _py3langid()
    return _IDENTIFIER


def _py3langid():
    from py3langid import langid

    return langid._get_identifier()


def _cached():
    """py3langid's identifier from unpacked arrays (None when that cannot be done)."""
    try:
        from importlib.metadata import version

        import numpy as np
        from py3langid import langid, modelio

        from ..gazetteer.diskcache import cache_file

        path = cache_file("py3langid", version("py3langid"), langid.MODEL_FILE).with_suffix(".npz")
        table = path.with_name(path.stem + "-ptc32.npy")
        if not (path.exists() and table.exists()):
            _unpack(path, table, modelio.load_model(langid.MODEL_DIR / langid.MODEL_FILE), np)
        with np.load(path, allow_pickle=False) as data:
            parts = {k: data[k] for k in data.files}
        ident = _identifier_class()(  # a plain ndarray over the mapping: memmap indexing is slower
            np.asarray(np.load(table, mmap_mode="r")), parts["pc"], parts["classes"].tolist(),
            modelio._to_array(parts["nextmove"]), parts["output"].tolist(), tk_row=modelio._to_array(parts["row"]))
        if SYNC_DEPTH.get(version("py3langid")):
            ident.vectorise(SYNC_DEPTH[version("py3langid")])
        return ident
    except Exception:  # noqa: BLE001 - an optimisation only: py3langid's own loading is the answer
        return None


#: Bytes after which py3langid's tokenising automaton is in the same state whatever state
#: it started from (an Aho-Corasick automaton over byte n-grams forgets all but its last few
#: bytes), per py3langid version; proved by ``sync_depth`` in tests/test_geoparse_fast_paths.py
#: (about 6 s of numpy: too slow to work out on a user's first run). A version not listed
#: walks the text byte by byte, py3langid's own way.
SYNC_DEPTH = {"0.4.0": 6}
#: Shorter texts are walked byte by byte: numpy's per-call cost is more than the walk.
VECTOR_MIN_BYTES = 64


@lru_cache(maxsize=1)
def _identifier_class():
    """py3langid's identifier whose feature counting runs in numpy instead of a Python loop over
    the text's bytes (two thirds of identification time). Because the automaton is synchronised
    after ``depth`` bytes, the state after byte *i* is the state reached from the start state
    over bytes *i-depth+1 .. i* alone: ``depth`` vectorised steps over all positions give every
    state. The features, in text order, are then counted and scored as py3langid does, so the
    scores are the same, bit for bit."""
    from collections import Counter

    import numpy as np
    from py3langid import langid

    class Identifier(langid.LanguageIdentifier):
        __slots__ = ("_depth", "_nm", "_rows", "_out")

        def vectorise(self, depth: int) -> None:
            self._depth = depth
            self._nm = np.asarray(self.tk_nextmove)  # a view of py3langid's array, not a copy
            self._rows = np.asarray(self._rowbase, dtype=np.int64)
            self._out = np.asarray(self.tk_output, dtype=np.int64)

        def _raw_score(self, text):
            depth = getattr(self, "_depth", None)
            if depth is None or len(text) < VECTOR_MIN_BYTES:
                return super()._raw_score(text)
            features = feature_sequence(self._nm, self._rows, self._out, text, depth).tolist()
            if not features:
                return super()._raw_score(b"")
            return self._sparse_score(Counter(features), self.nb_ptc)  # py3langid's own scoring

    return Identifier


def feature_sequence(nm, rows, out, data: bytes, depth: int):
    """The features py3langid's ``visit_counts`` sees, in text order, computed for all positions
    at once (see :func:`_identifier_class`)."""
    import numpy as np

    letters = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
    n = len(letters)
    states = np.zeros(n, dtype=np.int64)
    for j in range(min(depth, n) - 1, -1, -1):  # oldest byte of each window first
        states[j:] = nm[rows[states[j:]] + letters[:n - j]]
    features = out[states]
    return features[features >= 0]


def _unpack(path, table, model, np) -> None:
    """The model's arrays, and its feature table widened from float16 to float32 (exactly:
    every float16 is a float32). numpy scores a float16 table by converting the rows it
    gathers on every call, a third of the identifier's time; the widened table is
    memory-mapped, so worker processes share one copy."""
    from ..atomic import atomic_path

    ptc, pc, classes, nextmove, row, output = model
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(table) as tmp, open(tmp, "wb") as f:
        np.save(f, np.asarray(ptc, dtype=np.float32))
    with atomic_path(path) as tmp, open(tmp, "wb") as f:
        np.savez(f, pc=pc, classes=np.array(classes), nextmove=np.asarray(nextmove),
                 row=np.asarray(row), output=np.asarray(output, dtype=np.int32))
