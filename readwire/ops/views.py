"""Views for the people and machines that run Readwire, not for readers."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request):
    """Liveness for a load balancer or process manager: the web process answers. It asks nothing of
    the database, so a slow database never gets a healthy web server restarted; and, being the least
    work a request through the whole middleware stack can be, it is the baseline of ``readwire bench pages``.
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
