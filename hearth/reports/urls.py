from django.urls import path

from hearth.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/<slug:kind>/", views.new, name="new"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/delete/", views.delete, name="delete"),
    path("runs/<int:pk>/cells/<str:key>/<int:row>/<int:col>/", views.cell, name="cell"),
    path("runs/<int:pk>/charts/<str:key>.svg", views.chart, name="chart"),
    path("runs/<int:pk>/csv/<str:key>.csv", views.download_table, name="download_table"),
    path("runs/<int:pk>/csv.zip", views.download_zip, name="download_zip"),
    path("runs/<int:pk>/workbook.xlsx", views.download_xlsx, name="download_xlsx"),
]
