from django.urls import path

from hearth.coordinated_entry.views import assess, openings, queue, referrals

app_name = "coordinated_entry"

urlpatterns = [
    path("queue/", queue.queue, name="queue"),
    path("enrollments/<int:enrollment_id>/assess/", assess.assess, name="assess"),
    path("openings/", openings.opening_list, name="openings"),
    path("openings/new/", openings.opening_new, name="opening_new"),
    path("openings/<int:opening_id>/", openings.opening_detail, name="opening"),
    path("openings/<int:opening_id>/refer/", openings.opening_refer, name="opening_refer"),
    path("openings/<int:opening_id>/close/", openings.opening_close, name="opening_close"),
    path("referrals/", referrals.referral_list, name="referrals"),
    path("referrals/<int:referral_id>/", referrals.referral_detail, name="referral"),
    path("referrals/<int:referral_id>/accept/", referrals.referral_accept, name="referral_accept"),
    path("referrals/<int:referral_id>/decline/", referrals.referral_decline, name="referral_decline"),
]
