"""JSON Lines and CSV: many documents per file, streamed record by record.

A bad record is one problem naming its line, and reading goes on; a file
that is not what its suffix says (binary, no text column) is one problem.
A record is UTF-8, or else decoded by charset-normalizer's guess for the
file (made from the file's first lines that are not UTF-8), so a file read
whole and the same file cut into Dask partitions give the same documents.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from .model import MAX_RECORD_BYTES, Document, DocumentError, Problem, ReadOptions
from .records import TEXT_FIELDS, document_from_record, find_field
from .text import SAMPLE_BYTES, decode_bytes, guess_encoding, is_binary

Report = Callable[[Problem], None]
#: Bytes looked at to recognise a binary file or a CSV dialect.
HEAD_BYTES = 65536


def document_from_line(raw: bytes, *, default_id: str, options: ReadOptions = ReadOptions(),
                       path: str | None = None, line: int | None = None, encoding: str | None = None) -> Document:
    """The document of one JSON Lines line; DocumentError (one line, no location) when none.
    ``encoding`` is the file's (:func:`file_encoding`), used when the line is not UTF-8."""
    if len(raw) > MAX_RECORD_BYTES:
        raise DocumentError(f"line too long for one article ({len(raw) / 1e6:.1f} MB; at most "
                            f"{MAX_RECORD_BYTES / 1e6:.0f} MB)")
    if b"\x00" in raw:
        raise DocumentError("line holds NUL bytes: binary data, not JSON; skipped")
    try:
        record = json.loads(decode_bytes(raw, "line", encoding=encoding))
    except InputError as exc:
        raise DocumentError(str(exc).removeprefix("line: ")) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(f"broken JSON ({exc.msg} at column {exc.colno})") from None
    return document_from_record(record, default_id=default_id, options=options, path=path, line=line)


