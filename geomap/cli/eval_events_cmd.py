"""``geomap eval-events GOLD EVENTS``: score an events file against hand-annotated gold events.

GOLD is JSON Lines, one document per line with its ``events`` (the format of
the project's ``events_dev.jsonl``); EVENTS is what ``geomap events`` wrote
(GeoJSON or CSV). Prints precision, recall, F1, place-only scores, type
accuracy, fatality exact-match rate and the wrong-place share, overall, per
corpus and per language.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import UsageError, common_options


def register(sub) -> None:
    parser = sub.add_parser("eval-events", parents=[common_options()], help="score events against gold events",
                            description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, metavar="GOLD", help="gold events (JSON Lines, one document a line)")
    parser.add_argument("events", type=Path, metavar="EVENTS", help="system events (.geojson or .csv)")
    parser.add_argument("--corpus", metavar="NAME", help="only the gold documents of this corpus")
    parser.add_argument("--ignore-historical", action="store_true",
                        help="leave out gold events flagged historical and the events matched to them")
    parser.add_argument("--toponyms", type=Path, nargs="*", metavar="JSONL",
                        help="corpora with the documents' gold toponyms, for the wrong-place share "
                             "(default: the JSON Lines files beside GOLD that have toponyms)")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..events.score import default_corpora, read_gold, read_system, score_events

    for path, what in ((args.gold, "gold events"), (args.events, "events")):
        if not path.is_file():
            raise UsageError(f"{what} file not found: {path}")
    if args.events.suffix.lower() not in (".geojson", ".json", ".csv"):
        raise UsageError(f"events must be .geojson or .csv, not {args.events.name}")
    corpora = args.toponyms if args.toponyms is not None else default_corpora(args.gold)
    report = score_events(read_gold(args.gold), read_system(args.events), corpora=corpora,
                          ignore_historical=args.ignore_historical, corpus=args.corpus, by_language=True)
    print(json.dumps(report, indent=1, default=str) if args.json else format_report(report))
    return 0


def _f(value) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_report(report: dict) -> str:
    lines = [f"documents {report['documents']}   gold events {report['gold_events']}   system events "
             f"{report['system_events']}   (not a gold document: {report['system_events_in_other_docs_ignored']})",
             f"{'':16s} {'gold':>5s} {'sys':>5s} {'match':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} | "
             f"{'placeP':>6s} {'placeR':>6s} {'placeF':>6s} | {'type':>6s} {'fatal':>6s} {'wrongPl':>7s}"]
    rows = [("ALL", report)] + list(report.get("per_corpus", {}).items()) + \
        [(f"  lang {k}", v) for k, v in report.get("per_language", {}).items()]
    for name, r in rows:
        place = r["place_only"]
        lines.append(f"{name:16s} {r['gold_events']:5d} {r['system_events']:5d} {r['matched']:5d} "
                     f"{_f(r['precision'])} {_f(r['recall'])} {_f(r['f1'])} | {_f(place['precision'])} "
                     f"{_f(place['recall'])} {_f(place['f1'])} | {_f(r['type_accuracy'])} "
                     f"{_f(r['fatalities']['exact_match_rate'])} {_f(r['wrong_place']['share'])}")
    dated = report["recall_on_dated_gold"]
    lines.append(f"recall on the {dated['gold_events_with_date']} gold events with a date: "
                 f"{_f(dated['recall']).strip()}")
    return "\n".join(lines)
