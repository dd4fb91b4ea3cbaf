"""Signals other parts of Readwire listen to (alerts, licensing, search).

``story_changed`` is sent only after the transaction that stored the change has committed, with
``story_id``, ``version`` and ``change``, one of the ``CREATED``/``UPDATED``/``CORRECTED``/``KILLED``
names below. Receivers get ids, not objects, so they can hand them straight to a task.
"""

from django.dispatch import Signal

CREATED = "created"
UPDATED = "updated"
CORRECTED = "corrected"
KILLED = "killed"

story_changed = Signal()
