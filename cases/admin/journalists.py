"""The journalist pages: entry with aliases, outlets and sources, review, and merging duplicates."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import models, services
from ..forms import JournalistForm, MergeForm
from .base import CuratedAdmin, PublicationFilter, TabularChild
from .citations import CitationInline
from .review import ReviewAdmin
from .translations import BesideFields, TranslatedAdmin
from .workflow import WorkflowAdmin, problems_html


class AliasInline(BesideFields, TabularChild):
    model = models.Alias
    extra = 1


class AffiliationInline(TabularChild):
    model = models.Affiliation
    select_related = ["journalist", "outlet"]
    extra = 1
    autocomplete_fields = ["outlet"]


class JournalistCitationInline(CitationInline):
    fk_name = "journalist"
    select_related = ["source", "journalist"]


class DetentionLinkInline(TabularChild):
    """The person's detentions, each linking to its own page where it is edited."""

    model = models.Detention
    fields = ["country", "arrested", "released", "status", "publication"]
    readonly_fields = fields
    select_related = ["journalist"]
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("publication"))
    def publication(self, obj):
        return obj.status_string


@admin.register(models.Journalist)
class JournalistAdmin(TranslatedAdmin, ReviewAdmin, WorkflowAdmin, CuratedAdmin):
    form = JournalistForm
    workflow_thing = "journalist"
    # "Save and add a detention": a new person's first case is the next thing to enter.
    ADD_DETENTION = "_add_detention"
    list_display = ["name", "name_original", "role", "gender", "publication", "updated_at"]
    list_filter = [PublicationFilter, "role", "gender", "mediums"]
    search_fields = [
        "name",
        "name_original",
        "slug",
        "aliases__name",
        "affiliations__outlet__name",
        "detentions__charges__statute__article",
    ]
    name_key_fields = ["name_key", "aliases__name_key"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["mediums", "beats"]
    readonly_fields = ["publication", "published_at", "review_comment", "withdrawal_reason", "external_id"]
    inlines = [AliasInline, AffiliationInline, JournalistCitationInline, DetentionLinkInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name", "slug"),
                    "name_original",
                    "different_person",
                    ("gender", "role"),
                    "nationality",
                    "mediums",
                    "beats",
                    "biography",
                    "internal_notes",
                    "version",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": [("publication", "published_at"), "review_comment", "withdrawal_reason", "external_id"]},
        ),
    ]
    actions = [*WorkflowAdmin.actions, "merge_selected"]

    def preview_url(self, obj):
        return reverse("journalist-preview", kwargs={"slug": obj.slug})

    def save_model(self, request, obj, form, change):
        # The stored slug, not the form's: a revert from history starts from an old version.
        old_slug = models.Journalist._base_manager.filter(pk=obj.pk).values_list("slug", flat=True).first()
        super().save_model(request, obj, form, change)
        services.journalist_slug_saved(journalist=obj, old_slug=old_slug, by=request.user)

    def has_merge_permission(self, request, obj=None):
        return request.user.has_perm("cases.merge_journalist")

    @admin.action(description=_("Merge the two selected journalists"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        journalists = queryset.order_by("pk")
        if journalists.count() != 2:
            self.message_user(request, _("Select exactly two journalists to merge."), messages.ERROR)
            return None
        form = MergeForm(request.POST if "apply_merge" in request.POST else None, journalists=journalists)
        if form.is_bound and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            duplicate = journalists.exclude(pk=survivor.pk).get()
            try:
                services.journalist_merge(survivor=survivor, duplicate=duplicate, by=request.user)
            except services.WorkflowError as error:
                self.message_user(request, problems_html(error.problems), messages.ERROR)
                return None
            self.message_user(
                request,
                _("Merged “%(duplicate)s” into “%(survivor)s”; the old address redirects.")
                % {"duplicate": duplicate, "survivor": survivor},
            )
            return HttpResponseRedirect(reverse("admin:cases_journalist_change", args=[survivor.pk]))
        return TemplateResponse(
            request,
            "admin/cases/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge journalists"),
                "opts": self.opts,
                "form": form,
                "journalists": journalists.prefetch_related("detentions", "aliases"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def response_add(self, request, obj, post_url_continue=None):
        if self.ADD_DETENTION in request.POST and request.user.has_perm("cases.add_detention"):
            self.message_user(
                request, _("“%(name)s” was added: now their detention.") % {"name": obj.name}, messages.SUCCESS
            )
            return HttpResponseRedirect(f"{reverse('admin:cases_detention_add')}?journalist={obj.pk}")
        return super().response_add(request, obj, post_url_continue)
