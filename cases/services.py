"""
Writes that curation makes: the review workflow, merging duplicates, slugs.

Each function is keyword-only, runs in one transaction and records who did it
and why in the history of every record it changes.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import publishing, render, restoring
from .models import (
    Census,
    Citation,
    Detention,
    DetentionVersion,
    Journalist,
    JournalistVersion,
    Outlet,
    PublicationState,
    Release,
    RetiredSlug,
    Source,
    Statute,
)


class WorkflowError(Exception):
    """A workflow step that cannot be taken; ``problems`` says what is missing or wrong."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


def _save(record, *, by, reason):
    record._history_user = by
    record._change_reason = reason
    record.save()


def _require(by, permission):
    if by is not None and not by.has_perm(f"cases.{permission}"):
        raise PermissionDenied(_("You may not do this."))


# Who may change what. Any case may be changed: the public keeps seeing its last
# published version until a release publishes the change (DESIGN.md §4).


def is_editor(user, model_name="detention"):
    """Return whether the user may publish records of ``model_name``: what makes an editor."""
    return user.has_perm(f"cases.publish_{model_name}")


def can_edit(user, record):
    """
    Return whether the user may change a journalist or detention, or add, change
    or delete the records inside it: researchers change drafts, published
    records (whose changes then wait for review) and nothing in review or
    withdrawn; editors (who may publish) change records in any state.
    """
    if record is None:
        return True
    if is_editor(user, record._meta.model_name):
        return True
    return record.publication_state in (PublicationState.DRAFT, PublicationState.PUBLISHED)


def in_curated_use(record):
    """
    Return whether a shared reference record (a source, statute or outlet) is
    shown with a journalist or detention that has left draft (in review,
    published or withdrawn): changing it then changes what an editor reviewed
    or what the public sees, so only an editor may.
    """
    curated = ~Q(publication_state=PublicationState.DRAFT)
    if isinstance(record, Source):
        return (
            Citation.objects.filter(source=record)
            .filter(
                Q(journalist__in=Journalist.objects.filter(curated))
                | Q(detention__in=Detention.objects.filter(curated))
                | Q(charge__detention__in=Detention.objects.filter(curated))
                | Q(event__detention__in=Detention.objects.filter(curated))
            )
            .exists()
        )
    if isinstance(record, Statute):
        return Detention.objects.filter(curated, charges__statute=record).exists()
    if isinstance(record, Outlet):
        return Journalist.objects.filter(curated, affiliations__outlet=record).exists()
    raise TypeError(f"{type(record).__name__} is not a shared reference record")


def editable(user, queryset):
    """Return the journalists or detentions of ``queryset`` that the user may change (see can_edit)."""
    if is_editor(user, queryset.model._meta.model_name):
        return queryset
    return queryset.filter(publication_state__in=(PublicationState.DRAFT, PublicationState.PUBLISHED))


# Changes to published records: the working copy moves on, the published version stays.


def published_document(record):
    """Return the current published document of a journalist or detention, or None."""
    if isinstance(record, Journalist):
        version = JournalistVersion.objects.current().filter(journalist_id=record.pk)
    else:
        version = DetentionVersion.objects.current().filter(detention_id=record.pk)
    return version.values_list("document", flat=True).first()


def working_document(record):
    """Return the document a release would publish of a journalist or detention now."""
    if isinstance(record, Journalist):
        return render.journalist_document(record)
    return render.detention_document(record)


def record_changed(*, record, by):
    """
    Note that a journalist or detention (or something inside it) was changed:
    a published record whose public document now differs from its published
    version becomes "published, changes pending" (a draft until submitted); one
    whose change shows nowhere in public (an internal note) stays published;
    and a record with changes pending whose document is again the published
    one (the changes undone) is published, with nothing pending.
    """
    record.refresh_from_db(fields=["publication_state", "live", "version"])
    if not record.live or record.publication_state not in (PublicationState.PUBLISHED, PublicationState.DRAFT):
        return
    same = published_document(record) == working_document(record)
    if record.publication_state == PublicationState.PUBLISHED and not same:
        record.publication_state = PublicationState.DRAFT
        _save(record, by=by, reason="changed after publication")
    elif record.publication_state == PublicationState.DRAFT and same:
        record.publication_state = PublicationState.PUBLISHED
        _save(record, by=by, reason="the same as published again")


# Submit for review: a researcher hands a draft to the editors.


