"""How data go into a page: JSON for a small payload, a packed binary for a large one.

The packed form is ``base64(gzip(u32 header length | header JSON | columns))``:
numeric columns (numpy arrays) are stored as little-endian bytes in the
narrowest integer type that holds them, and the header names each one with
``{"$": type, "o": offset, "n": length}``. The browser inflates it natively
and views the columns as typed arrays, so 100,000 events cost no JSON
parsing of numbers on either side (see static/geomap-payload.js).

A map's events are split in two: the ``core`` (positions, days, types,
numbers: all that drawing and the time bar need) and the ``text`` (names,
quotes, titles, links), which the page decodes after the events are drawn.
"""
from __future__ import annotations

import base64
import json
import zlib

#: Numeric column types, narrowest first, as the page's typed arrays name them.
_INT_TYPES = (("u1", "uint8"), ("i1", "int8"), ("u2", "uint16"), ("i2", "int16"), ("i4", "int32"))
ALIGN = 8


def split_payload(payload: dict) -> tuple[dict, dict]:
    """(core, text): the text columns and the merged events' source lists go in ``text``."""
    core = {key: value for key, value in payload.items() if key != "text"}
    text = {"text": payload.get("text") or {}, "sources": None}
    if payload.get("reports"):
        core["reports"] = {key: value for key, value in payload["reports"].items() if key != "sources"}
        text["sources"] = payload["reports"].get("sources")
    return core, text


def encode(data: dict, *, packed: bool) -> tuple[str, str]:
    """Script-safe text and its encoding: ``json`` or ``gzip+base64`` (the packed binary)."""
    if not packed:
        from .pack import to_script_json

        return to_script_json(_as_lists(data)), "json"
    columns: list[bytes] = []
    header = _extract(data, columns, [0])
    return pack_json_text(json.dumps(header, ensure_ascii=False, separators=(",", ":"), allow_nan=False), columns), \
        "gzip+base64"


def pack_json_text(header: str, columns: list[bytes] = ()) -> str:
    """The packed form of a JSON text (already made, e.g. a committed TopoJSON file) and its columns."""
    head = header.encode("utf-8")
    start = 4 + len(head)
    parts = [len(head).to_bytes(4, "little"), head, b"\0" * (-start % ALIGN)]
    parts.extend(columns)
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)  # wbits 31: a gzip stream, as DecompressionStream('gzip') reads
    packed_bytes = b"".join(packer.compress(part) for part in parts) + packer.flush()
    return base64.b64encode(packed_bytes).decode("ascii")


def _extract(node, columns: list[bytes], offset: list[int]):
    """The header: numpy arrays replaced by references to their bytes (appended to ``columns``)."""
    import numpy

    if isinstance(node, numpy.ndarray):
        kind, values = _narrow(node)
        raw = values.tobytes()
        ref = {"$": kind, "o": offset[0], "n": int(len(values))}
        pad = -len(raw) % ALIGN
        columns.append(raw + b"\0" * pad)
        offset[0] += len(raw) + pad
        return ref
    if isinstance(node, dict):
        return {key: _extract(value, columns, offset) for key, value in node.items()}
    return node  # lists (names, source lists) stay JSON


def _narrow(values):
    """The narrowest little-endian integer type that holds every value (int32 at most: the page's limit)."""
    import numpy

    if values.dtype.kind == "f":
        return "f8", values.astype("<f8")
    if not len(values):
        return "u1", values.astype("u1")
    low, high = int(values.min()), int(values.max())
    for kind, name in _INT_TYPES:
        info = numpy.iinfo(name)
        if info.min <= low and high <= info.max:
            return kind, values.astype(numpy.dtype(name).newbyteorder("<"))
    return "i4", numpy.clip(values, -(2**31), 2**31 - 1).astype("<i4")


def _as_lists(node):
    """The same data with numpy arrays as lists, for the JSON form."""
    import numpy

    if isinstance(node, numpy.ndarray):
        return node.tolist()
    if isinstance(node, dict):
        return {key: _as_lists(value) for key, value in node.items()}
    return node
