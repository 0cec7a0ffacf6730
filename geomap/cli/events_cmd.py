"""``geomap events INPUT... -o events.geojson``: articles -> dated events (and unresolved places).

INPUT is a text or HTML file, a directory (read recursively), a JSON Lines
or CSV file (see :mod:`geomap.documents` for the field names read), or an
RSS/Atom feed; ``-`` reads stdin (one article, a feed, or JSON Lines). The
output format follows the suffix: .geojson, .csv, .parquet, .gpkg (GeoJSON on
stdout without ``-o``). Place mentions the gazetteer lacks go to
``<output>.unresolved.csv`` (or ``--unresolved PATH``).

Exit status: 0 every document processed, 1 some file, line or document was
reported and skipped, 2 usage error or nothing could be processed.
"""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

from .common import UsageError, at_least_one, common_options


def register(sub) -> None:
    parser = sub.add_parser("events", parents=[common_options()], help="articles -> dated events (GeoJSON/CSV/GeoParquet/GPKG)")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="text/HTML files, directories, JSON Lines (.jsonl), CSV, RSS/Atom feeds; - reads stdin")
    parser.add_argument("--output", "-o", type=Path, metavar="PATH",
                        help="events file: .geojson, .csv, .parquet or .gpkg (default: GeoJSON on stdout)")
    parser.add_argument("--unresolved", type=Path, metavar="PATH",
                        help="unresolved place mentions: .csv, .jsonl, .parquet or .gpkg "
                             "(default: <output>.unresolved.csv)")
    from .inputs import add_input_arguments

    add_input_arguments(parser)
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--focus", metavar="PLACE",
                        help="the place the texts are about (an outlet's home region, e.g. \"Louisiana\"): "
                             "ambiguous small places follow it; a JSON Lines 'focus' field wins")
    merging = parser.add_argument_group("one event, many reports (merging across articles)")
    merging.add_argument("--no-merge", action="store_true",
                         help="one row per report: do not merge reports of one occurrence across articles")
    merging.add_argument("--reports", type=Path, metavar="PATH",
                         help="the per-report rows, each with the merged_event_id it joined "
                              "(default with more than one document: <output>.reports.<suffix>)")
    merging.add_argument("--append", action="store_true",
                         help="add the articles not seen before to an existing events file: reads its reports "
                              "file, extracts only new documents (by id), merges all, rewrites both atomically")
    from ..geocode.online import add_online_arguments

    add_online_arguments(parser)
    scale = parser.add_argument_group("Dask engine (pip install geomap[dask]; see docs/scaling.md)")
    scale.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="dask: JSON Lines / Parquet INPUTs (globs too) -> -o OUTDIR of partitioned GeoParquet")
    scale.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="Dask scheduler (default or 'local': a LocalCluster of --workers processes, "
                            "one per core when --workers is 1)")
    scale.add_argument("--resume", action="store_true", help="keep the partitions an earlier run wrote to OUTDIR")
    parser.set_defaults(func=run)


def _run_dask(args) -> int:
    """``--engine dask``: the events stage over partitions on a Dask cluster (geomap.dask.run_events_dask)."""
    from ..dask import PartitionsFailed, run_events_dask
    from .common import progress

    if args.append or args.reports:
        raise UsageError("--engine dask keeps the reports in OUTDIR/events and merges into OUTDIR/merged; "
                         "no --append or --reports (use --resume)")
    if args.output is None or args.unresolved or args.online is not None or "-" in args.inputs:
        raise UsageError("--engine dask needs -o OUTDIR and files (the unresolved table goes to OUTDIR/unresolved; "
                         "no --unresolved, --online or stdin)")
    at_least_one(args.workers, "--workers")
    with progress(None, args.quiet, "partitions") as advance:
        try:
            summary = run_events_dask(args.inputs, args.output, scheduler=args.scheduler, resume=args.resume,
                                      workers=args.workers if args.workers > 1 else None,
                                      gazetteer_path=getattr(args, "gazetteer", None), lang=args.lang,
                                      published=args.published, text_field=args.text_field,
                                      date_field=args.date_field, progress=lambda done, total: advance(),
                                      merge=not args.no_merge)
        except PartitionsFailed as exc:
            for failure in exc.summary.failed:
                print(f"geomap: error: {failure}", file=sys.stderr)
            raise
        except ModuleNotFoundError as exc:
            if exc.name not in ("dask", "distributed", "dask_geopandas"):
                raise
            raise UsageError(f"--engine dask needs the optional extra: pip install 'geomap[dask]' ({exc})") from exc
    for error in summary.errors:
        print(f"geomap: error: {error}", file=sys.stderr)
    if summary.undated:
        from .inputs import undated_line

        print(f"geomap: warning: {undated_line(summary.undated, summary.documents, args)}", file=sys.stderr)
    if not args.quiet:
        print(f"geomap: {summary.documents} documents, {summary.events} events, {summary.unresolved} unresolved "
              f"mentions, {len(summary.errors)} errors, {summary.warnings} warnings; {summary.written} partitions "
              f"written, {summary.skipped} kept, on {summary.workers} workers -> {args.output}", file=sys.stderr)
    return 1 if summary.errors else 0


def _documents(args, report, spool, skipped: list):
    """The documents of every INPUT (geomap.documents), less those ``--append`` has already merged."""
    from ..documents import read_inputs
    from .inputs import read_options

    for doc in read_inputs(args.inputs, report, options=read_options(args)):
        if args.append and spool.has_document(str(doc.doc_id)):
            skipped.append(doc.doc_id)
            continue
        yield doc


