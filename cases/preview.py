"""
Staff preview: the public page of a journalist as it will look, even while
unpublished. The page itself is the public view's; only the records it may
show differ.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin

from .models import Detention, Journalist
from .views import JournalistDetailView


class JournalistPreviewView(PermissionRequiredMixin, JournalistDetailView):
    """The public journalist page for staff who may view journalists, in any publication state."""

    permission_required = "cases.view_journalist"

    def handle_no_permission(self):
        # Anonymous visitors go to the admin login; staff without the right get 403.
        self.login_url = "admin:login"
        return super().handle_no_permission()

    def journalists(self):
        return Journalist.objects.all()

    def detentions(self):
        return Detention.objects.all()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "preview": True}
