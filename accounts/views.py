from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .forms import ProfileForm


@login_required
def my_account(request):
    """The signed-in person's own profile; nobody else's can be reached from here."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details have been saved.")
        return redirect("accounts:my_account")
    return TemplateResponse(request, "accounts/my_account.html", {"form": form})
