"""
Read replicas: with ``DATABASE_REPLICA_URL`` set, public reads go to the replica
and everything else (the admin, the preview, every write) to the primary.

A request is public when ``api.middleware.PublicAnswerMiddleware`` says so, for
the time it makes the answer; there it also reads the data version from the
replica and makes the whole answer from one snapshot of it, so that an answer
never mixes two releases and shows a release only once the replica has it.
"""

import contextlib
import contextvars

REPLICA = "replica"

_public = contextvars.ContextVar("public_reads", default=False)


@contextlib.contextmanager
def public_reads(public=True):
    """Send the reads made inside to the replica (when there is one), or with ``public=False`` not."""
    token = _public.set(public)
    try:
        yield
    finally:
        _public.reset(token)


class ReplicaRouter:
    """Public reads on the replica; writes, the admin and anything outside a public request on the primary."""

    def db_for_read(self, model, **hints):
        from django.db import connections

        if _public.get() and REPLICA in connections.databases:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: their rows are the same rows.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
