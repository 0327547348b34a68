"""CSV and XLSX of an API collection, for people who work in spreadsheets: one row per item, one column per
field; lists are joined with "; ", nested items flattened. Built with the export kit (no cell runs as a formula)."""

from rest_framework import renderers

from common.exports import XLSX, csv_response, xlsx_response


def _cell(value):
    if isinstance(value, list):
        return "; ".join(", ".join(str(v) for v in item.values() if v not in (None, "")) if isinstance(item, dict)
                         else str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    return "" if value is None else value


def _table(data) -> tuple[list, list[list]]:
    """Header and rows of a list of items (or a page of them, or one item). A nested item (an initiative's
    latest status) becomes one column per field; a frozen report stays one cell."""
    rows = data if isinstance(data, list) else data.get("results", [data]) if isinstance(data, dict) else []
    nested: dict[str, list] = {}
    for row in rows:
        for key, value in row.items():
            if isinstance(value, dict) and key != "report":
                nested.setdefault(key, [])
                nested[key] += [sub for sub in value if sub not in nested[key]]
    header = []
    for key in (rows[0] if rows else {}):
        header += [f"{key}.{sub}" for sub in nested[key]] if key in nested else [key]
    body = []
    for row in rows:
        flat = {}
        for key, value in row.items():
            if key in nested:
                flat.update({f"{key}.{sub}": item for sub, item in (value or {}).items()})
            else:
                flat[key] = value
        body.append([_cell(flat.get(name)) for name in header])
    return header, body


def _filename(renderer_context, ext) -> str:
    view = (renderer_context or {}).get("view")
    basename = getattr(view, "basename", None) or "data"
    return f"{basename}.{ext}"


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        header, body = _table(data)
        made = csv_response(_filename(renderer_context, "csv"), header, body)
        if renderer_context and "response" in renderer_context:
            renderer_context["response"]["Content-Disposition"] = made["Content-Disposition"]
        return made.content


class XLSXRenderer(renderers.BaseRenderer):
    media_type = XLSX
    format = "xlsx"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        header, body = _table(data)
        filename = _filename(renderer_context, "xlsx")
        made = xlsx_response(filename, title=filename.removesuffix(".xlsx"), header=header, body=body)
        if renderer_context and "response" in renderer_context:
            renderer_context["response"]["Content-Disposition"] = made["Content-Disposition"]
        return made.content
