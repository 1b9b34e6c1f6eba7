"""OpenAPI details drf-spectacular cannot infer: the format and counts parameters, and error bodies."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from cases.counting import GROUPS, UNITS

FORMAT = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description="json (the default) or csv. A list as csv without page or page_size holds every matching row.",
)

UNIT = OpenApiParameter(
    "unit",
    str,
    enum=list(UNITS),
    description="journalists (the default) counts distinct people; detentions counts episodes.",
)
GROUP_BY = OpenApiParameter(
    "group_by",
    str,
    enum=list(GROUPS),
    description="Split the count into groups; one person can fall in several (year and month are of the arrest).",
)

ERROR = {
    "type": "object",
    "properties": {
        "errors": {
            "type": "object",
            "description": "Messages keyed by the parameter that was wrong.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    },
    "required": ["errors"],
}
DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}


def filter_parameters(filterset_class):
    """Return an OpenApiParameter per filter, with its choices and help text."""
    parameters = []
    for name, field in filterset_class.base_filters.items():
        kwargs = {"description": str(field.extra.get("help_text", ""))}
        if isinstance(field, django_filters.DateFilter):
            kind = OpenApiTypes.DATE
        else:
            kind = str
            if isinstance(field, django_filters.ChoiceFilter) and "choices" in field.extra:
                choices = field.extra["choices"]
                kwargs["enum"] = [str(value) for value, _label in (choices() if callable(choices) else choices)]
        parameters.append(OpenApiParameter(name, kind, **kwargs))
    return parameters


def text_parameter(filterset_class, name):
    """Return the OpenApiParameter of a text filter, with its length limit (which the extension leaves out)."""
    field = filterset_class.base_filters[name]
    schema = {"type": "string", "maxLength": field.extra["max_length"]}
    return OpenApiParameter(name, schema, description=str(field.extra.get("help_text", "")))


def add_error_responses(result, generator, request, public):
    """Document the 304, 400 and 429 answers of every operation and csv as text."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR
    components["Detail"] = DETAIL
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for response in responses.values():
                if "text/csv" in response.get("content", {}):
                    response["content"]["text/csv"] = {"schema": {"type": "string"}}
            responses.setdefault("304", {"description": "Not modified since the ETag or date the client has."})
            responses.setdefault(
                "400",
                {
                    "description": "A parameter is unknown or has a bad value.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                },
            )
            responses.setdefault(
                "429",
                {
                    "description": "Too many requests; retry after the seconds in Retry-After.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Detail"}}},
                },
            )
            if any(parameter.get("in") == "path" for parameter in operation.get("parameters", [])):
                responses.setdefault(
                    "404",
                    {
                        "description": "No published record has this id.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Detail"}}},
                    },
                )
    return result
