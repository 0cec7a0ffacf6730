"""Input partitions: byte ranges of JSON Lines files, row groups of Parquet files.

A partition is the unit of work and of output (one GeoParquet file each),
so it must be the same on every run over the same inputs: JSON Lines files
are cut every ``blocksize`` bytes (a line belongs to the block its first
byte is in, as Hadoop and ``dask.bag.read_text`` do) and Parquet files at
row-group boundaries. Nothing here reads more than a file's size or footer,
except :func:`count_line_starts`, which the engine runs as Dask tasks so that
a record without an ``id`` gets the same ``file:line`` name as on one machine.
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..documents import Document, DocumentError, Problem, ReadOptions, document_from_line, document_from_record
from ..errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".geoparquet")
DEFAULT_BLOCKSIZE = 8 * 2**20


@dataclass(frozen=True, slots=True)
class InputPartition:
    """Lines starting in bytes ``[start, stop)`` of a JSON Lines file, or row
    groups ``[start, stop)`` of a Parquet file; ``first_line`` numbers the
    first record (1-based line or row number, for names and messages)."""

    index: int
    path: str
    kind: str
    start: int
    stop: int
    first_line: int = 1

    def __str__(self) -> str:
        unit = "bytes" if self.kind == "jsonl" else "row groups"
        return f"{self.path} ({unit} {self.start}-{self.stop})"


def expand_inputs(patterns: list[str]) -> list[str]:
    """Files named or matched by ``patterns`` (globs allowed), in order, each once."""
    paths: list[str] = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            matched = sorted(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))
            if not matched:
                raise InputError(f"{pattern}: no file matches")
        elif os.path.isdir(pattern):
            raise InputError(f"{pattern} is a directory; give files or a glob such as {pattern}/*.jsonl")
        elif not os.path.isfile(pattern):
            raise InputError(f"{pattern}: no such file")
        else:
            matched = [pattern]
        for path in matched:
            if not path.lower().endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES):
                raise InputError(f"{path}: the Dask engine reads JSON Lines (.jsonl, .ndjson) and Parquet "
                                 "(.parquet) files")
            path = os.path.abspath(path)
            if path not in paths:
                paths.append(path)
    return paths


def plan_partitions(paths: list[str], *, blocksize: int = DEFAULT_BLOCKSIZE, text_field: str | None = None
                    ) -> list[InputPartition]:
    """The partitions of ``paths``, numbered in order (line numbers not yet known)."""
    if blocksize < 1:
        raise InputError(f"blocksize must be positive, not {blocksize}")
    parts: list[InputPartition] = []
    for path in paths:
        if path.lower().endswith(PARQUET_SUFFIXES):
            spans, kind = _parquet_spans(path, text_field), "parquet"
        else:
            size = os.path.getsize(path)
            spans, kind = [(s, min(s + blocksize, size)) for s in range(0, size, blocksize)], "jsonl"
        parts += [InputPartition(len(parts) + n, path, kind, start, stop) for n, (start, stop) in enumerate(spans)]
    return parts


def _parquet_spans(path: str, text_field: str | None) -> list[tuple[int, int]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..documents.records import HTML_FIELDS, TEXT_FIELDS, find_field

    try:
        metadata = pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc
    columns = dict.fromkeys(metadata.schema.names)
    if find_field(columns, (text_field,) if text_field else TEXT_FIELDS + HTML_FIELDS) is None:
        looked = f"'{text_field}' (--text-field)" if text_field else ", ".join(TEXT_FIELDS)
        raise InputError(f"{path}: no text column: looked for {looked}; it has {', '.join(columns)}")
    rows = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
    return [(i, i + 1) for i, n in enumerate(rows) if n]


def count_line_starts(part: InputPartition) -> int:
    """Records starting in ``part``: lines (JSON Lines) or rows (Parquet)."""
    if part.kind == "parquet":
        import pyarrow.parquet as pq

        metadata = pq.ParquetFile(part.path).metadata
        return sum(metadata.row_group(i).num_rows for i in range(part.start, part.stop))
    # a line starts at byte 0 and after every newline: count newlines in [start-1, stop-1)
    lo = max(part.start - 1, 0)
    count = 1 if part.start == 0 and part.stop > 0 else 0
    with open(part.path, "rb") as handle:
        handle.seek(lo)
        remaining = part.stop - 1 - lo
        while remaining > 0:
            chunk = handle.read(min(remaining, 2**22))
            if not chunk:
                break
            count += chunk.count(b"\n")
            remaining -= len(chunk)
    return count


def number_partitions(parts: list[InputPartition], line_starts: list[int]) -> list[InputPartition]:
    """``parts`` with ``first_line`` set from the record counts of the parts before them, file by file."""
    numbered, before, path = [], 0, None
    for part, count in zip(parts, line_starts):
        if part.path != path:
            before, path = 0, part.path
        numbered.append(InputPartition(part.index, part.path, part.kind, part.start, part.stop, before + 1))
        before += count
    return numbered


def read_partition(part: InputPartition, *, options: ReadOptions = ReadOptions()
                   ) -> tuple[list[Document], list[Problem]]:
    """The documents of ``part``, read record by record as ``geomap events``
    reads JSON Lines (:mod:`geomap.documents`: same fields, same ids
    ``<file stem>:<line>``, same problems), and a problem for each record
    that is not a document."""
    from ..documents.lines import file_encoding, is_utf8

    documents, problems = [], []
    stem, encoding = Path(part.path).stem, None
    for line, record in _records(part):
        try:
            if isinstance(record, bytes):
                if encoding is None and not is_utf8(record):  # the file's guess, as on one machine
                    encoding = file_encoding(part.path)
                document = document_from_line(record, default_id=f"{stem}:{line}", options=options,
                                              path=part.path, line=line, encoding=encoding)
            else:
                document = document_from_record(record, default_id=f"{stem}:{line}", options=options,
                                                path=part.path, line=line)
        except DocumentError as exc:
            problems.append(Problem(path=part.path, line=line, message=str(exc)))
            continue
        documents.append(document)
    return documents, problems


def _records(part: InputPartition) -> Iterator[tuple[int, bytes | dict]]:
    """(line or row number, the raw line or the row) of every non-blank record."""
    if part.kind == "parquet":
        import pyarrow.parquet as pq

        handle = pq.ParquetFile(part.path)
        rows = handle.read_row_groups(list(range(part.start, part.stop))).to_pylist()
        for number, row in enumerate(rows, part.first_line):
            yield number, {key: value for key, value in row.items() if value is not None}
        return
    for number, raw in enumerate(_block_lines(part), part.first_line):
        if raw.strip():
            yield number, raw


def _block_lines(part: InputPartition) -> Iterator[bytes]:
    """Lines whose first byte is in ``[start, stop)``; the line running past ``stop`` is read whole."""
    with open(part.path, "rb") as handle:
        if part.start > 0:
            handle.seek(part.start - 1)
            if handle.read(1) != b"\n":
                handle.readline()  # the rest of a line that belongs to the block before
        position = handle.tell()
        while position < part.stop:
            raw = handle.readline()
            if not raw:
                return
            position += len(raw)
            yield raw
