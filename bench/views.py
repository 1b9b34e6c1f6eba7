from django.http import JsonResponse


def ping(request):
    """Return the smallest JSON answer the stack can give: the ceiling of throughput."""
    return JsonResponse({"ok": True})