def is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def file_encoding(path: str | Path) -> str | None:
    """charset-normalizer's guess from the lines of the file's head that are not UTF-8
    (None when all are): one guess per file, from more text than any one line."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    foreign = [raw for raw in sample.split(b"\n") if not is_utf8(raw)]
    return guess_line_encoding(foreign) if foreign else None


def guess_line_encoding(lines: list[bytes]) -> str | None:
    """The encoding of JSON lines' string values (their keys and punctuation,
    all ASCII, would drown the few letters that tell one code page from another)."""
    values = []
    for raw in lines:
        try:
            record = json.loads(raw.decode("latin-1"))  # bytes kept one to one
        except ValueError:
            values.append(raw)
            continue
        items = record.values() if isinstance(record, dict) else [record]
        values += [value.encode("latin-1") for value in items if isinstance(value, str)]
    return guess_encoding(b"\n".join(values))


def jsonl_documents(lines, name: str, report: Report, *, options: ReadOptions, stem: str,
                    path: Path | None = None) -> Iterator[Document]:
    """Documents of numbered raw lines (JSON Lines are split at "\\n" only:
    U+2028 and friends are legal inside JSON strings). ``path`` is the file, for its encoding."""
    encoding: str | None = None
    for number, raw in lines:
        if not raw.strip():
            continue
        if encoding is None and not is_utf8(raw):
            encoding = file_encoding(path) if path is not None else guess_line_encoding([raw])
        try:
            yield document_from_line(raw, default_id=f"{stem}:{number}", options=options, path=name, line=number,
                                     encoding=encoding)
        except DocumentError as exc:
            report(Problem(path=name, line=number, message=str(exc)))


def read_jsonl(path: Path, report: Report, *, options: ReadOptions = ReadOptions()) -> Iterator[Document]:
    """One document per line (see :mod:`geomap.documents.records` for the field names)."""
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        report(Problem(path=name, message=f"cannot read ({exc.strerror or exc})"))
        return
    with handle:
        head = handle.read(HEAD_BYTES)
        handle.seek(0)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: not splittable at b"\n"; decode whole
            try:
                text = decode_bytes(handle.read(MAX_RECORD_BYTES), name)
            except InputError as exc:
                report(Problem(path=name, message=str(exc).removeprefix(f"{name}: ")))
                return
            lines = ((n, line.encode()) for n, line in enumerate(text.split("\n"), 1))
        elif is_binary(head) and not any(_json_object(raw) for raw in head.split(b"\n")[:-1]):
            report(Problem(path=name, message="binary data, not JSON Lines"))
            return
        else:
            lines = enumerate(handle, 1)
        yield from jsonl_documents(lines, name, report, options=options, stem=path.stem, path=path)


def _json_object(raw: bytes) -> bool:
    try:
        return isinstance(json.loads(raw), dict)
    except (ValueError, UnicodeDecodeError):
        return False


def looks_like_jsonl(data: bytes) -> bool:
    """The first non-blank line is a JSON object (how stdin is recognised as JSON Lines)."""
    for raw in data[:MAX_RECORD_BYTES].split(b"\n", 20)[:20]:
        if raw.strip():
            return raw.lstrip().startswith(b"{") and _json_object(raw)
    return False


def read_csv(path: Path, report: Report, *, options: ReadOptions = ReadOptions()) -> Iterator[Document]:
    """One document per row of a CSV/TSV file with a header naming a text column."""
    name = str(path)
    try:
        with path.open("rb") as raw:
            head = raw.read(HEAD_BYTES)
    except OSError as exc:
        report(Problem(path=name, message=f"cannot read ({exc.strerror or exc})"))
        return
    if is_binary(head):
        report(Problem(path=name, message="binary data, not CSV"))
        return
    encoding = _csv_encoding(head)
    csv.field_size_limit(MAX_RECORD_BYTES)
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        sample = handle.read(HEAD_BYTES)
        handle.seek(0)
        reader = csv.DictReader(handle, dialect=_dialect(sample, path.suffix.lower()))
        yield from _csv_rows(reader, name, report, options, path.stem)


def _csv_rows(reader: csv.DictReader, name: str, report: Report, options: ReadOptions,
              stem: str) -> Iterator[Document]:
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        report(Problem(path=name, line=1, message=f"unreadable CSV header ({exc})"))
        return
    if not header:
        report(Problem(path=name, message="no header row"))
        return
    names = (options.text_field,) if options.text_field else TEXT_FIELDS
    if find_field(dict.fromkeys(header), names) is None and find_field(dict.fromkeys(header), ("html",)) is None:
        looked = f"'{options.text_field}' (--text-field)" if options.text_field else ", ".join(TEXT_FIELDS)
        report(Problem(path=name, message=f"no text column: looked for {looked}; it has "
                                          f"{', '.join(h for h in header if h) or 'no named column'}"))
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report(Problem(path=name, line=start, message=f"unreadable CSV row ({exc})"))
            start = reader.line_num + 1
            continue
        row.pop(None, None)  # cells beyond the header
        try:
            yield document_from_record(row, default_id=f"{stem}:{start}", options=options, path=name, line=start)
        except DocumentError as exc:
            report(Problem(path=name, line=start, message=str(exc)))
        start = reader.line_num + 1


def _csv_encoding(head: bytes) -> str:
    try:
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and len(head) == HEAD_BYTES:  # a character cut by the sample's end
            return "utf-8-sig"
    return guess_encoding(head) or "utf-8"


def _dialect(sample: str, suffix: str):
    """Excel's CSV (quotes doubled inside quoted cells, as every spreadsheet and
    pandas write it) with the delimiter of the header row."""
    if suffix == ".tsv":
        return csv.excel_tab
    try:
        delimiter = csv.Sniffer().sniff(sample.split("\n", 1)[0] + "\n", delimiters=",;\t|").delimiter
    except csv.Error:
        return csv.excel
    return type("Sniffed", (csv.excel,), {"delimiter": delimiter})


def read_json(data: bytes, name: str, report: Report, *, options: ReadOptions = ReadOptions()) -> Iterator[Document]:
    """A ``.json`` export: a list of records, an object holding one (``{"articles": [...]}``,
    as news APIs answer), or one record. Problems name the item by its position."""
    try:
        value = json.loads(decode_bytes(data, name))
    except InputError as exc:
        report(Problem(path=name, message=str(exc).removeprefix(f"{name}: ")))
        return
    except json.JSONDecodeError as exc:
        report(Problem(path=name, line=exc.lineno, message=f"broken JSON ({exc.msg} at column {exc.colno})"))
        return
    if isinstance(value, dict) and find_field(value, TEXT_FIELDS + ("html",)) is None:
        lists = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        value = lists[0] if len(lists) == 1 else value
    items = value if isinstance(value, list) else [value]
    stem = Path(name).stem
    for number, record in enumerate(items, 1):
        try:
            yield document_from_record(record, default_id=f"{stem}:{number}" if len(items) > 1 else stem,
                                       options=options, path=name)
        except DocumentError as exc:
            report(Problem(path=name, message=f"item {number}: {exc}" if len(items) > 1 else str(exc)))
