"""Named censuses: an editor names the figure of a day, fixed at the latest release (DESIGN.md §4)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .. import services
from ..models import Census, Release


class CensusForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("country"), required=False)

    class Meta:
        model = Census
        fields = ["title", "slug", "day", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "country" in self.fields:
            self.fields["country"].choices = [("", _("every country")), *countries]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and Release.objects.latest_release() is None:
            raise forms.ValidationError(_("Nothing is published yet: a census is fixed at a release."))
        return cleaned


@admin.register(Census)
class CensusAdmin(admin.ModelAdmin):
    """
    Editors (who may publish) name censuses; researchers see them. What a
    census names (its day, country and address) and the release it is fixed
    at do not change once it is named; its title may be corrected.
    """

    form = CensusForm
    list_display = ["title", "day", "country", "release", "slug"]
    list_select_related = ["release"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}

    def get_fields(self, request, obj=None):
        return ["title", "slug", "day", "country", "release"] if obj else ["title", "slug", "day", "country"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug", "day", "country", "release"] if obj else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields

    def _may_name(self, request):
        return request.user.has_perm("cases.publish_detention")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("cases.view_detention")

    def has_add_permission(self, request):
        return self._may_name(request)

    def has_change_permission(self, request, obj=None):
        return self._may_name(request)

    def has_delete_permission(self, request, obj=None):
        # A named census is cited by its address; it stays.
        return False

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["title"])
            return
        census = services.census_create(
            title=obj.title, slug=obj.slug, day=obj.day, country=obj.country, by=request.user
        )
        obj.pk, obj.release = census.pk, census.release
