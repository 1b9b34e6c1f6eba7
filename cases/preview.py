"""
Staff preview: the public page of a journalist as it will look, even while
unpublished. The page itself is the public view's; only the records it may
show differ.
"""

from django.contrib import admin
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from . import render
from .models import Journalist
from .views import JournalistDetailView


@method_decorator(never_cache, name="dispatch")  # private, no-store: drafts stay out of every cache
class JournalistPreviewView(JournalistDetailView):
    """The public journalist page for staff who may view journalists, in any publication state."""

    permission_required = "cases.view_journalist"

    def dispatch(self, request, *args, **kwargs):
        # Whoever may not enter the admin (anonymous, not staff, a production session
        # without its code) or may not view journalists gets the 404 of any unknown
        # address: neither a login page (which would show the hidden admin path) nor
        # a 403 tells that a preview is there.
        if not (admin.site.has_permission(request) and request.user.has_perm(self.permission_required)):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

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
