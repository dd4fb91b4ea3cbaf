from django.contrib import admin
from django.urls import include, path

from readwire.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("account/tokens/", include("readwire.api.urls")),
    path("account/", include("readwire.accounts.urls")),
    path("newsroom/", include("readwire.newsroom.urls")),
    path("", include("readwire.ops.urls")),
    path("", include("readwire.site.urls")),
]
