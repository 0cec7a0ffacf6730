"""``geomap eval GOLD.jsonl``: run the geoparser on a gold corpus and score it.

Prints recognition P/R/F1 (overlap and exact), Acc@161km, median and mean
error and AUC over recognised toponyms, and the same end to end.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import UsageError, common_options


def register(sub) -> None:
    parser = sub.add_parser("eval", parents=[common_options()], help="score the geoparser on a gold corpus")
    parser.add_argument("gold", type=Path, metavar="GOLD.jsonl", help="gold corpus: id, text, toponyms, ignore")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    parser.add_argument("--predictions", type=Path, metavar="PATH",
                        help="also write the predictions (one line per document, scorer format)")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--max-docs", type=int, metavar="N", help="only the first N documents")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..documents import DocumentError, as_document
    from ..errors import InputError
    from ..geoparse.evaluate import read_gold, score_predictions
    from ..geoparse.pipeline import iter_parse
    from .common import open_gazetteer, output_stream, progress, skip_message

    if not args.gold.is_file():
        raise UsageError(f"gold corpus not found: {args.gold}")
    gold = read_gold(args.gold)[: args.max_docs] if args.max_docs else read_gold(args.gold)
    if not gold:
        raise InputError(f"{args.gold}: no gold documents (empty file)")
    predictions: dict[str, list[dict]] = {}
    with open_gazetteer(args) as gazetteer, progress(len(gold), args.quiet, "evaluating") as advance:
        def documents():  # through geomap.documents, as `geomap parse` reads them; language detected
            for n, record in enumerate(gold):
                try:
                    yield as_document({"id": record["id"], "text": record["text"]}, n)
                except DocumentError as exc:
                    print(f"geomap: skipped {args.gold}: gold document {record['id']}: {exc}", file=sys.stderr)

        for result in iter_parse(documents(), gazetteer=gazetteer, workers=max(1, args.workers)):
            advance()
            if result.mentions is None:
                print(f"geomap: skipped {skip_message(result)}", file=sys.stderr)
                continue
            predictions[result.doc_id] = [{"start": m.start, "end": m.end, "name": m.text, "lat": m.lat,
                                           "lon": m.lon} for m in result.mentions]
    if args.predictions:
        with output_stream(args.predictions) as out:
            for doc_id, toponyms in predictions.items():
                out.write(json.dumps({"id": doc_id, "toponyms": toponyms}, ensure_ascii=False) + "\n")
    report = {"corpus": str(args.gold), **score_predictions(gold, predictions)}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(format_report(report))
    return 0


def _f(x, pct: bool = False) -> str:
    if x is None:
        return "n/a"
    return f"{100 * x:.1f}%" if pct else f"{x:.3f}" if abs(x) < 10 else f"{x:.1f}"


def format_report(r: dict) -> str:
    o, x = r["recognition_overlap"], r["recognition_exact"]
    g, e = r["resolution_recognised"], r["resolution_end_to_end"]
    return "\n".join([
        f"corpus      {r['corpus']}  ({r['documents']} docs, {r['gold_toponyms']} gold toponyms; "
        f"{r['predictions_on_ignore_spans']} predictions on ignore spans)",
        f"recognition (overlap)  P={_f(o['precision'])} R={_f(o['recall'])} F1={_f(o['f1'])}  "
        f"tp={o['tp']} fp={o['fp']} fn={o['fn']}",
        f"recognition (exact)    P={_f(x['precision'])} R={_f(x['recall'])} F1={_f(x['f1'])}  "
        f"tp={x['tp']} fp={x['fp']} fn={x['fn']}",
        f"resolution (recognised gold, n={g['n']}, {g['matched_without_coordinates']} without coords)  "
        f"acc@161km={_f(g['acc@161km'], True)}  median={_f(g['median_km'])} km  mean={_f(g['mean_km'])} km  "
        f"AUC={_f(g['auc'])}",
        f"resolution (end-to-end, all gold, n={e['n']})  acc@161km={_f(e['acc@161km'], True)}  "
        f"median={_f(e['median_km'])} km  mean={_f(e['mean_km'])} km  AUC={_f(e['auc'])}",
    ])
