"""
Staff preview: the public page of a journalist as it will look, even while
unpublished. The page itself is the public view's; only the records it may
show differ.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404

from . import render
from .models import Journalist
from .views import JournalistDetailView


class JournalistPreviewView(PermissionRequiredMixin, JournalistDetailView):
    """The public journalist page for staff who may view journalists, in any publication state."""

    permission_required = "cases.view_journalist"

    def handle_no_permission(self):
        # Anonymous visitors go to the admin login; staff without the right get 403.
        self.login_url = "admin:login"
        return super().handle_no_permission()

    def case(self, slug):
        """Return the working journalist and all their detentions, shown as a release would publish them."""
        working = Journalist.objects.filter(slug=slug).first()
        if working is None:
            raise Http404
        journalist = render.load_journalist(render.journalist_document(working), updated_at=working.updated_at)
        detentions = [
            render.load_detention(render.detention_document(detention), journalist, updated_at=detention.updated_at)
            for detention in working.detentions.order_by("arrested_latest", "pk")
        ]
        return journalist, detentions

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "preview": True}
