from django.urls import path

from readwire.newsroom import views

app_name = "newsroom"
urlpatterns = [
    path("", views.wire, name="wire"),
    path("wire.json", views.wire_json, name="wire_json"),
    path("story/<int:story_id>/", views.story, name="story"),
    path("story/<int:story_id>/placement/", views.correct_placement, name="correct_placement"),
    path("front-page/", views.front_page_screen, name="front_page"),
    path("front-page/curate/", views.curate, name="curate"),
]
