from django.urls import path

from readwire.site import views
from readwire.site.feeds import LatestStoriesFeed

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("feed.xml", LatestStoriesFeed(), name="feed"),
    path("story/<int:story_id>/", views.story, name="story"),
    path("story/<int:story_id>/v<int:number>/", views.story_version, name="story_version"),
]
