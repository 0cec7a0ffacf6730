"""The shape of the package: imports go one way, one vocabulary of kinds and
event types, one exception tree, records built by keyword.

These read the real source tree (ast) and import the real modules; nothing
is mocked.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import geomap
from geomap.errors import GeomapError

pytestmark = pytest.mark.unit

PACKAGE = Path(geomap.__file__).resolve().parent
ROOT = PACKAGE.parent

#: The pipeline, earliest stage first; a module may import from its own stage
#: or an earlier one, never a later one. ``geomap.errors`` and
#: ``geomap.atomic`` are the shared bottom every stage may use.
STAGES = (
    ("geomap.errors", "geomap.atomic"),
    ("geomap.documents",),  # the one way articles come in, used by geoparse, events, Dask and the CLI
    ("geomap.gazetteer",),
    ("geomap.geocode",),
    ("geomap.geoparse",),
    ("geomap.dates",),  # date expressions: a stage of their own, which events use
    ("geomap.events",),
    ("geomap.distributed", "geomap.dask"),
    ("geomap.maps",),
    ("geomap.report",),
    ("geomap.cli", "geomap.__main__"),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """Every geomap module ``name`` imports, at module level or inside a function."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "geomap"}
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1] + [node.module or ""]).strip(".") \
                if node.level else node.module or ""
            if base.split(".")[0] != "geomap":
                continue
            for alias in node.names:  # ``from . import filters``: the submodule is the target
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found - {name}


def _stage(name: str) -> int | None:
    for rank, prefixes in enumerate(STAGES):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return rank
    return None  # the root package: the lazy public facade, importable from anywhere


GRAPH = {name: _imports(name) for name in MODULES}


def test_every_module_has_a_stage():
    assert [m for m in MODULES if m != "geomap" and _stage(m) is None] == []


def test_imports_never_run_from_an_earlier_stage_to_a_later_one():
    upward = [f"{m} -> {t}" for m, targets in GRAPH.items() if _stage(m) is not None
              for t in targets if _stage(t) is not None and _stage(t) > _stage(m)]
    assert upward == []


def test_the_import_graph_has_no_cycles():
    # The root package only names its exports lazily (the facade), so its edges are left out.
    graph = {m: {t for t in targets if t in MODULES and t != "geomap"} for m, targets in GRAPH.items() if m != "geomap"}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    # A package's __init__ re-exporting its own submodules is not a cycle unless a submodule
    # imports the package back.
    assert cycles == []


def test_the_detector_sees_an_upward_import(tmp_path):
    """The checks above are only worth something if an upward import would be found."""
    assert _stage("geomap.gazetteer.store") < _stage("geomap.geocode.core") < _stage("geomap.cli.common")
    assert "geomap.geocode.core" in GRAPH["geomap.geoparse.pipeline"] or \
        "geomap.geocode" in GRAPH["geomap.geoparse.pipeline"]
    assert "geomap.geoparse.filters" in GRAPH["geomap.geoparse.core"]  # ``from . import filters as F``


