"""Geometry of the server-side SVG charts: plain numbers and strings that the templates draw.

Nothing here needs JavaScript or a style attribute: colours are SVG presentation attributes, and every
status has a pattern and a marker shape of its own, so no chart relies on colour alone.
"""

from django.utils.text import Truncator

from partners.models import PartnerStatus

# Each at least 4.5:1 against white and 3:1 against the map's land colour.
STATUS_COLOURS = {
    PartnerStatus.ACTIVE: "#1b7a3a",
    PartnerStatus.UNDER_CONSIDERATION: "#a85400",
    PartnerStatus.PAUSED: "#5b4a9e",
    PartnerStatus.ENDED: "#5c636a",
}
STATUS_PATTERNS = {
    PartnerStatus.ACTIVE: "solid",
    PartnerStatus.UNDER_CONSIDERATION: "hatch",
    PartnerStatus.PAUSED: "dots",
    PartnerStatus.ENDED: "lines",
}
BAR_COLOUR = "#0a4f9e"
WIDTH = 480
ROW = 34
STATUS_ROW = 26
LABEL_WIDTH = 44


def bar_chart(key: str, title: str, rows: list[tuple]) -> dict:
    """A horizontal bar chart: each row's label above its bar, the number after it.

    `rows` are (label, value) pairs; `key` makes the element ids unique on the page.
    """
    top = max((value for _label, value in rows), default=0)
    scale = (WIDTH - 50) / top if top else 0
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * ROW
        width = round(value * scale, 1)
        bars.append({"label": str(label), "short": Truncator(str(label)).chars(64), "value": value,
                     "text_y": y + 13, "bar_y": y + 18, "bar_width": width, "value_x": width + 6, "value_y": y + 28})
    return {"id": key, "title": title, "width": WIDTH, "height": len(rows) * ROW + 2, "bars": bars,
            "empty": not top, "colour": BAR_COLOUR}


def status_patterns(key: str) -> list[dict]:
    return [{"id": f"{key}-{status}", "status": status, "label": status.label, "colour": STATUS_COLOURS[status],
             "kind": STATUS_PATTERNS[status]} for status in PartnerStatus]


def status_chart(key: str, title: str, over_time: dict) -> dict:
    """Stacked bars: per year, how many partner regions had each status (see selectors.status_over_time). Regions
    known only to have had a status before a date are not drawn in a year before it: a year with such regions is
    marked, and `before` says how many, for a footnote."""
    years = over_time["years"]
    top = max((sum(year["counts"].values()) for year in years), default=0)
    scale = (WIDTH - LABEL_WIDTH - 40) / top if top else 0
    rows = []
    for index, year in enumerate(years):
        x, segments = LABEL_WIDTH, []
        for status in PartnerStatus:
            count = year["counts"][status]
            if count:
                width = round(count * scale, 1)
                segments.append({"x": x, "width": width, "count": count, "status": status.label,
                                 "fill": f"url(#{key}-{status})"})
                x += width
        total = sum(year["counts"].values())
        rows.append({"year": year["year"], "on": year["on"], "counts": [year["counts"][s] for s in PartnerStatus],
                     "total": total, "undated": year["undated"], "y": index * STATUS_ROW,
                     "text_y": index * STATUS_ROW + 16,
                     "segments": segments, "total_x": x + 6})
    return {"id": key, "title": title, "width": WIDTH, "height": len(rows) * STATUS_ROW + 2, "rows": rows,
            "patterns": status_patterns(key), "statuses": [s.label for s in PartnerStatus], "empty": not top,
            "before": over_time["before"]}
