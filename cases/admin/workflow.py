"""
The review workflow in the admin: a button per step on the change form, each
leading to a confirmation page, and the same steps as list actions.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .. import services
from ..forms import PublishForm, ReasonForm, WithdrawForm
from ..models import PublicationState


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    permission: str  # a has_<permission>_permission method of the admin
    applies: Callable  # whether the step can be taken on a record in its current state
    form_class: type | None = None
    reason_label: str = ""


def _in_state(*states):
    return lambda record: record.publication_state in states


STEPS = {
    step.name: step
    for step in (
        # A published record with changes pending is a draft: submitting sends the changes.
        Step("submit", _("Submit for review"), "submit", _in_state(PublicationState.DRAFT, PublicationState.WITHDRAWN)),
        Step("publish", _("Publish"), "publish", _in_state(PublicationState.IN_REVIEW), form_class=PublishForm),
        Step(
            "send_back",
            _("Send back"),
            "review",
            _in_state(PublicationState.IN_REVIEW),
            form_class=ReasonForm,
            reason_label=_("What needs to change"),
        ),
        # Whatever is pending, what the public sees can be withdrawn.
        Step("withdraw", _("Withdraw"), "withdraw", lambda record: record.live, form_class=WithdrawForm),
    )
}


def step_form(step, data=None):
    """Return the form a step asks to fill in, or None."""
    if step.form_class is None:
        return None
    form = step.form_class(data)
    if step.reason_label:
        form.fields["reason"].label = step.reason_label
    return form


def problems_html(problems):
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((problem,) for problem in problems)))


class WorkflowAdmin:
    """
    Mixin for the admins of journalists and detentions. Subclasses name the
    services that take each step in ``services_for`` and what may block publishing.
    """

    change_form_template = "admin/cases/change_form.html"
    workflow_thing = ""  # "journalist" or "detention", the prefix of the services

    # Permissions, named for @admin.action(permissions=...).

    def has_submit_permission(self, request, obj=None):
        if obj is not None:
            return self.has_change_permission(request, obj)
        return request.user.has_perm(f"cases.change_{self.opts.model_name}")

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(f"cases.publish_{self.opts.model_name}")

    def has_review_permission(self, request, obj=None):
        return request.user.has_perm(f"cases.review_{self.opts.model_name}")

    def has_withdraw_permission(self, request, obj=None):
        return request.user.has_perm(f"cases.withdraw_{self.opts.model_name}")

    def allowed(self, request, step, obj=None):
        return getattr(self, f"has_{step.permission}_permission")(request, obj)

    def steps_for(self, request, obj):
        """Return the steps the user may take on ``obj`` in its current state."""
        return [step for step in STEPS.values() if step.applies(obj) and self.allowed(request, step)]

    def take_step(self, step, obj, *, by, data=None):
        """Take ``step`` on ``obj`` with what its form asked (``data``, cleaned)."""
        data = data or {}
        service = getattr(services, f"{self.workflow_thing}_{step.name}")
        kwargs = {self.workflow_thing: obj, "by": by}
        if step.name == "publish":
            kwargs["note"] = data.get("note", "")
        elif step.name == "send_back":
            kwargs["comment"] = data.get("reason", "")
        elif step.name == "withdraw":
            kwargs["reason"] = data.get("reason", "")
            kwargs["public_reason"] = data.get("public_reason", "")
        service(**kwargs)

    def publish_problems(self, obj):
        return getattr(services, f"{self.workflow_thing}_publish_problems")(obj)

    # URLs and the change form's buttons.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/workflow/<str:step>/",
                self.admin_site.admin_view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context["workflow_steps"] = [
                (step, self.admin_url("workflow", obj.pk, step.name)) for step in self.steps_for(request, obj)
            ]
            extra_context["preview_url"] = self.preview_url(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def admin_url(self, name, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    @admin.display(description=_("publication"), ordering="publication_state")
    def publication(self, obj):
        """The state in plain words ("published, changes pending"), the same everywhere."""
        return obj.status_string

    def preview_url(self, obj):
        return ""

    def workflow_view(self, request, object_id, step):
        step = STEPS.get(step)
        obj = self.get_object(request, object_id)
        if step is None or obj is None:
            raise Http404
        if not self.allowed(request, step, obj):
            raise PermissionDenied
        change_url = self.admin_url("change", obj.pk)
        form = step_form(step, request.POST if request.method == "POST" else None)
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                self.take_step(step, obj, by=request.user, data=form.cleaned_data if form else None)
            except services.WorkflowError as error:
                self.message_user(
                    request,
                    format_html("{} {}", _("Not done:"), problems_html(error.problems)),
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request, _("%(step)s: done for “%(obj)s”.") % {"step": step.label, "obj": obj}, messages.SUCCESS
                )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{step.label}: {obj}",
            "opts": self.opts,
            "original": obj,
            "step": step,
            "form": form,
            "change_url": change_url,
            "problems": self.publish_problems(obj) if step.name == "publish" else [],
            "review_url": self.admin_url("review", obj.pk) if step.name in ("publish", "send_back") else "",
        }
        return TemplateResponse(request, "admin/cases/workflow_confirm.html", context)

    # The same steps on many records at once, from the list.

    def _apply(self, request, queryset, step, data=None):
        done, refused = 0, []
        for obj in queryset:
            if not self.allowed(request, step, obj):
                # The action is offered for the list; each record may still be out of the user's reach.
                refused.append(format_html("<li>{}: {}</li>", obj, _("You may not do this to this record.")))
                continue
            try:
                self.take_step(step, obj, by=request.user, data=data)
                done += 1
            except services.WorkflowError as error:
                refused.append(format_html("<li>{}: {}</li>", obj, " ".join(error.problems)))
        if done:
            self.message_user(
                request, _("%(step)s: done for %(n)d.") % {"step": step.label, "n": done}, messages.SUCCESS
            )
        if refused:
            self.message_user(
                request,
                format_html("{} <ul>{}</ul>", _("Not done for:"), format_html_join("", "{}", ((r,) for r in refused))),
                messages.ERROR,
            )

    def _apply_with_reason(self, request, queryset, step):
        form = step_form(step, request.POST if "apply_reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._apply(request, queryset, step, form.cleaned_data)
            return None
        return TemplateResponse(
            request,
            "admin/cases/workflow_action.html",
            {
                **self.admin_site.each_context(request),
                "title": step.label,
                "opts": self.opts,
                "step": step,
                "form": form,
                "queryset": queryset,
                "action": request.POST.get("action"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Submit selected for review"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._apply(request, queryset, STEPS["submit"])

    @admin.action(description=_("Publish selected"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, STEPS["publish"])

    @admin.action(description=_("Send selected back with a comment"), permissions=["review"])
    def send_back_selected(self, request, queryset):
        return self._apply_with_reason(request, queryset, STEPS["send_back"])

    @admin.action(description=_("Withdraw selected with a reason"), permissions=["withdraw"])
    def withdraw_selected(self, request, queryset):
        return self._apply_with_reason(request, queryset, STEPS["withdraw"])

    actions = ["submit_selected", "publish_selected", "send_back_selected", "withdraw_selected"]