def _check(args) -> None:
    from ..atomic import check_output
    from ..events.dates import InvalidDate, parse_published
    from ..events.writers import format_of, unresolved_path
    from .inputs import check_inputs

    at_least_one(args.workers, "--workers")
    check_inputs(args.inputs)
    for path in (args.output, args.unresolved or unresolved_path(args.output), args.reports):
        if path is not None and str(path) != "-":
            format_of(path)
            check_output(path)  # now, not after reading every article
    if args.append and (args.output is None or str(args.output) == "-" or args.no_merge):
        raise UsageError("--append needs -o EVENTS (a file an earlier run wrote) and merging (no --no-merge)")
    if args.published:
        try:
            parse_published(args.published)
        except InvalidDate:
            raise UsageError(f"--published {args.published!r} is not a date") from None


def run(args) -> int:
    from ..errors import InputError
    from ..events.extract import iter_events
    from ..events.merge_io import iter_reports, reports_path
    from ..events.merge_spool import ReportSpool
    from ..events.model import UNRESOLVED_FIELDS
    from ..events.writers import finish_together, open_writer, unresolved_path
    from .common import online_resolver, open_gazetteer, progress
    from .inputs import undated_line
    from .common import check_focus

    if args.engine == "dask" or args.scheduler or args.resume:
        return _run_dask(args)
    _check(args)
    counts = {"error": 0, "warning": 0, "documents": 0, "events": 0, "unresolved": 0, "undated": 0}

    def report(problem) -> None:
        counts[problem.level] += 1
        print(f"geomap: {problem.level}: {problem}", file=sys.stderr)

    skipped: list = []
    unresolved = args.unresolved or unresolved_path(args.output)
    with (nullcontext() if args.no_merge else ReportSpool()) as spool, \
            open_gazetteer(args) as gazetteer, online_resolver(args, gazetteer) as online, \
            progress(None, args.quiet, "events") as advance, \
            (open_writer(args.output) if spool is None else nullcontext()) as events_out, \
            (open_writer(unresolved, fields=UNRESOLVED_FIELDS, geometry=False) if unresolved else nullcontext()) as unresolved_out:
        check_focus(gazetteer, args.focus)
        if args.append:
            for frame in iter_reports(args.reports or reports_path(args.output)):
                spool.add_frame(frame)
        if args.append and unresolved_out is not None:
            unresolved_out.write(_previous_unresolved(unresolved))
        for result in iter_events(_documents(args, report, spool, skipped), gazetteer=gazetteer, workers=args.workers, online=online,
                                  focus=args.focus):
            for problem in result.problems:
                report(problem)
            if not any(p.level == "error" for p in result.problems):
                counts["documents"] += 1
                counts["undated"] += result.article_date is None
            if spool is None:
                events_out.write(result.events)
            else:
                spool.add(event.to_dict() for event in result.events)
            counts["events"] += len(result.events)
            if unresolved_out is not None:
                unresolved_out.write(result.unresolved)
            counts["unresolved"] += len(result.unresolved)
            advance()
        if counts["documents"] == 0 and not args.append:
            raise InputError("no document could be read; nothing written")
        # The events first, then the unresolved table: a failed events write leaves no lone table.
        merged = None if spool is None else _write_merged(args, spool, counts["documents"])
        finish_together(events_out, unresolved_out)
    if counts["undated"]:
        counts["warning"] += 1
        print(f"geomap: warning: {undated_line(counts['undated'], counts['documents'], args)}", file=sys.stderr)
    if not args.quiet:
        _print_summary(args, counts, unresolved, merged, len(skipped))
    return 1 if counts["error"] else 0


def _previous_unresolved(path):
    """The unresolved rows an earlier run wrote (kept by ``--append``), as writer rows."""
    import pandas as pd

    from ..events.merge_io import FrameRow

    if not path.is_file() or path.suffix.lower() != ".csv":
        return []
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return [FrameRow({k: (v if v != "" else None) for k, v in row.items()}) for row in frame.to_dict("records")]


def _write_merged(args, spool, documents: int) -> int:
    """Merge the spooled reports across articles, then write the events and the reports file together."""
    from ..events.merge_io import reports_path, write_streams
    from ..events.model import EVENT_FIELDS

    merged = spool.merge()
    if not spool.count:
        spool.columns.update(dict.fromkeys(EVENT_FIELDS))
    keep_reports = args.reports or ((documents > 1 or args.append) and args.output and str(args.output) != "-")
    targets = [(spool.events(), spool.event_columns(), args.output)]
    if keep_reports:
        targets.append((spool.reports(), spool.report_columns(), args.reports or reports_path(args.output)))
    write_streams(*targets)  # together: an interrupted run leaves neither
    return merged


def _print_summary(args, counts: dict, unresolved, merged: int | None, skipped: int) -> None:
    where = f" -> {args.output}" + (f", {unresolved}" if unresolved else "") if args.output else ""
    skipped = f", {skipped} already in {args.output}" if args.append else ""
    events = (f"{counts['events']} reports merged into {merged} events" if merged is not None
              else f"{counts['events']} events")
    print(f"geomap: {counts['documents']} documents{skipped}, {events}, {counts['unresolved']} "
          f"unresolved mentions, {counts['error']} errors, {counts['warning']} warnings{where}",
          file=sys.stderr)
