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
    enum=["json", "csv", "xlsx"],
    description="json (the default), csv or xlsx. A list as csv or xlsx without page or page_size holds every "
    "matching row; xlsx adds an About sheet (filters, release, licence, citation) and holds exact days as dates.",
)

LANG = OpenApiParameter(
    "lang",
    str,
    enum=["en", "az", "ru"],
    description="The language of statements, labels and *_display columns: en, az or ru. Default: the "
    "Accept-Language header. Codes, dates and the other columns never change with it.",
)

FIELDS = OpenApiParameter(
    "fields",
    str,
    description="A comma-separated subset of the fields of a row (JSON) or columns (csv, xlsx), in the order "
    "wanted, e.g. id,journalist,country. An unknown name is a 400 that names it. With it, a row holds only these.",
)

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="An ISO date-time in the past: only the records whose published version is newer (its updated_at "
    "is later). Give the as_of of your last sync; withdrawals are in releases/.",
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


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def describe_files(result, generator, request, public):
    """
    Document xlsx answers as files, and list rows as made of optional fields:
    ``fields=`` leaves out any field not asked for.
    """
    schemas = result.get("components", {}).get("schemas", {})
    listed = set()
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                if XLSX in content:
                    content[XLSX] = {"schema": {"type": "string", "contentMediaType": XLSX}}
                json_schema = content.get("application/json", {}).get("schema", {})
                ref = json_schema.get("$ref", "")
                if ref.startswith("#/components/schemas/Paginated"):
                    page = schemas.get(ref.rsplit("/", 1)[1], {})
                    item = page.get("properties", {}).get("results", {}).get("items", {}).get("$ref", "")
                    listed.add(item.rsplit("/", 1)[-1])
    for name in listed:
        schemas.get(name, {}).pop("required", None)
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
