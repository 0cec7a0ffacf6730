"""Gazetteer sources: each module reads one kind of input and yields
``(place, names)`` pairs, where ``place`` is a dict of
:data:`geomap.gazetteer.schema.PLACE_COLUMNS` and ``names`` a list of
``(name, lang)``. Merging is the writer's job, not theirs.
"""
