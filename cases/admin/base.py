"""
What every curated admin page shares: who may change or delete which record,
lists that stay fast on large tables, forms that refuse stale saves, and a
revert from history that works with them.
"""

from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .. import models, names, services
from ..history import Labeller, changes_between, inner_history, readable_delta
from ..models import PublicationState
from ..services import can_edit, editable

# What a choice's label reads (its __str__), fetched with it: one query per field, not per label.
LABEL_RELATED = {models.Charge: ["statute"], models.Detention: ["journalist"]}


class LabelledChoices:
    """Fetch the related rows that the labels of foreign-key choices print."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        related = LABEL_RELATED.get(db_field.related_model)
        if field is not None and related:
            field.queryset = field.queryset.select_related(*related)
        return field


class CappedCountPaginator(Paginator):
    """
    A paginator that counts at most ``cap`` rows, so that a list over a large
    table never runs a full COUNT(*); narrowing the search reaches the rest.
    """

    cap = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.cap].count()


class PublicationFilter(admin.SimpleListFilter):
    """The records in one state, as ``status_string`` words it ("published, changes pending" ...)."""

    title = _("publication")
    parameter_name = "publication"

    STATES = {
        "draft": (_("draft"), Q(live=False, publication_state=PublicationState.DRAFT)),
        "in_review": (_("in review"), Q(live=False, publication_state=PublicationState.IN_REVIEW)),
        "published": (_("published"), Q(live=True, publication_state=PublicationState.PUBLISHED)),
        "changes_pending": (_("published, changes pending"), Q(live=True, publication_state=PublicationState.DRAFT)),
        "changes_in_review": (
            _("published, changes in review"),
            Q(live=True, publication_state=PublicationState.IN_REVIEW),
        ),
        "withdrawn": (
            _("withdrawn"),
            Q(publication_state=PublicationState.WITHDRAWN)
            | Q(live=False, publication_state=PublicationState.PUBLISHED),
        ),
    }

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _condition) in self.STATES.items()]

    def queryset(self, request, queryset):
        state = self.STATES.get(self.value())
        return queryset.filter(state[1]) if state else queryset


def can_delete(record):
    """Return whether the record was never public: published records are withdrawn, not deleted."""
    return record is None or (record.publication_state == PublicationState.DRAFT and record.published_at is None)


# Where the record stands in review and release, which a revert of its content does not undo.
KEPT_ON_REVERT = ["publication_state", "live", "published_at", "review_comment", "withdrawal_reason", "external_id"]


# Links the admin renders: each only if it answers the viewer with the page, not a 403.


def admin_url(request, model, pk, labeller=None):
    """Return the admin page of the record ``model`` ``pk`` if it exists and the viewer may see it, else None."""
    model_admin = admin.site._registry.get(model)
    if model_admin is None or pk is None or not model_admin.has_view_permission(request):
        return None
    if not (labeller or Labeller()).exists(model, pk):
        return None
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])


def user_url(request, user):
    """Return the admin page of ``user`` if the viewer may see it (editors may not), else None."""
    if user is None:
        return None
    model_admin = admin.site._registry.get(get_user_model())
    if model_admin is None or not model_admin.has_view_permission(request, user):
        return None
    return reverse(f"admin:{user._meta.app_label}_{user._meta.model_name}_change", args=[user.pk])


@dataclass
class HistoryEntry:
    """One history row of a case's record as a page lists it: what, who, when, and what changed."""

    row: object
    label: str
    url: str | None
    user_url: str | None
    changes: list = field(default_factory=list)

    @property
    def changed_fields(self):
        return ", ".join(change.label for change in self.changes)


def history_entry(request, labeller, row, target):
    """Return the HistoryEntry of ``row`` linking to the admin page of ``target`` ((model, pk) or None)."""
    previous = row.previous if hasattr(row, "previous") else row.prev_record
    changes = changes_between(previous, row) if row.history_type == "~" and previous is not None else []
    return HistoryEntry(
        row=row,
        label=labeller.label(row),
        url=admin_url(request, *target, labeller=labeller) if target else None,
        user_url=user_url(request, row.history_user),
        changes=changes,
    )


