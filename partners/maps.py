"""A map of partner regions, drawn on the server as SVG: no tile server, no script, nothing to load.

The outline is Natural Earth's 1:110m countries (public domain), converted once into
partners/data/world_110m.json by partners/data/make_world_outline.py. Its plane is equirectangular:
x is the longitude and y the negated latitude, in degrees, so a region's seat needs no projection maths
beyond that, and the map's viewport is just the SVG's viewBox around the markers.
"""

import json
import math
from pathlib import Path

from django.utils.translation import gettext as _

from partners.charts import STATUS_COLOURS
from partners.models import PartnerStatus

OUTLINE_FILE = Path(__file__).resolve().parent / "data" / "world_110m.json"
HOME = (9.40, -56.45)  # Viborg, the seat of Central Denmark Region, in the map's plane
DENMARK = "208"
MIN_SPAN = (36.0, 18.0)  # the smallest viewport, in degrees of longitude and latitude
ASPECT = 2.0  # width : height of the viewport
MAX_LABELS = 40  # beyond this many markers, names crowd each other: the table below the map has them all
MAX_MARKERS = 150  # beyond this many, the markers of a status are drawn as one shape, without a name each
MAX_UNPLACED = 30  # names listed of the regions without coordinates; the rest are counted
SHAPES = {
    PartnerStatus.ACTIVE: "circle",
    PartnerStatus.UNDER_CONSIDERATION: "diamond",
    PartnerStatus.PAUSED: "square",
    PartnerStatus.ENDED: "triangle",
}

_outline = None


def outline() -> dict:
    """The world outline, read once per process (about 100 KB)."""
    global _outline
    if _outline is None:
        with OUTLINE_FILE.open(encoding="utf-8") as file:
            _outline = json.load(file)
    return _outline


def viewport(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """x, y, width and height of a viewBox that shows every point with a margin, at the map's aspect ratio."""
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    width = max(max(xs) - min(xs), MIN_SPAN[0]) * 1.2
    height = max(max(ys) - min(ys), MIN_SPAN[1]) * 1.35
    width, height = max(width, height * ASPECT), max(height, width / ASPECT)
    width, height = min(width, 360.0), min(height, 170.0)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, -180.0), 180.0 - width)
    y = min(max(cy - height / 2, -85.0), 85.0 - height)
    return round(x, 2), round(y, 2), round(width, 2), round(height, 2)


def marker_points(shape: str, x: float, y: float, size: float) -> str:
    """The polygon of a marker shape centred on x, y ("" for a circle)."""
    if shape == "diamond":
        corners = [(0, -1.35), (1.35, 0), (0, 1.35), (-1.35, 0)]
    elif shape == "square":
        corners = [(-0.95, -0.95), (0.95, -0.95), (0.95, 0.95), (-0.95, 0.95)]
    elif shape == "triangle":
        corners = [(0, -1.35), (1.25, 0.9), (-1.25, 0.9)]
    elif shape == "star":
        corners = [(math.cos(a) * r, math.sin(a) * r) for i in range(10)
                   for a, r in [(math.pi * (i / 5 - 0.5), 1.6 if i % 2 == 0 else 0.7)]]
    else:
        return ""
    return " ".join(f"{round(x + dx * size, 2)},{round(y + dy * size, 2)}" for dx, dy in corners)


def _overlaps(box, boxes) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes)


def _place_labels(markers: list[dict], size: float, font: float, view) -> None:
    """Put each name beside its marker where it hits no other name or marker; leave it out where none fits."""
    taken = [(m["x"] - size, m["y"] - size, m["x"] + size, m["y"] + size) for m in markers]
    left, top, right, bottom = view[0], view[1], view[0] + view[2], view[1] + view[3]
    for marker in markers[:MAX_LABELS]:
        x, y, width = marker["x"], marker["y"], len(marker["label"]) * font * 0.56
        gap = size * 1.7
        for anchor, tx, ty, x0 in [("start", x + gap, y + font * 0.35, x + gap), ("end", x - gap, y + font * 0.35,
                                   x - gap - width), ("middle", x, y - gap, x - width / 2),
                                   ("middle", x, y + gap + font * 0.75, x - width / 2)]:
            box = (x0, ty - font * 0.85, x0 + width, ty + font * 0.2)
            inside = box[0] >= left and box[2] <= right and box[1] >= top and box[3] <= bottom
            if inside and not _overlaps(box, taken):
                marker.update(text_x=round(tx, 2), text_y=round(ty, 2), anchor=anchor)
                taken.append(box)
                break


def region_map(regions) -> dict:
    """Everything the map template draws for these partner regions (no queries: pass them loaded): a named marker
    per region, or beyond MAX_MARKERS one shape per status placed at every region (`layers`)."""
    placed = [r for r in regions if r.latitude is not None and r.longitude is not None]
    points = [(float(r.longitude), -float(r.latitude)) for r in placed]
    view = viewport([*points, HOME])
    size, font = view[2] / 130, view[2] / 62
    countries = [{"d": c["d"], "home": c["id"] == DENMARK} for c in outline()["countries"]
                 if c["bbox"][0] < view[0] + view[2] and c["bbox"][2] > view[0]
                 and c["bbox"][1] < view[1] + view[3] and c["bbox"][3] > view[1]]
    home = {"label": _("Central Denmark Region"), "x": HOME[0], "y": HOME[1], "points": marker_points(
        "star", *HOME, size)}
    markers, layers = [], []
    if len(placed) > MAX_MARKERS:
        layers = _layers(placed, points, size)  # the home star goes unnamed among so many: the legend names it
    else:
        for region, (x, y) in zip(placed, points, strict=True):
            shape = SHAPES[region.status]
            markers.append({"region": region, "label": str(region), "x": round(x, 2), "y": round(y, 2),
                            "shape": shape, "points": marker_points(shape, x, y, size),
                            "colour": STATUS_COLOURS[region.status], "status": region.get_status_display()})
        _place_labels([home, *markers], size, font, view)
    unplaced = [r for r in regions if r.latitude is None or r.longitude is None]
    return {
        "view_box": " ".join(str(v) for v in view),
        "countries": countries,
        "markers": markers,
        "layers": layers,
        "home": home,
        "size": round(size, 2),
        "stroke": round(size / 3, 3),
        "font": round(font, 2),
        "halo": round(font / 4, 3),
        "unplaced": unplaced[:MAX_UNPLACED],
        "unplaced_more": max(len(unplaced) - MAX_UNPLACED, 0),
        "legend": [{"status": s.label, "shape": SHAPES[s], "colour": STATUS_COLOURS[s],
                    "points": marker_points(SHAPES[s], 8, 8, 5)} for s in PartnerStatus],
        "home_legend": marker_points("star", 8, 8, 4.5),
    }


def _layers(placed, points, size) -> list[dict]:
    """Per status, one shape drawn at every region's place (an SVG <use> each, no name), titled with the number of
    regions it shows."""
    at = {}
    for region, (x, y) in zip(placed, points, strict=True):
        at.setdefault(region.status, []).append((round(x, 1), round(y, 1)))
    return [{"status": status, "shape": SHAPES[status], "points": marker_points(SHAPES[status], 0, 0, size),
             "colour": STATUS_COLOURS[status], "at": places, "title": _("%(count)s partner regions: %(status)s") % {
                 "count": len(places), "status": PartnerStatus(status).label}}
            for status, places in at.items()]
