from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": _("This e-mail address and password do not match. Check them and try again."),
        "inactive": _("This account is disabled. Ask the secretariat of your workspace."),
    }


class PasswordLinkForm(PasswordResetForm):
    """Sends a password link to any active account with this address.

    Django's form skips accounts without a usable password, but members added by the secretariat start with
    none: once their invitation link has expired, this is how they get a new one.
    """

    def get_users(self, email):
        return get_user_model().objects.filter(email__iexact=email.strip(), is_active=True)
