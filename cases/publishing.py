"""
Releases: the only code that writes published versions (DESIGN.md §4).

A release publishes cases (a journalist and their published detentions) or
withdraws them, in one transaction. Published versions are never changed: a
later release closes them (``valid_to``) and writes the next ones. The workflow
(who may publish what, when) is in ``cases.services``; this module only writes.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from . import figures, names, render
from .render import models
from .versions import ChangeKind


# Plain strings rather than the model's choices: a migration's historical models have none.
class PublicationState:
    DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = "draft", "in_review", "published", "withdrawn"


def release_open(*, by=None, note="", at=None):
    """
    Return a new release, numbered after the latest and timed after it. Call it
    inside a transaction: the latest release is locked until it commits, so two
    publishes never get one number.
    """
    latest = models.Release.objects.select_for_update().order_by("-number").first()
    moment = at or timezone.now()
    if latest is not None and moment <= latest.published_at:
        # Times order releases as numbers do; as_known_on relies on it.
        moment = latest.published_at + datetime.timedelta(microseconds=1)
    release = models.Release.objects.create(
        number=(latest.number + 1) if latest else 1,
        published_at=moment,
        note=(note or "").strip(),
        published_by=by if getattr(by, "pk", None) else None,
    )
    # Its headline figures are counted once it is complete, that is once it has committed.
    figures.after_commit(release)
    return release


def _dates(document, prefix):
    earliest, latest = document.get(f"{prefix}_earliest"), document.get(f"{prefix}_latest")
    return (
        datetime.date.fromisoformat(earliest) if earliest else None,
        datetime.date.fromisoformat(latest) if latest else None,
    )


def journalist_version(release, journalist_id, document, first_published):
    """
    Return the unsaved JournalistVersion of ``document`` and the unsaved rows
    that go with it (retired slugs, outlets, mediums), pointing at it.
    """
    version = models.JournalistVersion(
        journalist_id=journalist_id,
        valid_from=release,
        first_published=first_published,
        slug=document["slug"],
        name=document["name"],
        name_original=document["name_original"],
        aliases="\n".join(alias["name"] for alias in document["aliases"]),
        role=document["role"],
        gender=document["gender"],
        document=document,
    )
    # Set as an attribute, not in the constructor: migration 0010 publishes with the
    # models of its time, which have no name keys yet (0013 writes them).
    version.name_keys = names.name_keys(
        document["name"], document["name_original"], *(alias["name"] for alias in document["aliases"])
    )
    outlets = {item["outlet"]["slug"]: item["outlet"] for item in document["affiliations"]}
    return version, [
        *(models.JournalistVersionSlug(version=version, slug=slug) for slug in document["retired_slugs"]),
        *(
            models.JournalistVersionOutlet(
                version=version,
                slug=slug,
                name=outlet["name"],
                country=outlet["country"] or "",
                website=outlet["website"],
                description=outlet["description"],
            )
            for slug, outlet in outlets.items()
        ),
        *(models.JournalistVersionMedium(version=version, code=medium["code"]) for medium in document["mediums"]),
    ]


def detention_version(release, journalist_version, document, first_published):
    """Return the unsaved DetentionVersion of ``document`` and its unsaved charge rows, pointing at it."""
    arrested_earliest, arrested_latest = _dates(document, "arrested")
    released_earliest, released_latest = _dates(document, "released")
    version = models.DetentionVersion(
        detention_id=document["id"],
        journalist_id=journalist_version.journalist_id,
        journalist_version=journalist_version,
        valid_from=release,
        first_published=first_published,
        country=document["country"],
        kind=document["kind"],
        status=document["status"],
        linked_to_journalism=document["linked_to_journalism"],
        role=journalist_version.role,
        gender=journalist_version.gender,
        arrested_earliest=arrested_earliest,
        arrested_latest=arrested_latest,
        released_earliest=released_earliest,
        released_latest=released_latest,
        document=document,
    )
    return version, [
        models.DetentionVersionCharge(
            version=version,
            category=charge["category"],
            **(
                {
                    "statute_slug": charge["statute"]["slug"],
                    "statute_country": charge["statute"]["country"],
                    "statute_code": charge["statute"]["code"],
                    "statute_article": charge["statute"]["article"],
                    "statute_title": charge["statute"]["title"],
                }
                if charge["statute"]
                else {}
            ),
        )
        for charge in document["charges"]
    ]


def _save_with_rows(version, rows):
    version.save()
    by_model = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    for model, objs in by_model.items():
        model.objects.bulk_create(objs)
    return version


def _write_journalist(release, journalist_id, document, first_published):
    return _save_with_rows(*journalist_version(release, journalist_id, document, first_published))


def _write_detention(release, journalist_version_, document, first_published):
    return _save_with_rows(*detention_version(release, journalist_version_, document, first_published))


def release_change(release, kind, *, journalist_id, slug, name, detention_id=None, reason=""):
    """Return the unsaved ReleaseChange saying what ``release`` did to one journalist or detention."""
    return models.ReleaseChange(
        release=release,
        kind=kind,
        journalist_id=journalist_id,
        detention_id=detention_id,
        slug=slug,
        name=name,
        reason=reason,
    )


def _change(release, kind, **what):
    release_change(release, kind, **what).save()


def write_case(release, journalist, *, journalist_changes=True, detentions=()):
    """
    Publish one case in ``release``: the journalist (rendered anew when
    ``journalist_changes``, else as last published) and, besides the detentions
    already published (as they were published), the working ``detentions``
    rendered anew. Write versions only for what differs from the current ones;
    return whether anything did.
    """
    current = models.JournalistVersion.objects.filter(valid_to__isnull=True).filter(journalist_id=journalist.pk).first()
    if journalist_changes or current is None:
        journalist_doc = render.journalist_document(journalist)
    else:
        journalist_doc = current.document
    # Besides the journalist's, the current versions of the detentions given: one moved
    # here from another journalist (a merge) is replaced, not published twice.
    published = {
        version.detention_id: version
        for version in models.DetentionVersion.objects.filter(valid_to__isnull=True)
        .filter(Q(journalist_id=journalist.pk) | Q(detention_id__in=[detention.pk for detention in detentions]))
        .order_by("detention_id")
    }
    documents = {detention_id: version.document for detention_id, version in published.items()}
    for detention in detentions:
        documents[detention.pk] = render.detention_document(detention)
    journalist_new = current is None or current.document != journalist_doc
    changed = [pk for pk, document in documents.items() if pk not in published or published[pk].document != document]
    if not journalist_new and not changed:
        return False

    if journalist_new:
        if current is not None:
            models.JournalistVersion.objects.filter(pk=current.pk).update(valid_to=release)
        version = _write_journalist(
            release, journalist.pk, journalist_doc, current.first_published if current else release
        )
        kind = ChangeKind.CHANGED if current else ChangeKind.ADDED
        _change(release, kind, journalist_id=journalist.pk, slug=version.slug, name=version.name)
        # Every detention carries its journalist's counted attributes, so all of them follow.
        rewrite = list(documents)
    else:
        version = current
        rewrite = changed
    models.DetentionVersion.objects.filter(pk__in=[published[pk].pk for pk in rewrite if pk in published]).update(
        valid_to=release
    )
    for pk in rewrite:
        before = published.get(pk)
        _write_detention(release, version, documents[pk], before.first_published if before else release)
        if pk in changed:
            kind = ChangeKind.CHANGED if before else ChangeKind.ADDED
            _change(release, kind, journalist_id=journalist.pk, slug=version.slug, name=version.name, detention_id=pk)
    return True


def withdraw_detention(release, detention_id, *, reason):
    """Close the current version of a detention in ``release``; return whether it had one."""
    version = (
        models.DetentionVersion.objects.filter(valid_to__isnull=True)
        .filter(detention_id=detention_id)
        .select_related("journalist_version")
    )
    version = version.first()
    if version is None:
        return False
    models.DetentionVersion.objects.filter(pk=version.pk).update(valid_to=release)
    journalist = version.journalist_version
    _change(
        release,
        ChangeKind.WITHDRAWN,
        journalist_id=journalist.journalist_id,
        slug=journalist.slug,
        name=journalist.name,
        detention_id=detention_id,
        reason=reason,
    )
    return True


def withdraw_journalist(release, journalist_id, *, reason):
    """Close the current version of a journalist and of all their detentions in ``release``."""
    version = models.JournalistVersion.objects.filter(valid_to__isnull=True).filter(journalist_id=journalist_id).first()
    if version is None:
        return False
    models.JournalistVersion.objects.filter(pk=version.pk).update(valid_to=release)
    models.DetentionVersion.objects.filter(valid_to__isnull=True).filter(journalist_id=journalist_id).update(
        valid_to=release
    )
    _change(
        release,
        ChangeKind.WITHDRAWN,
        journalist_id=journalist_id,
        slug=version.slug,
        name=version.name,
        reason=reason,
    )
    return True


def publish_marked(*, by=None, note="", at=None):
    """
    Publish, as one release, every working record marked published whose
    published version is missing or differs, and withdraw what is published
    but now marked withdrawn. A published record with changes pending (a draft
    or in review again) stays as it was published. Return the release, or None
    when nothing differed.

    This is how records marked published become versions without a review:
    the migration from the first schema, loading the seed, and tests that build
    published cases.
    """
    states = PublicationState
    with transaction.atomic():
        release = release_open(by=by, note=note, at=at)
        changed = False
        journalists = models.Journalist.objects.filter(
            Q(publication_state=states.PUBLISHED) | Q(live=True, publication_state__in=[states.DRAFT, states.IN_REVIEW])
        ).order_by("pk")
        for journalist in journalists:
            for gone in models.Detention.objects.filter(
                journalist=journalist, live=True, publication_state=states.WITHDRAWN
            ).values_list("pk", flat=True):
                changed |= withdraw_detention(release, gone, reason="")
            detentions = list(journalist.detentions.filter(publication_state=states.PUBLISHED).order_by("pk"))
            changed |= write_case(
                release,
                journalist,
                journalist_changes=journalist.publication_state == states.PUBLISHED,
                detentions=detentions,
            )
        for journalist_id in models.Journalist.objects.filter(
            live=True, publication_state=states.WITHDRAWN
        ).values_list("pk", flat=True):
            changed |= withdraw_journalist(release, journalist_id, reason="")
        if not changed:
            transaction.set_rollback(True)
            return None
        sync_live()
    return release


def sync_live():
    """Set ``live`` on every working journalist and detention from whether a current version exists."""
    for model, versions in ((models.Journalist, models.JournalistVersion), (models.Detention, models.DetentionVersion)):
        key = f"{model._meta.model_name}_id"
        current = versions.objects.filter(valid_to__isnull=True).filter(**{key: OuterRef("pk")})
        model.objects.exclude(live=Exists(current)).update(live=Exists(current))