def _submit(record, *, by, label):
    _require(by, f"change_{record._meta.model_name}")
    if record.publication_state not in (PublicationState.DRAFT, PublicationState.WITHDRAWN):
        raise WorkflowError([_("%(record)s is %(state)s, not a draft.") % _state_words(record, label)])
    if by is not None and not can_edit(by, record):
        # A withdrawn record goes back to review only when an editor sends it.
        raise WorkflowError([_("%(record)s is %(state)s: only an editor may submit it.") % _state_words(record, label)])
    record.publication_state = PublicationState.IN_REVIEW
    _save(record, by=by, reason="submitted for review")


def journalist_submit(*, journalist, by):
    """Hand a draft journalist to the editors for review."""
    with transaction.atomic():
        _submit(journalist, by=by, label=_("The journalist"))


def detention_submit(*, detention, by):
    """Hand a draft detention, and its journalist if that is a draft too, to the editors."""
    with transaction.atomic():
        _submit(detention, by=by, label=_("The detention"))
        if detention.journalist.publication_state == PublicationState.DRAFT:
            _submit(detention.journalist, by=by, label=_("The journalist"))


# Publish: an editor makes reviewed records public.


def journalist_publish_problems(journalist):
    """Return what keeps the journalist from being published, as sentences."""
    problems = []
    if journalist.publication_state != PublicationState.IN_REVIEW:
        problems.append(
            _("The journalist %(name)s has not been submitted for review (it is %(state)s).")
            % {"name": journalist.name, "state": journalist.get_publication_state_display()}
        )
    return problems


def detention_publish_problems(detention):
    """
    Return what keeps the detention from being published, as sentences: it
    must be in review, have an arrest date and a public source cited on it, a
    charge or an event, and its journalist must be published or be published
    alongside it (in review).
    """
    problems = []
    if detention.publication_state != PublicationState.IN_REVIEW:
        problems.append(
            _("The detention has not been submitted for review (it is %(state)s).")
            % {"state": detention.get_publication_state_display()}
        )
    if detention.arrested is None:
        problems.append(_("It has no arrest date."))
    cited = Citation.objects.public().filter(
        Q(detention=detention) | Q(charge__detention=detention) | Q(event__detention=detention)
    )
    if not cited.exists():
        problems.append(_("It cites no public source (on the detention, its charges or its events)."))
    journalist = detention.journalist
    if not journalist.live and journalist.publication_state != PublicationState.IN_REVIEW:
        problems.append(
            _("Its journalist %(name)s is %(state)s; submit the journalist for review to publish both together.")
            % {"name": journalist.name, "state": journalist.get_publication_state_display()}
        )
    return problems


def _publish(record, *, by, release):
    """Mark a record published by ``release``, or by none when nothing public changed (None)."""
    record.publication_state = PublicationState.PUBLISHED
    record.live = True
    record.published_at = record.published_at or (release.published_at if release else timezone.now())
    record.review_comment = ""
    record.withdrawal_reason = ""
    _save(record, by=by, reason=f"published in release {release.number}" if release else "published: no public change")


def _release_case(journalist, *, by, note, **changes):
    """
    Return the release that publishes ``journalist``'s case with ``changes``
    (see publishing.write_case), or None when nothing public differs: an empty
    release would move every public validator for nothing.
    """
    release = publishing.release_open(by=by, note=note)
    if publishing.write_case(release, journalist, **changes):
        return release
    release.delete()
    return None


def journalist_publish(*, journalist, by, note=""):
    """
    Publish a reviewed journalist as a new release (with a public ``note``), or
    raise WorkflowError listing what is missing. Their published detentions stay
    as they were published.
    """
    _require(by, "publish_journalist")
    with transaction.atomic():
        journalist = Journalist.objects.select_for_update().get(pk=journalist.pk)
        problems = journalist_publish_problems(journalist)
        if problems:
            raise WorkflowError(problems)
        release = _release_case(journalist, by=by, note=note)
        _publish(journalist, by=by, release=release)
    return journalist


def detention_publish(*, detention, by, note=""):
    """
    Publish a reviewed detention as a new release (with a public ``note``),
    together with its journalist when that is in review too, or raise
    WorkflowError listing what is missing.
    """
    _require(by, "publish_detention")
    with transaction.atomic():
        detention = Detention.objects.select_for_update().select_related("journalist").get(pk=detention.pk)
        problems = detention_publish_problems(detention)
        if problems:
            raise WorkflowError(problems)
        journalist = detention.journalist
        with_journalist = journalist.publication_state == PublicationState.IN_REVIEW
        if with_journalist:
            _require(by, "publish_journalist")
        release = _release_case(
            journalist, by=by, note=note, journalist_changes=with_journalist, detentions=[detention]
        )
        if with_journalist:
            _publish(journalist, by=by, release=release)
        _publish(detention, by=by, release=release)
    return detention


