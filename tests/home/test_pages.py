import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from tests.factories import make_home_page, make_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages():
    home = make_home_page()
    about = make_standard_page(home, title="About Signs of Safety", show_in_menus=True)
    return home, about


@pytest.mark.parametrize(
    "url_name",
    ["account_login", "account_signup", "account_reset_password"],
)
def test_account_pages_are_public(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert 'class="govuk-template' in response.content.decode()


def test_site_pages_are_public(client, site_pages):
    home, about = site_pages

    home_response = client.get(home.url)
    about_response = client.get(about.url)

    assert home_response.status_code == 200
    assert about.title in home_response.content.decode(), "cards link to pages shown in menus"
    assert about_response.status_code == 200


def test_unknown_pages_get_the_friendly_404(client, site_pages):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_footer_links_the_accessibility_statement_and_privacy_notice(client, site_pages):
    from wagtail.models import Site

    from home.models import SiteSettings

    home, _ = site_pages
    accessibility = make_standard_page(home, title="Accessibility statement")
    privacy = make_standard_page(home, title="Privacy notice")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.accessibility_statement = accessibility
    site_settings.privacy_notice = privacy
    site_settings.save()

    content = client.get(home.url).content.decode()

    assert f'href="{accessibility.url}"' in content
    assert f'href="{privacy.url}"' in content


def test_the_admin_requires_sign_in_through_the_one_login_page(client):
    response = client.get("/admin/pages/", follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=/admin/pages/"
    assert response.status_code == 200


def test_learners_are_refused_the_admin_without_a_redirect_loop(client, learner):
    client.force_login(learner)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    assert "You cannot see this page" in response.content.decode()


def test_training_administrators_use_the_admin(client, training_admin):
    client.force_login(training_admin)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/organisations/").status_code == 200


def test_user_admin_shows_our_user_fields(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(superuser=True))
    user = UserFactory(full_name="Robin Example")

    response = client.get(f"/admin/users/edit/{user.pk}/")

    assert response.status_code == 200
    assert 'name="full_name"' in response.content.decode()


class TestPageTypes(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_standard_pages(self):
        from wagtail.models import Page

        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_images_need_alt_text(self):
        from wagtail.blocks import StructBlockValidationError

        from home.blocks import ImageBlock

        block = ImageBlock()
        with self.assertRaises(StructBlockValidationError):
            block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))


def test_server_errors_get_a_plain_page_that_needs_no_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_call_to_action_needs_a_page_or_a_url():
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import CallToActionBlock

    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "Book now", "page": None, "url": ""}))

    assert "Choose a page or enter a URL." in str(error.value.block_errors["page"])
    assert block.clean(block.to_python({"text": "Read more", "url": "https://example.org/"}))
