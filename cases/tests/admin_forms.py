"""Posting an admin change form as a browser would: every field as the page rendered it, then the changes."""

from cases.tests.curation import client_for


def rendered_form_data(response):
    """Return the POST data of the change form in ``response``: its fields and inlines as rendered."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            else:
                data[key] = str(value)
    return data


def save_change_form(user, url, changes=None, *, extra=None):
    """
    Open the change form at ``url`` as ``user``, change the fields named in
    ``changes`` (names as posted, e.g. "charges-0-wording"), save it, and
    return the response. ``extra`` maps an inline prefix to the number of
    rows added to it (their fields are in ``changes``).
    """
    client = client_for(user)
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = rendered_form_data(page)
    for prefix, added in (extra or {}).items():
        data[f"{prefix}-TOTAL_FORMS"] = str(int(data[f"{prefix}-TOTAL_FORMS"]) + added)
    data.update(changes or {})
    data["_continue"] = "Save and continue editing"
    return client.post(url, data)
