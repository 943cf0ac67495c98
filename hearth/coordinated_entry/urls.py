from django.urls import path

from hearth.coordinated_entry import views

app_name = "coordinated_entry"

urlpatterns = [
    path("queue/", views.queue, name="queue"),
]
