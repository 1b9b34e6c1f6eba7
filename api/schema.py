"""
OpenAPI details drf-spectacular cannot infer: the format and counts parameters, the
redirect of a former slug, empty filters, and error bodies.
"""

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

AS_KNOWN_ON = OpenApiParameter(
    "as_known_on",
    OpenApiTypes.DATETIME,
    description="An ISO date-time in the past, e.g. 2026-11-29T17:00:00Z: answer from the release that was "
    "current then, exactly as the public was shown it. Default: now. A count's permalink carries it.",
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
# The header of the redirect a journalist's former slug answers.
FORMER_SLUG = OpenApiParameter(
    "Location",
    # A path on this site, as Django writes it: not an absolute "uri".
    {"type": "string", "format": "uri-reference"},
    OpenApiParameter.HEADER,
    response=[301],
    description="The journalist's current address, with the same query.",
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
GONE = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "reason": {"type": "string", "description": "Why it was withdrawn, as published; may be empty."},
        "release": {"type": "integer", "description": "The release that withdrew it."},
    },
    "required": ["detail", "reason", "release"],
}


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


# Every query parameter but these takes an empty value as "no filter" (country=, unit=),
# as an HTML form sends an empty field; these refuse it with a 400.
EMPTY_REFUSED = {"page", "page_size", "format"}


def _admitting_empty(schema):
    if "enum" in schema:
        return schema if "" in schema["enum"] else {**schema, "enum": [*schema["enum"], ""]}
    if schema.get("type") == "string" and not {"format", "pattern", "minLength"} & set(schema):
        return schema
    return {"anyOf": [schema, {"const": ""}]}


def admit_empty_filters(result, generator, request, public):
    """Document that an empty filter is no filter: its schema admits "" (released_to= is not a bad date)."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] not in EMPTY_REFUSED:
                    parameter["schema"] = _admitting_empty(parameter["schema"])
                    parameter["allowEmptyValue"] = True
    return result


def add_error_responses(result, generator, request, public):
    """Document the 304, 400 and 429 answers of every operation and csv as text."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR
    components["Detail"] = DETAIL
    components["Gone"] = GONE
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
            if operation.get("operationId") in ("journalists_retrieve", "detentions_retrieve"):
                responses.setdefault(
                    "410",
                    {
                        "description": "Withdrawn: the public reason and the release that withdrew it.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Gone"}}},
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