# Send back: an editor returns a record in review to its author with a comment.


def _send_back(record, *, by, comment, label):
    _require(by, f"review_{record._meta.model_name}")
    comment = (comment or "").strip()
    problems = []
    if record.publication_state != PublicationState.IN_REVIEW:
        problems.append(_("%(record)s is %(state)s, not in review.") % _state_words(record, label))
    if not comment:
        problems.append(_("Say what needs to change: the comment is empty."))
    if problems:
        raise WorkflowError(problems)
    record.publication_state = PublicationState.DRAFT
    record.review_comment = comment
    _save(record, by=by, reason=f"sent back: {comment}"[:100])


def journalist_send_back(*, journalist, by, comment):
    """Return a journalist in review to draft with the editor's comment."""
    with transaction.atomic():
        _send_back(journalist, by=by, comment=comment, label=_("The journalist"))


def detention_send_back(*, detention, by, comment):
    """Return a detention in review to draft with the editor's comment, and its journalist if in review too."""
    with transaction.atomic():
        _send_back(detention, by=by, comment=comment, label=_("The detention"))
        journalist = detention.journalist
        if journalist.publication_state == PublicationState.IN_REVIEW and by.has_perm("cases.review_journalist"):
            _send_back(journalist, by=by, comment=comment, label=_("The journalist"))


# Withdraw: an editor takes a published record off the public site, for a reason.


def _withdraw(record, *, by, reason, public_reason, label, write):
    _require(by, f"withdraw_{record._meta.model_name}")
    # Read as stored, locked: the form may have been opened before another editor withdrew it.
    record = type(record).objects.select_for_update().get(pk=record.pk)
    reason = (reason or "").strip()
    problems = []
    if not record.live:
        problems.append(_("%(record)s is %(state)s, not published.") % _state_words(record, label))
    if not reason:
        problems.append(_("Give the reason for withdrawing it."))
    if problems:
        raise WorkflowError(problems)
    public_reason = (public_reason or "").strip()
    release = publishing.release_open(by=by, note=public_reason)
    write(release, record.pk, reason=public_reason)
    record.publication_state = PublicationState.WITHDRAWN
    record.live = False
    record.withdrawal_reason = reason
    _save(record, by=by, reason=f"withdrawn in release {release.number}: {reason}"[:100])
    return record


def journalist_withdraw(*, journalist, by, reason, public_reason=""):
    """
    Take a published journalist (and so all their detentions) off the public
    site as a new release: ``reason`` is for staff, ``public_reason`` is what
    the journalist's address answers from then on (410 Gone).
    """
    with transaction.atomic():
        journalist = _withdraw(
            journalist,
            by=by,
            reason=reason,
            public_reason=public_reason,
            label=_("The journalist"),
            write=publishing.withdraw_journalist,
        )
        journalist.detentions.filter(live=True).update(live=False)


def detention_withdraw(*, detention, by, reason, public_reason=""):
    """Take a published detention off the public site as a new release (see journalist_withdraw)."""
    with transaction.atomic():
        _withdraw(
            detention,
            by=by,
            reason=reason,
            public_reason=public_reason,
            label=_("The detention"),
            write=publishing.withdraw_detention,
        )


# Revert: a whole case back to one of its published versions.


def _revert(record, *, version, by, label, problems, restore):
    _require(by, f"change_{record._meta.model_name}")
    if by is not None and not can_edit(by, record):
        raise WorkflowError([_("%(record)s is %(state)s: only an editor may change it.") % _state_words(record, label)])
    problems = problems(record, version.document)
    if problems:
        raise WorkflowError(problems)
    reason = f"reverted to release {version.valid_from_id}"
    # The record's own history row is written once, at the end, with the state
    # that follows (m2m changes on the way would each write one).
    record.skip_history_when_saving = True
    restore(restoring.Restorer(by=by, reason=reason), record, version.document)
    # Stored before comparing, since the document is rendered from the database.
    record.save()
    del record.skip_history_when_saving
    if record.live:
        # Pending only if it now differs from what the public sees.
        same = published_document(record) == working_document(record)
        record.publication_state = PublicationState.PUBLISHED if same else PublicationState.DRAFT
    _save(record, by=by, reason=reason)
    return record


