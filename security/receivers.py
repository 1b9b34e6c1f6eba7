from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from cases.models import PublicationState

from .audit import record

ACTIONS = {PublicationState.PUBLISHED: "publish", PublicationState.WITHDRAWN: "withdraw"}


@receiver(user_logged_in, dispatch_uid="audit_login")
def logged_in(sender, request, user, **kwargs):
    record("login", who=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def logged_out(sender, request, user, **kwargs):
    record("logout", who=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; only the name is kept.
    record("login_failed", who=credentials.get("username", ""), request=request)


@receiver(post_create_historical_record, dispatch_uid="audit_publication")
def publication_changed(sender, instance, history_instance, history_user=None, **kwargs):
    """
    Log publish and withdraw, however they happen (workflow, admin, import), from
    the history row every change writes; the business logic knows nothing of it.
    """
    state = getattr(history_instance, "publication_state", None)
    if state not in ACTIONS or getattr(instance, "_loaded_publication_state", None) == state:
        return
    request = getattr(HistoricalRecords.context, "request", None)
    record(ACTIONS[state], who=history_user, request=request, record=instance._meta.label_lower, id=instance.pk)
