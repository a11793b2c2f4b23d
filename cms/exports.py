"""Spreadsheet downloads: CSV responses whose cells no spreadsheet runs as formulas."""

import csv

from django.http import HttpResponse

# A cell starting with one of these is read as a formula by Excel, LibreOffice and
# Google Sheets (CSV injection); a leading apostrophe makes it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as text that a spreadsheet shows rather than runs."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def csv_response(filename, title, header, rows):
    """A CSV attachment: a title line (say, with the date of the data), the header, the rows.

    Every cell, the title and header included, goes through ``safe_cell``.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in ([title], header, *rows):
        writer.writerow([safe_cell(cell) for cell in row])
    return response
