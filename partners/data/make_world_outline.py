"""Convert Natural Earth's 1:110m countries (TopoJSON from the npm package world-atlas@2) into world_110m.json.

Run once by hand when the outline should change; the portal only reads the result:

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python partners/data/make_world_outline.py /tmp/package/countries-110m.json partners/data/world_110m.json

The output holds one SVG path per country in an equirectangular plane (x = longitude, y = -latitude,
one decimal), with the country's ISO 3166 numeric code and bounding box. Antarctica is left out;
the few rings across the antimeridian are kept whole east of 180°.
"""

import json
import sys

ANTARCTICA = "010"


def decode_arcs(topology):
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    if any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
        # A ring across the antimeridian (Fiji, Chukotka): keep it whole, east of 180°.
        points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    return points


def path(rings):
    parts, xs, ys = [], [], []
    for points in rings:
        rounded = [(round(lon, 1), round(-lat, 1)) for lon, lat in points]
        command, previous = [], None
        for x, y in rounded:
            if previous is None:
                command.append(f"M{x:g} {y:g}")
            elif (x, y) != previous:
                command.append(f"l{round(x - previous[0], 1):g} {round(y - previous[1], 1):g}")
            previous = (x, y)
            xs.append(x)
            ys.append(y)
        if len(command) > 2:
            parts.append("".join(command) + "z")
    return "".join(parts), [min(xs), min(ys), max(xs), max(ys)]


def main(source, target):
    topology = json.load(open(source, encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        d, bbox = path([ring(arcs, r) for polygon in polygons for r in polygon])
        countries.append({"id": geometry.get("id", ""), "name": geometry["properties"]["name"], "bbox": bbox, "d": d})
    with open(target, "w", encoding="utf-8") as out:
        json.dump({
            "source": "Natural Earth 1:110m Admin 0 countries, version 4.1.0, via the npm package world-atlas 2.0.2",
            "licence": "Natural Earth data is in the public domain (naturalearthdata.com/about/terms-of-use). "
                       "world-atlas: ISC licence, Copyright 2013-2019 Michael Bostock.",
            "countries": countries,
        }, out, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(*sys.argv[1:3])
