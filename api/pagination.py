"""Page-numbered lists whose bad page numbers are a 400 naming the parameter."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import InvalidPage
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from cases.versioning import cached

# No page or page size has more digits; int() refuses more than 4,300 anyway.
MAX_DIGITS = 18


def _positive(request, name):
    value = request.query_params.get(name)
    if value is None:
        return None
    # ASCII digits only: str.isdigit() is also true of "²", "①" and "⁴", which int() refuses.
    digits = value.lstrip("0") if value.isascii() and value.isdigit() else ""
    if not digits:
        raise ValidationError({name: [_("Enter a whole number of 1 or more.")]})
    try:
        MaxLengthValidator(MAX_DIGITS)(digits)
    except DjangoValidationError as error:
        raise ValidationError({name: list(error.messages)}) from None
    return int(digits)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # Lazy: read at import, translated when the schema is made.
    page_query_description = gettext_lazy("Page number, from 1.")
    page_size_query_description = gettext_lazy("Rows per page, from 1 to 200; 50 unless given.")

    def get_page_size(self, request):
        size = _positive(request, self.page_size_query_param)
        if size is not None and size > self.max_page_size:
            raise ValidationError({self.page_size_query_param: [_("At most %(n)d.") % {"n": self.max_page_size}]})
        return size or self.page_size

    def get_page_number(self, request, paginator):
        return _positive(request, self.page_query_param) or 1

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        # The release the view reads (the latest, or the one as_known_on pins).
        snapshot = getattr(view, "_snapshot", None)
        if snapshot is not None:
            # Counting every matching row cost more than the page itself; the
            # number only changes with the release, which keys it.
            filters = sorted(
                (name, value)
                for name, values in request.query_params.lists()
                if name not in (self.page_query_param, self.page_size_query_param, "format")
                for value in values
            )
            key = ["list-count", request.path, repr(filters)]
            paginator.count = cached(key, snapshot.release, lambda: paginator.count)
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            message = _("There is no page %(page)d; the last is %(last)d.") % {
                "page": number,
                "last": paginator.num_pages,
            }
            raise ValidationError({self.page_query_param: [message]}) from None
        return list(self.page)

    def get_paginated_response_schema(self, schema):
        """Return the schema of a page: next and previous are a URL or, at either end, null."""
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Matching rows, on all pages."},
                "next": {**link, "description": "The next page; null on the last."},
                "previous": {**link, "description": "The previous page; null on the first."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
