"""The HTTP API, version 1, at /api/v1/ (OpenAPI document at /api/v1/openapi.json).

Every error comes out as an RFC 7807 problem (``readwire.api.problems``), including django-ninja's
own answers for invalid parameters, unknown paths under /api/v1/ and wrong methods.
"""

from __future__ import annotations

from django.urls import re_path
from ninja import NinjaAPI, Swagger

from readwire.api import problems
from readwire.api.me import router as me_router
from readwire.api.push_subscriptions import router as push_subscriptions_router
from readwire.api.search import router as search_router
from readwire.api.sections import router as sections_router
from readwire.api.stories import router as stories_router
from readwire.api.wire import router as wire_router


class ReadwireAPI(NinjaAPI):
    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if hasattr(pattern, "callback"):
                # django-ninja answers a wrong method itself, before any exception handler runs.
                pattern.callback = problems.method_not_allowed_as_problem(pattern.callback)
        patterns.append(re_path(r"^", problems.no_such_endpoint, name="no-such-endpoint"))
        return patterns, app_name, namespace

    def get_openapi_schema(self, *args, **kwargs):
        return problems.document_problems(super().get_openapi_schema(*args, **kwargs))


api = ReadwireAPI(
    title="Readwire API",
    version="1",
    description="The wire in, and stories out, for apps built on Readwire. docs/api.md is the guide.",
    urls_namespace="api",
    # Served from Readwire's own static files ("ninja" is an installed app); no validator badge,
    # which would send the document's address to a third party.
    docs=Swagger(settings={"validatorUrl": None}),
)
problems.install_exception_handlers(api)

api.add_router("", wire_router)
api.add_router("", stories_router)
api.add_router("", search_router)
api.add_router("", sections_router)
api.add_router("", me_router)
api.add_router("", push_subscriptions_router)
