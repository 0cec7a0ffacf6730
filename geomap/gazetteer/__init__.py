"""Stage 1: the offline place store (SQLite), its sources and its imports."""
from . import kinds
from .kinds import KINDS
from .model import Place, place_from_row
from .normalize import name_key
from .paths import default_gazetteer_path, geomap_home
from .store import Gazetteer, shared_gazetteer
from .distance import haversine_km

__all__ = ["KINDS", "kinds", "Gazetteer", "Place", "default_gazetteer_path", "geomap_home", "haversine_km", "name_key",
           "place_from_row", "shared_gazetteer"]