def own_page(labeller, row):
    """Return (model, pk) of the admin page where the record of ``row`` is edited."""
    model = row.instance_type
    if model is models.ChargeStatusChange:
        return models.Charge, row.charge_id
    if model is models.Citation:
        for owner, attname in (
            (models.Journalist, "journalist_id"),
            (models.Detention, "detention_id"),
            (models.Charge, "charge_id"),
            (models.Event, "event_id"),
        ):
            if getattr(row, attname):
                return owner, getattr(row, attname)
    if model in (models.Alias, models.Affiliation):
        return models.Journalist, row.journalist_id
    return model, row.id


class ReadableChanges(HistoricalRecordContextHelper):
    """The changes of a history row in labels, an uncertain date as one value, no bookkeeping."""

    def context_for_delta_changes(self, delta):
        return [
            {"field": change.label, "old": change.old, "new": change.new}
            for change in readable_delta(self.model, delta)
        ]


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """
    A history admin whose revert is refused to whoever may not change the record
    as it is now, whose pages read in labels, and which lists, below a record's
    own history, the history of the records inside it (a detention's charges,
    status rows, events and citations).
    """

    paginator = CappedCountPaginator
    show_full_result_count = False
    object_history_template = "admin/cases/object_history.html"
    object_history_list_template = "admin/cases/object_history_list.html"
    inner_history_limit = 200

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        user_admin = admin.site._registry.get(get_user_model())
        context = {
            "may_view_users": user_admin is not None and user_admin.has_view_permission(request),
            "inner_changes": lambda: self.inner_changes(request, unquote(object_id)),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def inner_changes(self, request, object_id):
        """Return the HistoryEntries of the records inside this one, newest first."""
        try:
            pk = int(object_id)
        except ValueError:
            return []
        labeller = Labeller()
        rows = inner_history(self.model, pk)[: self.inner_history_limit]
        labeller.prime(rows)
        return [history_entry(request, labeller, row, own_page(labeller, row)) for row in rows]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may view the history post a revert.
        current = self.get_object(request, object_id)
        if request.method == "POST" and (current is None or not self.has_change_permission(request, current)):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class CuratedAdmin(LabelledChoices, GuardedHistoryAdmin):
    """Base for the admins of journalists, detentions and the records inside them."""

    list_per_page = 50
    # The foreign key naming the journalist or detention that owns a record
    # inside one (a charge's "detention"), for the records that have their own page.
    owner_field = None
    # Name-key columns (cases.names) that the search also matches, in the key of each word.
    name_key_fields = ()

    def get_search_results(self, request, queryset, search_term):
        """
        Return the rows where every word of ``search_term`` is in one of the search fields.

        Each field is searched in a subquery of row ids rather than through joins:
        Django's OR over LEFT JOINs of aliases, outlets and charges needed DISTINCT
        over the whole table and could use no index (1 s at 100k detentions), while
        each subquery uses its column's trigram index (migration 0008) and no row is
        listed twice.
        """
        fields = self.get_search_fields(request)
        if not fields or not search_term:
            return queryset, False
        manager = queryset.model._default_manager
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            # One id subquery per field, united: an OR across them made PostgreSQL scan the table.
            matching = [manager.filter(**{f"{field}__icontains": bit}).values("pk") for field in fields]
            # A name in any spelling: its key against the stored keys (cases.names).
            key = names.name_key(bit)
            if key:
                matching += [
                    manager.filter(**{f"{field}__contains": key}).values("pk") for field in self.name_key_fields
                ]
            queryset = queryset.filter(pk__in=matching[0].union(*matching[1:]))
        return queryset, False

    def owner(self, obj):
        """Return the journalist or detention whose state governs ``obj``."""
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A record inside a journalist or detention can only be put in one the
        # user may change: a researcher cannot add a charge to a detention in review.
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == self.owner_field and field is not None:
            field.queryset = editable(request.user, field.queryset)
            field.error_messages["invalid_choice"] = _(
                "Only an editor may add to or change a record in review or withdrawn: choose another, or ask an editor."
            )
        return field

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit(request.user, self.owner(obj))

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        owner = self.owner(obj)
        if owner is obj:
            return can_delete(obj)
        return can_edit(request.user, owner)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        kept = [obj for obj in objs if not self.has_delete_permission(request, obj)]
        if kept:
            protected = [
                *protected,
                *(_("%(record)s (published records are withdrawn, never deleted)") % {"record": obj} for obj in kept),
            ]
        return deleted, counts, perms_needed, protected

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The reverted version carries its old version number: a revert means to
        # overwrite, so the form must not refuse it as stale.
        request.reverting_history = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_form(self, request, form, change):
        self.tell_merged(request, form)
        return super().save_form(request, form, change)

    def save_formset(self, request, form, formset, change):
        for row in formset.forms:
            self.tell_merged(request, row)
        super().save_formset(request, form, formset, change)

    def tell_merged(self, request, form):
        """Say so when a save went through together with someone else's changes made since the form opened."""
        merged = getattr(form, "merged_changes", None)
        if not merged:
            return
        self.message_user(
            request,
            _("%(record)s: saved together with the changes %(who)s made meanwhile (%(changes)s).")
            % {
                "record": form.instance,
                "who": form.merged_by,
                "changes": "; ".join(f"{change.label}: {change.new}" for change in merged),
            },
            messages.INFO,
        )

    def save_model(self, request, obj, form, change):
        reverting = getattr(request, "reverting_history", False)
        if reverting and hasattr(obj, "publication_state"):
            # A revert restores what was written, not where the record stands in review.
            current = type(obj)._base_manager.filter(pk=obj.pk).values(*KEPT_ON_REVERT).first() or {}
            for name, value in current.items():
                setattr(obj, name, value)
        if self.owner_field and change:
            # A record moved to another journalist or detention changes the one it left too.
            request.owner_before = (
                type(obj)._base_manager.filter(pk=obj.pk).values_list(f"{self.owner_field}_id", flat=True).first()
            )
        super().save_model(request, obj, form, change)
        if reverting:
            # A revert saves no inlines, so save_related is not called.
            self.tell_owners(request, self.owners(obj))

    # What a save changes in public: the owning journalist or detention of the
    # record saved is told (services.record_changed), once everything inside
    # it (the inlines) is saved too.

    def owners(self, obj):
        """Return the journalists and detentions whose public document a change of ``obj`` may change."""
        owner = self.owner(obj)
        return [owner] if owner is not None and hasattr(owner, "publication_state") else []

    def tell_owners(self, request, owners):
        seen = set()
        for owner in owners:
            if (type(owner), owner.pk) not in seen:
                seen.add((type(owner), owner.pk))
                services.record_changed(record=owner, by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        owners = self.owners(form.instance)
        before = getattr(request, "owner_before", None)
        if before is not None and owners and before != owners[0].pk:
            owners += list(type(owners[0])._base_manager.filter(pk=before))
        self.tell_owners(request, owners)

    def delete_model(self, request, obj):
        owners = [owner for owner in self.owners(obj) if owner is not obj]
        super().delete_model(request, obj)
        self.tell_owners(request, owners)

    def delete_queryset(self, request, queryset):
        if self.owner_field:
            queryset = queryset.select_related(self.owner_field)
        owners = [owner for obj in queryset for owner in self.owners(obj) if owner is not obj]
        super().delete_queryset(request, queryset)
        self.tell_owners(request, owners)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "reverting_history", False):
            form = type(form.__name__, (form,), {"check_version": False})
        return form


class ChildInline(LabelledChoices):
    """
    An inline editable exactly when its parent journalist or detention is.

    ``select_related`` names what each row's label and fields read, so that a
    page with many rows makes no query per row.
    """

    select_related = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def _parent_editable(self, request, obj):
        return obj is None or can_edit(request.user, obj if hasattr(obj, "publication_state") else obj.detention)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)


class TabularChild(ChildInline, admin.TabularInline):
    pass


class StackedChild(ChildInline, admin.StackedInline):
    pass
