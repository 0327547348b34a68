"""Reading an uploaded spreadsheet (XLSX or CSV) safely: the other half of the export kit (common.exports).

The file is read as values only: a formula is refused, never run; the size, the number of rows and the unpacked
size of an XLSX are limited before anything is read in full; a file that is not a spreadsheet is refused with a
message. What comes out is plain: rows of cells, each a stripped string or a date.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

# An XLSX is a zip: refuse one that unpacks to far more than an action plan can hold (a "zip bomb").
MAX_UNPACKED = 50 * 1024 * 1024
# The cells a row may have; a wider row is cut (a sheet whose last columns were merely formatted).
MAX_COLUMNS = 60


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Formula:
    """A cell holding a formula: kept as text for the report, never evaluated."""

    text: str


@dataclass
class Table:
    """The first sheet's rows, numbered as the spreadsheet program numbers them (1 for the first)."""

    rows: list[tuple[int, list]]


def column_letter(index: int) -> str:
    """The spreadsheet's name of the column at `index` (0 is A, 26 is AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class SizeLimit(FileUploadHandler):
    """Stops storing an uploaded file once it passes `limit` bytes, so that a huge upload fills neither memory nor
    disk; the rest of the request is read past. `request.upload_too_large` says so to the view. It must be put in
    place before anything reads the request's body: the view is csrf_exempt and checks the token itself
    (csrf_protect inside), as the Django documentation shows for upload handlers."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit, self.received = limit, 0
        request.upload_too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def too_large(size: int, limit: int) -> str:
    return _("The file is %(size)s MB; the limit is %(limit)s MB.") % {"size": _megabytes(size),
                                                                        "limit": _megabytes(limit)}


def read_table(upload, *, max_bytes: int, max_rows: int, heading_rows: int = 1) -> Table:
    """The non-empty rows of an uploaded XLSX or CSV file (`upload` is a Django UploadedFile).

    Raises SpreadsheetError when the file is too large, is not an XLSX or CSV file, or has more than `max_rows`
    non-empty rows besides up to `heading_rows` rows of headings. Stops reading there, however long the file is."""
    if upload.size > max_bytes:
        raise SpreadsheetError(too_large(upload.size, max_bytes))
    if upload.size == 0:
        raise SpreadsheetError(_("The file is empty."))
    content = upload.read()
    name = (upload.name or "").lower()
    if content[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(content)
    elif name.endswith((".csv", ".txt")) and b"\x00" not in content[:4096]:
        rows = _csv_rows(content)
    else:
        raise SpreadsheetError(_("The file is not an XLSX or CSV file. Save it from your spreadsheet program as "
                                 "“Excel Workbook (.xlsx)” or “CSV” and upload it again."))
    table = []
    for number, cells in rows:
        if any(cell not in ("", None) for cell in cells):
            if len(table) == max_rows + heading_rows:
                raise SpreadsheetError(_("The file has more than %(limit)s rows. Split it into smaller files, "
                                         "e.g. one per goal, and import them one after the other.")
                                       % {"limit": max_rows})
            table.append((number, cells))
    return Table(rows=table)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    not_xlsx = SpreadsheetError(_("The file could not be read as an XLSX workbook. Save it again from your "
                                  "spreadsheet program as “Excel Workbook (.xlsx)” and upload it again."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise SpreadsheetError(_("The workbook unpacks to more than %(limit)s MB: it is not an action "
                                         "plan.") % {"limit": MAX_UNPACKED // 1024 // 1024})
            if "xl/workbook.xml" not in archive.namelist():
                raise not_xlsx
        # Values only, as typed: data_only=False keeps a formula as its text, so that it is refused, not run.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
            yield number, [_xlsx_cell(cell) for cell in row]
        workbook.close()
    except SpreadsheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise not_xlsx from error


def _xlsx_cell(cell):
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if getattr(cell, "data_type", None) == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        return Formula(str(getattr(value, "text", value)))
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _text(str(value))


def _csv_rows(content: bytes):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:4096]
    delimiter = max((";", ",", "\t"), key=sample.split("\n", 1)[0].count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, [_csv_cell(cell) for cell in row[:MAX_COLUMNS]]
    except csv.Error as error:
        raise SpreadsheetError(_("The CSV file could not be read: %(error)s") % {"error": error}) from error


def _csv_cell(value: str):
    value = value.strip()
    # A CSV file has no formulas, but a spreadsheet program runs a cell starting with = as one when it opens it.
    if value.startswith("="):
        return Formula(value)
    return _text(value)


_GUARDED = re.compile(r"^'(?=[=+\-@])")


def _text(value: str) -> str:
    """A text cell, stripped; the apostrophe that the export kit puts before = + - @ (common.exports.safe_cells) is
    taken off again, so that an exported plan reads back as it was."""
    return _GUARDED.sub("", value.strip())


# Dates as people in Denmark write them, and as the portal's exports write them: ISO (2027-03-01), and day before
# month with a four-digit year (01.03.2027, 1-3-2027, 01/03/2027; the English pages show 01/03/2027).
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})$")


class DateRefusal(ValueError):
    """A date that cannot be read, or could be read two ways; the message says which and how to write it."""


def read_date(value) -> datetime.date:
    """A date cell (a date from an XLSX, or text) as a date. Raises DateRefusal with the reason."""
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    how = _("Write it as 2027-03-01 or 01.03.2027.")
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.match(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
        if len(match[4]) != 4:
            raise DateRefusal(_("“%(value)s” does not give the year with four digits, so the century is unclear. "
                                "%(how)s") % {"value": text, "how": how})
        if month > 12 >= day:
            raise DateRefusal(_("“%(value)s” looks like month before day (American style); the portal reads day "
                                "before month. %(how)s") % {"value": text, "how": how})
    else:
        raise DateRefusal(_("“%(value)s” is not a date the portal can read. %(how)s") % {"value": text, "how": how})
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DateRefusal(_("“%(value)s” is not a date in the calendar. %(how)s") % {"value": text, "how": how}) \
            from None
