from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import PasswordLinkForm

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.switch_language, name="language"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/forgotten/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_forgotten.html",
            form_class=PasswordLinkForm,
            email_template_name="accounts/email/set_password.txt",
            subject_template_name="accounts/email/set_password_subject.txt",
            success_url=reverse_lazy("accounts:password_sent"),
        ),
        name="password_forgotten",
    ),
    path(
        "password/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_sent.html"),
        name="password_sent",
    ),
    path(
        "password/set/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/set_password.html",
            success_url=reverse_lazy("accounts:password_set"),
        ),
        name="set_password",
    ),
    path(
        "password/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_set.html"),
        name="password_set",
    ),
]
