from django.contrib import admin
from django.urls import include, path

from hearth.accounts.views.sign_in import admin_sign_in
from hearth.api import api
from hearth.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("hearth.accounts.urls")),
    path("clients/", include("hearth.clients.urls")),
    path("enrollments/", include("hearth.enrollments.urls")),
    path("projects/", include("hearth.projects.urls")),
    path("hmis-csv/", include("hearth.hmis_csv.urls")),
    path("reports/", include("hearth.reports.urls")),
    path("support/", include("hearth.support.urls")),
    path("audit/", include("hearth.audit.urls")),
    path("coordinated-entry/", include("hearth.coordinated_entry.urls")),
    # The admin site signs in through Hearth's sign-in page (lockout, two-factor, agreement).
    path("admin/login/", admin_sign_in, name="admin_sign_in"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
