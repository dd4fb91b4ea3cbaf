from django.urls import path, re_path

from readwire.site import pwa, views
from readwire.site.feeds import LatestStoriesFeed, SectionFeed

app_name = "site"
# Section.Kind's values: a desk lives at /desk/<slug>/, a Topic in Focus at /topic/<slug>/.
SECTION = r"^(?P<kind>desk|topic)/(?P<slug>[-a-zA-Z0-9_]+)/"

urlpatterns = [
    path("", views.home, name="home"),
    path("feed.xml", LatestStoriesFeed(), name="feed"),
    path("search/", views.search, name="search"),
    re_path(SECTION + r"$", views.section, name="section"),
    re_path(SECTION + r"feed\.xml$", SectionFeed(), name="section_feed"),
    re_path(SECTION + r"follow/$", views.follow, name="follow"),
    re_path(SECTION + r"unfollow/$", views.unfollow, name="unfollow"),
    path("story/<int:story_id>/", views.story, name="story"),
    path("story/<int:story_id>/v<int:number>/", views.story_version, name="story_version"),
    path("license/<int:story_id>/", views.license_story, name="license"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
]
