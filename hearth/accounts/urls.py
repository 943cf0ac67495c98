from django.urls import path

from hearth.accounts.views import password, profile, sign_in, training, users

app_name = "accounts"

urlpatterns = [
    path("sign-in/", sign_in.sign_in, name="login"),
    path("sign-in/code/", sign_in.sign_in_two_factor, name="sign_in_two_factor"),
    path("sign-in/new-password/", sign_in.sign_in_new_password, name="sign_in_new_password"),
    path("sign-in/agreement/", sign_in.sign_in_agreement, name="sign_in_agreement"),
    path("sign-out/", sign_in.SignOutView.as_view(), name="logout"),
    path("password-reset/", password.password_reset, name="password_reset"),
    path(
        "password-reset/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("welcome/<uidb64>/<token>/", password.AccountSetupView.as_view(), name="account_setup"),
    path("password-set/", password.password_set_done, name="password_set_done"),
    path("password/", password.password_change, name="password_change"),
    path("me/", profile.profile, name="profile"),
    path("me/two-factor/", profile.two_factor_setup, name="two_factor_setup"),
    path("me/two-factor/remove/", profile.two_factor_remove, name="two_factor_remove"),
    path("session/keepalive/", profile.session_keepalive, name="session_keepalive"),
    path("training/", training.training, name="training"),
    path("training/upload/", training.training_upload, name="training_upload"),
    path("requests/", training.request_list, name="request_list"),
    path("requests/<int:pk>/", training.request_detail, name="request_detail"),
    path("users/", users.user_list, name="user_list"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/<str:action>/", users.user_action, name="user_action"),
    path("security/", users.security, name="security"),
]
