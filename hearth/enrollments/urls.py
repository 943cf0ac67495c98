from django.urls import path

from hearth.enrollments.views import (
    assessments,
    caseload,
    client,
    details,
    enroll,
    exit,
    program,
    roster,
    signing,
    work,
)

app_name = "enrollments"

urlpatterns = [
    path("caseload/", caseload.caseload, name="caseload"),
    path("roster/", roster.roster_index, name="roster_index"),
    path("programs/", program.program_list, name="program_list"),
    path("programs/<int:project_id>/settings/", program.program_settings, name="program_settings"),
    path("programs/<int:project_id>/roster/", roster.roster, name="roster"),
    path("programs/<int:project_id>/roster/<int:enrollment_id>/check-in/", roster.check_in, name="check_in"),
    # The client record.
    path("clients/<int:client_id>/", client.client_programs, name="client_programs"),
    path("clients/<int:client_id>/enroll/", enroll.enroll, name="enroll"),
    path("clients/<int:client_id>/notes/", client.client_notes, name="client_notes"),
    path("clients/<int:client_id>/household/", client.global_household, name="global_household"),
    path(
        "clients/<int:client_id>/household/<int:member_id>/",
        client.global_member_change,
        name="global_member_change",
    ),
    path("clients/<int:client_id>/releases/new/", client.roi_new, name="roi_new"),
    path("clients/<int:client_id>/releases/<int:roi_id>/revoke/", client.roi_revoke, name="roi_revoke"),
    path("clients/<int:client_id>/forms/<int:template_id>/sign/", signing.sign, name="sign"),
    path("files/<int:file_id>/", details.file_download, name="file_download"),
    path("signed-forms/<int:submission_id>/", details.submission, name="submission"),
    path("signed-forms/<int:submission_id>/signature.png", details.signature_image, name="signature_image"),
    # Program Details of one enrollment.
    path("<int:pk>/", details.details, name="details"),
    path("<int:pk>/notes/", details.notes, name="notes"),
    path("<int:pk>/files/", details.files, name="files"),
    path("<int:pk>/chart/", details.chart, name="chart"),
    path("<int:pk>/forms/", details.forms_tab, name="forms"),
    path("<int:pk>/exit/", exit.exit_household, name="exit"),
    path("<int:pk>/assign/", details.assign, name="assign"),
    path("<int:pk>/assessments/<slug:stage_slug>/", assessments.assessment, name="assessment"),
    path("<int:pk>/household/", enroll.enrollment_household, name="enrollment_household"),
    path("<int:pk>/household/add/", enroll.member_add, name="member_add"),
    path("<int:pk>/services/new/", work.service_new, name="service_new"),
    path("<int:pk>/contacts/new/", work.contact_new, name="contact_new"),
    path("<int:pk>/move-in/", work.move_in, name="move_in"),
    path("<int:pk>/engagement/", work.engagement, name="engagement"),
]
