from django.urls import path

from hearth.clients.views import duplicates, profile, search

app_name = "clients"

urlpatterns = [
    path("", search.search, name="search"),
    path("new/", search.new, name="new"),
    path("<int:pk>/", profile.profile, name="profile"),
    path("<int:pk>/edit/", profile.edit, name="edit"),
    path("duplicates/", duplicates.queue, name="duplicates"),
    path("duplicates/<int:pk>/", duplicates.review, name="duplicate_review"),
    path("merge/", duplicates.merge_preview, name="merge_preview"),
    path("merges/", duplicates.merges, name="merges"),
    path("merges/<int:pk>/", duplicates.merge_detail, name="merge_detail"),
]
