from __future__ import annotations

from django.contrib.auth import views as auth_views

from hearth.core.middleware import public


@public
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
