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

#: Characters of the text the identifier reads: enough for news, cheap for long texts.
SAMPLE_CHARS = 600

_IDENTIFIER = None
_LOCK = threading.Lock()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when its start has no letters."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None
    return identifier().classify(sample)[0]


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

        from .diskcache import cache_file

        path = cache_file("py3langid", version("py3langid"), langid.MODEL_FILE).with_suffix(".npz")
        table = path.with_name(path.stem + "-ptc32.npy")
        if not (path.exists() and table.exists()):
            _unpack(path, table, modelio.load_model(langid.MODEL_DIR / langid.MODEL_FILE), np)
        with np.load(path, allow_pickle=False) as data:
            parts = {k: data[k] for k in data.files}
        return langid.LanguageIdentifier(  # a plain ndarray over the mapping: memmap indexing is slower
            np.asarray(np.load(table, mmap_mode="r")), parts["pc"], parts["classes"].tolist(),
            modelio._to_array(parts["nextmove"]), parts["output"].tolist(), tk_row=modelio._to_array(parts["row"]))
    except Exception:  # noqa: BLE001 - an optimisation only: py3langid's own loading is the answer
        return None


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
