"""
The review of changes in the admin (DESIGN.md §4): per journalist and per
detention, a page with the published version and the working record side by
side, from which an editor publishes or sends back; and the revert of a whole
case to one of its published versions.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import review, services
from ..models import Detention, DetentionVersion, JournalistVersion
from .workflow import problems_html, step_form

# The steps the review page offers, in this order.
REVIEW_STEPS = ["publish", "send_back", "submit"]


class ReviewAdmin:
    """
    Mixin for the admins of journalists and detentions (beside WorkflowAdmin):
    the review page ``<id>/review/`` and the revert pages ``<id>/revert/``.
    """

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/review/", view(self.review_view), name="{}_{}_review".format(*info)),
            path("<path:object_id>/revert/", view(self.revert_list_view), name="{}_{}_revert".format(*info)),
            path(
                "<path:object_id>/revert/<int:release>/",
                view(self.revert_view),
                name="{}_{}_revert_to".format(*info),
            ),
            *super().get_urls(),
        ]

    def versions_of(self, obj):
        """Return the published versions of ``obj``, newest first, with their releases."""
        if isinstance(obj, Detention):
            versions = DetentionVersion.objects.filter(detention_id=obj.pk)
        else:
            versions = JournalistVersion.objects.filter(journalist_id=obj.pk)
        return versions.select_related("valid_from", "valid_to").order_by("-valid_from_id")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context["review_url"] = self.admin_url("review", obj.pk)
            if self.has_change_permission(request, obj) and self.versions_of(obj).exists():
                extra_context["revert_url"] = self.admin_url("revert", obj.pk)
        return super().change_view(request, object_id, form_url, extra_context)

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        return obj

    def _context(self, request, obj, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "change_url": self.admin_url("change", obj.pk),
            **context,
        }

    # The review page.

    def review_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        steps = {step.name: step for step in self.steps_for(request, obj) if step.name in REVIEW_STEPS}
        forms = {name: step_form(step) for name, step in steps.items()}
        if request.method == "POST":
            step = steps.get(request.POST.get("step"))
            if step is None:
                raise PermissionDenied
            form = forms[step.name] = step_form(step, request.POST)
            if form is None or form.is_valid():
                return self._take_from_review(request, obj, step, form)
        sections = review.review_sections(obj)
        context = self._context(
            request,
            obj,
            title=_("Review of changes: %(record)s") % {"record": obj},
            sections=sections,
            changes=sum(len(section.changes) for section in sections),
            steps=[(steps[name], forms[name]) for name in REVIEW_STEPS if name in steps],
            problems=self.publish_problems(obj) if "publish" in steps else [],
            published=obj.live,
        )
        return TemplateResponse(request, "admin/cases/review.html", context)

    def _take_from_review(self, request, obj, step, form):
        try:
            self.take_step(step, obj, by=request.user, data=form.cleaned_data if form else None)
        except services.WorkflowError as error:
            self.message_user(
                request, format_html("{} {}", _("Not done:"), problems_html(error.problems)), messages.ERROR
            )
            return HttpResponseRedirect(self.admin_url("review", obj.pk))
        self.message_user(
            request, _("%(step)s: done for “%(obj)s”.") % {"step": step.label, "obj": obj}, messages.SUCCESS
        )
        return HttpResponseRedirect(self.admin_url("change", obj.pk))

    # Revert a whole case to a published version.

    def _revertable(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def revert_list_view(self, request, object_id):
        obj = self._revertable(request, object_id)
        versions = list(self.versions_of(obj))
        if not versions:
            raise Http404
        context = self._context(
            request,
            obj,
            title=_("Revert to a published version: %(record)s") % {"record": obj},
            versions=[(version, self.admin_url("revert_to", obj.pk, version.valid_from_id)) for version in versions],
        )
        return TemplateResponse(request, "admin/cases/revert_list.html", context)

    def revert_view(self, request, object_id, release):
        obj = self._revertable(request, object_id)
        version = self.versions_of(obj).filter(valid_from=release).first()
        if version is None:
            raise Http404
        if request.method == "POST":
            try:
                getattr(services, f"{self.workflow_thing}_revert")(
                    **{self.workflow_thing: obj, "version": version, "by": request.user}
                )
            except services.WorkflowError as error:
                self.message_user(
                    request, format_html("{} {}", _("Not reverted:"), problems_html(error.problems)), messages.ERROR
                )
                return HttpResponseRedirect(self.admin_url("revert_to", obj.pk, release))
            obj.refresh_from_db()
            self.message_user(
                request,
                _("“%(obj)s” is as release %(release)d published it; it is now %(state)s.")
                % {"obj": obj, "release": release, "state": obj.status_string},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self.admin_url("change", obj.pk))
        working = services.working_document(obj)
        if isinstance(obj, Detention):
            section = review.detention_section(obj, version.document, working)
        else:
            section = review.journalist_section(obj, version.document, working)
        context = self._context(
            request,
            obj,
            title=_("Revert to release %(release)d: %(record)s") % {"release": release, "record": obj},
            version=version,
            section=section,
            revert_list_url=self.admin_url("revert", obj.pk),
        )
        return TemplateResponse(request, "admin/cases/revert_confirm.html", context)
