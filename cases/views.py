from django.views.generic import DetailView

from .models import Journalist


class JournalistDetailView(DetailView):
    """The public page of one published journalist."""

    template_name = "cases/journalist_detail.html"

    def get_queryset(self):
        return Journalist.objects.published()
