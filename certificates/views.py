"""The learner's certificates, their download, and the public verification pages."""

import time

from allauth.account.adapter import get_adapter
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import selectors, services
from .forms import VerifyCodeForm
from .models import Certificate
from .permissions import user_can_download_certificate

# Verification lookups allowed per client IP address per minute. Codes have about 59 random
# bits, so guessing is hopeless anyway; the limit keeps anyone from trying at speed.
VERIFY_LOOKUPS_PER_MINUTE = 20


@login_required
@require_GET
def my_certificates(request):
    return TemplateResponse(
        request,
        "certificates/my_certificates.html",
        {"certificates": selectors.certificates_for_recipient(request.user)},
    )


@login_required
@require_GET
def download(request, pk: int):
    """The PDF of one of the signed-in person's own certificates; anyone else's is a 404."""
    certificate = get_object_or_404(Certificate, pk=pk)
    if not user_can_download_certificate(request.user, certificate):
        raise Http404("No certificate here.")
    response = HttpResponse(
        services.render_certificate_pdf(certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate.download_filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def lookup_allowed(request) -> bool:
    """Count one verification lookup against the client's address; False once over the limit."""
    client = get_adapter().get_client_ip(request)
    key = f"certificates:verify:{client}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) <= VERIFY_LOOKUPS_PER_MINUTE
    except ValueError:  # the counter expired between add and incr
        return True


def too_many_lookups(request) -> TemplateResponse:
    response = TemplateResponse(request, "certificates/verify_rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


@require_GET
def verify(request):
    """A form to type a code in; a valid-looking code goes to its verification page."""
    form = VerifyCodeForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("certificates:verify_code", code=form.cleaned_data["code"])
    return TemplateResponse(request, "certificates/verify.html", {"form": form})


@require_GET
def verify_code(request, code: str):
    """What anyone may know about a certificate: valid or revoked, and what it certifies (in
    the language of the page, as it was worded at issue time). Nothing else about the person."""
    if not lookup_allowed(request):
        return too_many_lookups(request)
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return TemplateResponse(
            request, "certificates/verify_not_found.html", {"code": code[:40]}, status=404
        )
    return TemplateResponse(
        request,
        "certificates/verify_code.html",
        {"certificate": certificate, "wording": certificate.wording_in(get_language())},
    )
