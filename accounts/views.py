from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .services import open_membership


@login_required
def my_account(request):
    """The signed-in person's own profile; nobody else's can be reached from here."""
    membership = open_membership(request.user)
    form = ProfileForm(request.POST or None, instance=request.user, membership=membership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:my_account")
    return TemplateResponse(
        request, "accounts/my_account.html", {"form": form, "membership": membership}
    )


def admin_sign_in(request):
    """Where the Wagtail admin sends people it turns away.

    Signed-out people go to the one sign-in page. Signed-in people without admin access get a
    plain 403: sending them to the sign-in page would bounce them straight back to the admin.
    """
    if request.user.is_authenticated:
        return TemplateResponse(request, "403.html", status=403)
    return redirect_to_login(request.GET.get("next", "/admin/"), login_url=reverse("account_login"))
