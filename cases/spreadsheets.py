"""
Files for spreadsheets: CSV and XLSX that no cell can turn into a formula.

Every CSV and XLSX the tracker serves is written here. A text cell that a
spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) gets a leading apostrophe, as OWASP advises
against CSV injection: the data comes from imports and many hands, and a cell
must never run. In XLSX such a cell is also written as text, never a formula.

A CSV meant to be opened in a spreadsheet by a person (the downloads linked
from the site's pages) starts with a UTF-8 byte order mark, without which
LibreOffice and Excel misread Azerbaijani and Russian names; a CSV of the API,
read by programs, has none.
"""

import csv
import datetime
import re
import tempfile

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

BOM = "\ufeff"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XLSX (XML 1.0) cannot hold; openpyxl refuses them.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# An XLSX file is built on disk once it passes this size, so that a full export stays small in memory.
_IN_MEMORY = 4 * 1024 * 1024


def neutralise(value):
    """Return ``value``, with a leading apostrophe if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns what it was given, for streaming."""

    def write(self, value):
        return value


def csv_lines(header, rows, *, bom=False):
    """Yield the lines of a CSV file: the header, then one line per row (a sequence), every cell neutralised."""
    writer = csv.writer(_Echo())
    first = writer.writerow([neutralise(name) for name in header])
    yield BOM + first if bom else first
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def _typed(value, kind):
    """Return a cell value as XLSX should hold it: a real date or time where the column is one."""
    if value in ("", None):
        return None
    if kind == "date" and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if kind == "datetime" and isinstance(value, str):
        value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # XLSX has no time zones: every time is UTC, as the About sheet says.
        return value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value


class Sheet:
    """One sheet of a workbook: a title, a header row, rows and (optionally) the type of each column."""

    def __init__(self, title, header, rows, types=None):
        self.title = title
        self.header = list(header)
        self.rows = rows
        self.types = list(types) if types is not None else ["string"] * len(self.header)


def about_sheet(pairs):
    """Return the "About" sheet: one (what, value) row per pair."""
    return Sheet("About", ["field", "value"], ([name, value] for name, value in pairs))


def _cell(sheet, value):
    value = neutralise(value)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=_UNWRITABLE.sub("", value))
        # Text is text, whatever it starts with.
        cell.data_type = "s"
        return cell
    return value


def write_xlsx(sheets, file):
    """Write ``sheets`` (Sheet) as one XLSX workbook to ``file``, a row at a time."""
    workbook = Workbook(write_only=True)
    for sheet_data in sheets:
        sheet = workbook.create_sheet(sheet_data.title)
        sheet.append([_cell(sheet, name) for name in sheet_data.header])
        types = sheet_data.types
        for row in sheet_data.rows:
            sheet.append([_cell(sheet, _typed(value, kind)) for value, kind in zip(row, types, strict=True)])
    workbook.save(file)


def xlsx_response(sheets, filename):
    """Return an XLSX download of ``sheets``, built in a temporary file and streamed from it."""
    file = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)
    write_xlsx(sheets, file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_MEDIA_TYPE)