# -- one vocabulary -------------------------------------------------------
def _literal_collections(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            yield node, node.elts
        elif isinstance(node, ast.Dict):
            yield node, [k for k in node.keys if k is not None]


def test_place_kinds_are_declared_once():
    """No module but gazetteer/kinds.py spells out a collection of kind names."""
    from geomap.gazetteer.kinds import KINDS

    found = []
    for name, path in MODULES.items():
        if name == "geomap.gazetteer.kinds":
            continue
        for node, items in _literal_collections(ast.parse(path.read_text(encoding="utf-8"))):
            values = [i.value for i in items if isinstance(i, ast.Constant)]
            if len(items) >= 2 and len(values) == len(items) and all(v in KINDS for v in values):
                found.append(f"{name}:{node.lineno} {values}")
    assert found == []


def test_event_types_are_declared_once():
    declared = [name for name, path in MODULES.items()
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EVENT_TYPES" for t in node.targets)]
    assert declared == ["geomap.events.model"]
    from geomap.events.model import EVENT_TYPES
    from geomap.maps import pack

    assert pack.EVENT_TYPES is EVENT_TYPES


def test_every_stored_kind_is_in_the_vocabulary(default_gazetteer):
    from geomap.gazetteer.kinds import KINDS

    stored = {row[0] for row in default_gazetteer._conn.execute("SELECT DISTINCT kind FROM places")}
    assert stored and stored <= set(KINDS)


def test_a_kind_is_one_table_row():
    from geomap.gazetteer import kinds

    assert kinds.KINDS == tuple(kinds.TABLE)
    assert kinds.COUNTRY_OR_WIDER == {kinds.CONTINENT, kinds.MACROREGION, kinds.COUNTRY}
    assert kinds.SUBDIVISIONS == {kinds.ADMIN1, kinds.REGION, kinds.ADMIN2}
    assert kinds.WATERS == {kinds.SEA}
    assert kinds.COUNTRY_OR_WIDER | kinds.SUBDIVISIONS | kinds.LOCALITIES | kinds.WATERS == set(kinds.KINDS)
    assert kinds.info("no such kind") is kinds.TABLE[kinds.OTHER]
    assert kinds.cue_covers(kinds.CITY, kinds.OTHER) and not kinds.cue_covers(kinds.OTHER, kinds.CITY)


# -- one exception tree ---------------------------------------------------
def _all_modules():
    for info in pkgutil.walk_packages(geomap.__path__, "geomap."):
        if info.name == "geomap.__main__":
            continue
        yield importlib.import_module(info.name)


def test_every_geomap_exception_is_a_geomap_error_and_a_builtin():
    mine = {obj for module in _all_modules() for obj in vars(module).values()
            if isinstance(obj, type) and issubclass(obj, BaseException) and not issubclass(obj, Warning)
            and obj.__module__.startswith("geomap")}
    assert GeomapError in mine and len(mine) > 5
    outside = sorted(c.__qualname__ for c in mine if not issubclass(c, GeomapError))
    assert outside == []
    builtin = (ValueError, LookupError, OSError, RuntimeError)
    assert sorted(c.__qualname__ for c in mine - {GeomapError} if not issubclass(c, builtin)) == []


def test_usage_and_date_errors_are_input_errors():
    from geomap.cli import UsageError
    from geomap.errors import InputError
    from geomap.events.dates import InvalidDate, parse_published

    assert issubclass(UsageError, InputError) and issubclass(UsageError, ValueError)
    with pytest.raises(InvalidDate) as caught:
        parse_published("2020-02-31")
    assert isinstance(caught.value, GeomapError)


def test_events_lexicon_raises_geomap_errors():
    from geomap.errors import LanguageDataError
    from geomap.events.lexicon import lexicon, load_data

    with pytest.raises(LanguageDataError, match="no events data for language 'zz'") as caught:
        load_data("zz")
    assert isinstance(caught.value, LookupError) and str(caught.value).startswith("no events data")
    assert lexicon("zz").data_lang == "en"  # a language without a file falls back, by design


def test_gazetteer_not_found_is_one_error(tmp_path, capsys):
    from geomap.cli import main
    from geomap.errors import GazetteerNotFound
    from geomap.gazetteer import Gazetteer
    from geomap.gazetteer.importer import import_files

    missing = tmp_path / "nope.sqlite"
    places = tmp_path / "places.csv"
    places.write_text("name,lat,lon\nX,1,2\n", encoding="utf-8")
    messages = []
    for attempt in (lambda: Gazetteer.open(missing), lambda: import_files(missing, [places])):
        with pytest.raises(GazetteerNotFound) as caught:
            attempt()
        messages.append(str(caught.value))
    assert messages == [f"gazetteer file not found: {missing}"] * 2
    assert main(["gazetteer", "import", str(places), "--gazetteer", str(missing)]) == 2
    assert capsys.readouterr().err.strip() == f"geomap: error: gazetteer file not found: {missing}"


# -- records by keyword ---------------------------------------------------
def test_records_are_built_by_keyword_only():
    from geomap.gazetteer import Place
    from geomap.geoparse.model import Mention

    with pytest.raises(TypeError):
        Place("gn:1", "A", 1.0, 2.0, "city", None, None, None, None, 0, "test")
    with pytest.raises(TypeError):
        Mention("d", 0, 1, "A", False)
    from geomap.documents import Document, Problem

    with pytest.raises(TypeError):
        Document("d", "text")
    with pytest.raises(TypeError):
        Problem("file.jsonl", "broken JSON", 3)


def test_a_mention_copies_its_place_in_one_place():
    from geomap.gazetteer import Place
    from geomap.geoparse.model import PLACE_FIELDS, Mention

    place = Place(id="gn:1", name="Aghdam", lat=39.99, lon=46.93, kind="city", feature_code="P.PPL",
                  country_code="AZ", admin1_code="01", admin1="Agdam", population=10, source="test")
    m = Mention(doc_id="d", start=3, end=9, text="Ağdam", resolved=False).with_place(
        place, confidence=0.7, reason="why")
    assert m.resolved and (m.lat, m.lon) == (39.99, 46.93) and (m.confidence, m.reason) == (0.7, "why")
    assert {f: getattr(m, f) for f in PLACE_FIELDS} == {f: getattr(place, f) for f in PLACE_FIELDS}


def test_a_place_round_trips_through_its_row(default_gazetteer):
    from geomap.gazetteer import place_from_row
    from geomap.gazetteer.model import STORED_FIELDS

    (place, *_) = default_gazetteer.lookup("Moskwa")
    row = [getattr(place, f) for f in STORED_FIELDS]
    assert place_from_row(row, matched_name=place.matched_name) == place
    assert default_gazetteer.place(place.id) == place_from_row(row)


def test_place_from_row_makes_a_frozen_place_like_its_constructor():
    """place_from_row fills an unfrozen twin and then makes it a Place: the result must be a
    Place in every way (type, equality, hash, frozen, dataclasses.replace)."""
    import dataclasses

    from geomap.gazetteer import Place, place_from_row

    row = ("gn:1", "Aghdam", 39.99, 46.93, "city", "P.PPL", "AZ", "01", None, 10, "test", "Ağdam")
    place = place_from_row(row, confidence=0.25, match="exact")
    made = Place(id="gn:1", name="Aghdam", lat=39.99, lon=46.93, kind="city", feature_code="P.PPL",
                 country_code="AZ", admin1_code="01", admin1=None, population=10, source="test",
                 matched_name="Ağdam", confidence=0.25, match="exact")
    assert type(place) is Place and place == made and hash(place) == hash(made) and place.to_dict() == made.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Agdam"
    assert dataclasses.replace(place, match="fuzzy") == dataclasses.replace(made, match="fuzzy")


# -- the CLI --------------------------------------------------------------
def test_a_missing_subcommand_module_is_an_error(monkeypatch):
    import geomap.cli as cli

    monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, "no_such_cmd"))
    with pytest.raises(ModuleNotFoundError, match="no_such_cmd"):
        cli.build_parser()


def test_subcommands_share_helpers_only_through_common():
    cross = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if m.startswith("geomap.cli.") and m.endswith("_cmd")
                   for t in targets if t.startswith("geomap.cli.") and t.endswith("_cmd"))
    assert cross == []



def test_argument_errors_come_before_the_gazetteer_is_opened(tmp_path, monkeypatch, capsys):
    """A bad command line fails at once: no gazetteer is opened, let alone built on first use."""
    from geomap.cli import main

    home = tmp_path / "empty-home"
    monkeypatch.setenv("GEOMAP_HOME", str(home))
    for argv, message in ((["parse", "-", "-"], "stdin (-) given more than once"),
                          (["parse", "x.txt", "--workers", "0"], "--workers must be at least 1, not 0"),
                          (["geocode", "Baku", "--limit", "0"], "--limit must be at least 1, not 0")):
        assert main(argv) == 2
        assert capsys.readouterr().err.strip() == f"geomap: error: {message}"
    assert not home.exists()
