"""What a typed date reads as, for the date fields of the admin (cases/static/cases/admin-dates.js)."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from ..forms import FuzzyDateField

# Longer than any date; the field reads no more.
MAX_LENGTH = 200


@require_GET
def read_date(request):
    """
    Answer {"reading": "March 2025"} for ?value=2025-03, or {"error": ...} with
    the form field's own message; {"reading": ""} for nothing typed. Served
    through the admin site's admin_view: staff only, as every admin page.
    """
    try:
        value = FuzzyDateField(required=False).clean(request.GET.get("value", "")[:MAX_LENGTH])
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)})
    return JsonResponse({"reading": str(value) if value else ""})
