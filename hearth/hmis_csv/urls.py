from django.urls import path

from hearth.hmis_csv import views

app_name = "hmis_csv"

urlpatterns = [
    path("", views.index, name="index"),
    path("imports/<int:pk>/", views.run_detail, name="run"),
    path("imports/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("imports/<int:pk>/report.csv", views.run_report, name="run_report"),
    path("export/", views.export, name="export"),
]
