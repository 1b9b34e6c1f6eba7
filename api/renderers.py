"""CSV and XLSX for spreadsheets, chosen with ``?format=csv`` or ``xlsx``, and a strict choice of format."""

import io

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer

from cases.spreadsheets import XLSX_MEDIA_TYPE, Sheet, csv_lines, write_xlsx


class CSVRenderer(BaseRenderer):
    """Render a list of flat dicts (all with the same keys) as CSV with a header line."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data if isinstance(data, list) else [data]
        if not rows:
            return b""
        header = list(rows[0])
        lines = csv_lines(header, ([row.get(key, "") for key in header] for row in rows))
        return "".join(lines).encode(self.charset)


class XLSXRenderer(BaseRenderer):
    """Render a list of flat dicts as one XLSX sheet; the views write their own, with an About sheet."""

    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data if isinstance(data, list) else [data]
        header = list(rows[0]) if rows else []
        file = io.BytesIO()
        write_xlsx([Sheet("Data", header, ([row.get(key, "") for key in header] for row in rows))], file)
        return file.getvalue()


class StrictContentNegotiation(DefaultContentNegotiation):
    """Answer an unknown ``?format=`` with 400 naming it, rather than DRF's 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.getlist(self.settings.URL_FORMAT_OVERRIDE)
        known = [renderer.format for renderer in renderers]
        if len(wanted) > 1:
            raise exceptions.ValidationError({"format": [_("Give this parameter once.")]})
        if wanted and wanted[0] not in known:
            raise exceptions.ValidationError(
                {
                    "format": [
                        _("Unknown format “%(value)s”: use one of %(known)s.")
                        % {"value": wanted[0], "known": ", ".join(known)}
                    ]
                }
            )
        return super().select_renderer(request, renderers, format_suffix)
