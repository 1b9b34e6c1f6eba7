"""
The public document of a case names every field it publishes: a field added to a
working record is published only once someone decides it is public.
"""

import pytest

from cases import models, render, translated

from .factories import CitationFactory, DetentionFactory, SourceFactory

# Each working model, the fields its document carries, and the relations written
# as documents of their own (or, for a journalist, a detention's journalist_id).
DOCUMENTED = [
    (models.Journalist, render.JOURNALIST_FIELDS),
    (models.Alias, render.ALIAS_FIELDS + ["journalist"]),
    (models.Affiliation, render.AFFILIATION_FIELDS + ["journalist", "outlet"]),
    (models.Outlet, render.OUTLET_FIELDS),
    (models.Detention, render.DETENTION_FIELDS),
    (models.Charge, render.CHARGE_FIELDS + ["detention"]),
    (models.Statute, render.STATUTE_FIELDS),
    (models.ChargeStatusChange, render.STATUS_FIELDS + ["charge"]),
    (models.Event, render.EVENT_FIELDS + ["detention"]),
    (models.Source, render.SOURCE_FIELDS),
    (models.Citation, render.CITATION_FIELDS + ["source", "journalist", "detention", "charge", "event"]),
]


@pytest.mark.parametrize(("model", "published"), DOCUMENTED, ids=lambda value: getattr(value, "__name__", ""))
def test_every_field_is_published_or_named_private(model, published):
    named = {name.removesuffix("_id") if name != "id" else name for name in published}
    # Written when set; and a translated field is public in every language, as "translations".
    named |= set(render.OPTIONAL_FIELDS.get(model._meta.model_name, ()))
    named |= {
        translated.column(name, language)
        for name in translated.fields_of(model)
        if name in named
        for language in translated.LANGUAGES
    }
    fields = {field.name for field in model._meta.concrete_fields}
    undecided = fields - named - render.PRIVATE
    assert not undecided, f"{model.__name__}: say whether these are public (cases/render.py): {sorted(undecided)}"


@pytest.mark.django_db
def test_nothing_private_is_in_a_document():
    detention = DetentionFactory(internal_notes="private detention note", summary="Public summary.")
    detention.journalist.internal_notes = "private journalist note"
    detention.journalist.save()
    secret = SourceFactory(visibility="confidential", title="secret title", internal_notes="secret notes")
    CitationFactory(detention=detention, source=secret, claim="secret claim")
    CitationFactory(detention=detention, claim="public claim")

    documents = str(render.detention_document(detention)) + str(render.journalist_document(detention.journalist))

    assert "Public summary." in documents and "public claim" in documents
    for private in (
        "private detention note",
        "private journalist note",
        "secret title",
        "secret notes",
        "secret claim",
    ):
        assert private not in documents


@pytest.mark.django_db
def test_a_record_read_back_holds_its_rows_and_refuses_to_query_for_more():
    from cases import public

    detention = DetentionFactory()
    CitationFactory(detention=detention)
    snapshot = public.snapshot_at()
    (first,) = public.load_detentions(snapshot.detentions().select_related("journalist_version"))
    assert len(first.public_citations) == 1
    citations = first.citations.all()
    assert isinstance(citations, models.Citation.objects.none().__class__)  # the relation's own queryset class
    assert len(list(citations)) == citations.count() == 1 and citations.exists()
    assert citations.first() is list(citations)[0]
    with pytest.raises(render.LoadedRelation):
        first.citations.filter(claim="")
    with pytest.raises(render.LoadedRelation):
        first.charges.order_by("pk")
    # Two blank records share no mutable default (a journalist's nationality is a list).
    one, other = render._blank(models.Journalist), render._blank(models.Journalist)
    assert one.__dict__["nationality"] == [] and one.__dict__["nationality"] is not other.__dict__["nationality"]