def detention_revert(*, detention, version, by):
    """
    Restore a detention with its charges, their status history, its events and
    its public citations to ``version`` (one of its DetentionVersions, the
    current one or an earlier one), all of it or nothing, as ``by``; every
    record changed, made again or deleted gets a history row saying so.

    Kept as they are, since no published version holds them: the internal
    notes, the journalist the detention belongs to now (a merge is not undone),
    the shared sources and statutes (a change to one shows as pending), and
    the confidential citations of every record that stays. A charge or event
    the version did not have is deleted with everything on it, confidential
    citations included; its history keeps them. A record that another case
    has taken since, or a statute or source deleted since, refuses the whole
    revert. Afterwards a published detention is "published, changes pending",
    or "published" if it is now what the public sees.
    """
    if version.detention_id != detention.pk:
        raise WorkflowError([_("This version is of another detention.")])
    with transaction.atomic():
        detention = Detention.objects.select_for_update().get(pk=detention.pk)
        return _revert(
            detention,
            version=version,
            by=by,
            label=_("The detention"),
            problems=restoring.detention_problems,
            restore=restoring.restore_detention,
        )


def journalist_revert(*, journalist, version, by):
    """
    Restore a journalist with their aliases, affiliations, mediums, beats and
    public citations to ``version`` (one of their JournalistVersions), all of
    it or nothing, as ``by``, each change in the history. Their detentions are
    cases of their own and stay as they are. Kept as they are: the internal
    notes and the confidential citations; a slug left behind keeps
    redirecting. Afterwards a published journalist is "published, changes
    pending", or "published" if they are now what the public sees.
    """
    if version.journalist_id != journalist.pk:
        raise WorkflowError([_("This version is of another journalist.")])
    with transaction.atomic():
        journalist = Journalist.objects.select_for_update().get(pk=journalist.pk)
        old_slug = journalist.slug

        def restore(restorer, record, document):
            restoring.restore_journalist(restorer, record, document)
            # A slug left behind is retired (it is in the public document), one returned to is not.
            journalist_slug_saved(journalist=record, old_slug=old_slug, by=by)

        return _revert(
            journalist,
            version=version,
            by=by,
            label=_("The journalist"),
            problems=restoring.journalist_problems,
            restore=restore,
        )


# Censuses: an editor names the figure of a day, fixed at the latest release.


def census_create(*, title, slug, day, by, country=""):
    """Name a census of ``day`` (in ``country``, or everywhere), fixed at the latest release; return it."""
    _require(by, "publish_detention")
    with transaction.atomic():
        release = Release.objects.latest_release()
        if release is None:
            raise WorkflowError([_("Nothing is published yet: a census is fixed at a release.")])
        return Census.objects.create(title=title, slug=slug, day=day, country=country or "", release=release)


def _state_words(record, label):
    return {"record": label, "state": record.get_publication_state_display()}


# Slugs and duplicates.


def journalist_retire_slug(*, journalist, old_slug, by=None):
    """Keep a journalist's former slug redirecting to them; it is never reused."""
    if old_slug and old_slug != journalist.slug:
        retired = RetiredSlug.objects.filter(slug=old_slug).first() or RetiredSlug(slug=old_slug)
        retired.journalist = journalist
        retired._history_user = by
        retired.save()


def journalist_slug_saved(*, journalist, old_slug, by=None):
    """
    Record a slug change however it was made (the change form, a revert from
    history): the slug left behind is retired and keeps redirecting, and a
    slug the journalist returns to is theirs again, no longer retired.
    ``old_slug`` is the slug stored before the save.
    """
    if not old_slug or old_slug == journalist.slug:
        return
    with transaction.atomic():
        journalist_retire_slug(journalist=journalist, old_slug=old_slug, by=by)
        for returned in RetiredSlug.objects.filter(slug=journalist.slug, journalist=journalist):
            returned._history_user = by
            returned.delete()


