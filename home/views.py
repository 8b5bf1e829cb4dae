from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.languages import path_in_language, supported_language


@require_POST
def switch_language(request: HttpRequest) -> HttpResponseRedirect:
    """The language switcher for a signed-in person: remembers the choice as their preferred
    language (the language of what is sent to them), then shows them the page they were on in
    that language. Signed-out visitors' switcher is plain links, so their pages stay cacheable.

    The preference only changes here and in My account; no page redirects by it, so the
    switcher and the preference cannot send a person back and forth."""
    code = supported_language(request.POST.get("language"))
    next_path = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_path, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_path = "/"
    user = request.user
    if user.is_authenticated and user.preferred_language != code:
        user.preferred_language = code
        user.save(update_fields=["preferred_language"])
    return HttpResponseRedirect(path_in_language(request, next_path, code))