def journalist_merge(*, survivor, duplicate, by):
    """
    Merge ``duplicate`` into ``survivor``: detentions, aliases, affiliations,
    citations, mediums and beats move to the survivor, the duplicate's name
    becomes an alias, its slugs redirect to the survivor, and the duplicate is
    removed (its history stays, ending with the merge).

    Nothing hidden becomes public by a merge. Moved detentions keep their own
    publication state, so a draft or withdrawn detention stays off the public
    site under a published survivor. A duplicate that is not published (a
    draft, in review, or withdrawn) is not merged into a published survivor:
    its name, aliases, outlets, sources, old addresses and detentions would all
    become public at once without review. The merge is refused, saying to
    withdraw the survivor first, merge, and submit the merged record for
    review, so an editor sees the whole record before it is public again and
    nothing of either record is lost.
    """
    _require(by, "merge_journalist")
    if survivor.pk == duplicate.pk:
        raise WorkflowError([_("A journalist cannot be merged with itself.")])
    with transaction.atomic():
        survivor = Journalist.objects.select_for_update().get(pk=survivor.pk)
        duplicate = Journalist.objects.select_for_update().get(pk=duplicate.pk)
        if survivor.is_published and not duplicate.is_published:
            raise WorkflowError(
                [
                    _(
                        "%(duplicate)s is %(state)s and %(survivor)s is published: merging would make the "
                        "unpublished record's names, outlets, sources, addresses and detentions public without "
                        "review. Withdraw %(survivor)s first, merge, then submit the merged record for review."
                    )
                    % {
                        "duplicate": duplicate.name,
                        "survivor": survivor.name,
                        "state": duplicate.get_publication_state_display(),
                    }
                ]
            )
        public_now = survivor.is_published or duplicate.is_published
        pending = [
            record
            for record in (survivor, duplicate, *Detention.objects.filter(journalist__in=[survivor, duplicate]))
            if record.has_unpublished_changes
        ]
        if public_now and pending:
            # The merge is published at once; unreviewed changes must not ride along.
            raise WorkflowError(
                [
                    _("%(record)s has changes pending: publish them or send them back before merging.")
                    % {"record": record}
                    for record in pending
                ]
            )
        duplicate_was_public, duplicate_pk = duplicate.is_published, duplicate.pk
        note = f"merged {duplicate.slug} (#{duplicate.pk}) into {survivor.slug} (#{survivor.pk})"

        for detention in duplicate.detentions.all():
            detention.journalist = survivor
            _save(detention, by=by, reason=note)
        for citation in duplicate.citations.all():
            citation.journalist = survivor
            _save(citation, by=by, reason=note)

        alias_names = {name.casefold() for name in survivor.aliases.values_list("name", flat=True)}
        alias_names.add(survivor.name.casefold())
        for alias in duplicate.aliases.all():
            if alias.name.casefold() in alias_names:
                alias.delete()
                continue
            alias_names.add(alias.name.casefold())
            alias.journalist = survivor
            _save(alias, by=by, reason=note)
        if duplicate.name.casefold() not in alias_names:
            alias = survivor.aliases.model(journalist=survivor, name=duplicate.name, note=_("merged record"))
            _save(alias, by=by, reason=note)

        outlets = set(survivor.affiliations.values_list("outlet", flat=True))
        for affiliation in duplicate.affiliations.all():
            if affiliation.outlet_id in outlets:
                affiliation.delete()
                continue
            affiliation.journalist = survivor
            _save(affiliation, by=by, reason=note)

        survivor.mediums.add(*duplicate.mediums.all())
        survivor.beats.add(*duplicate.beats.all())
        # The biography in each language by its own column: the plain attribute follows the active language.
        for field in ("name_original", "biography_en", "biography_az", "biography_ru", "gender"):
            if not getattr(survivor, field) and getattr(duplicate, field):
                setattr(survivor, field, getattr(duplicate, field))
        if duplicate.internal_notes:
            survivor.internal_notes = "\n\n".join(filter(None, [survivor.internal_notes, duplicate.internal_notes]))
        if survivor.external_id is None and duplicate.external_id is not None:
            survivor.external_id, duplicate.external_id = duplicate.external_id, None

        RetiredSlug.objects.filter(journalist=duplicate).update(journalist=survivor)
        old_slug = duplicate.slug
        duplicate._history_user = by
        duplicate._change_reason = note
        duplicate.delete()
        journalist_retire_slug(journalist=survivor, old_slug=old_slug, by=by)
        _save(survivor, by=by, reason=note)
        if duplicate_was_public:
            _publish_merge(survivor=survivor, duplicate_pk=duplicate_pk, by=by)
    return survivor


def _publish_merge(*, survivor, duplicate_pk, by):
    """
    Publish a merge of a published duplicate as one release: the duplicate's
    record is withdrawn (its slugs then lead to the survivor) and the survivor,
    when published, is published again with the detentions that were public
    under the duplicate. Without it the duplicate's version would stay public
    with no working record left to withdraw it.
    """
    release = publishing.release_open(by=by)
    if survivor.is_published:
        publishing.write_case(release, survivor, detentions=list(survivor.detentions.filter(live=True)))
    publishing.withdraw_journalist(
        release, duplicate_pk, reason=_("Merged into the record of %(name)s.") % {"name": survivor.name}
    )
    if not survivor.is_published:
        survivor.detentions.filter(live=True).update(live=False)
