"""What pages keep between requests (routes, the site chrome, breadcrumbs, the admin link) is
never out of date: any change moves the content version, in this process and for the others."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

from accounts import roles
from home import site_cache
from home.models import SiteSettings
from tests.factories import UserFactory, make_home_page, make_standard_page
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    home = make_home_page()
    guides = make_standard_page(home, title="Guides", show_in_menus=True)
    return home, guides, make_standard_page(guides, title="Words and pictures")


@pytest.fixture
def signed_in(client, learner):
    """Signed-in pages are rendered every time, so they show what the site cache holds."""
    client.force_login(learner)
    return client


def test_a_repeated_page_routes_without_walking_the_tree(signed_in, pages):
    _, _, page = pages
    signed_in.get(page.url)

    queries = count_queries(lambda: signed_in.get(page.url))

    assert queries == 1  # the user: the session, the route and the page are in caches


def gone_from(client, old_url: str, new_url: str) -> bool:
    """The old address no longer serves the page: a 404, or Wagtail's redirect to the new one."""
    response = client.get(old_url)
    return response.status_code == 404 or (response.status_code == 301 and response.url == new_url)


def test_a_moved_page_is_found_at_its_new_address_only(signed_in, pages):
    home, guides, page = pages
    old_url = page.url
    signed_in.get(old_url)

    page.move(home, pos="last-child")
    page.refresh_from_db()

    assert page.url != old_url
    assert gone_from(signed_in, old_url, page.url)
    assert signed_in.get(page.url).status_code == 200


def test_a_renamed_page_is_found_at_its_new_address_only(signed_in, pages):
    _, _, page = pages
    old_url = page.url
    signed_in.get(old_url)

    page.slug = "words-and-pictures-explanations"
    page.save_revision().publish()
    page.refresh_from_db()

    assert gone_from(signed_in, old_url, page.url)
    assert signed_in.get(page.url).status_code == 200


def test_the_menu_breadcrumbs_and_footer_follow_published_changes(signed_in, pages):
    home, guides, page = pages
    signed_in.get(page.url)

    guides.title = "Guides and resources"
    guides.save_revision().publish()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Northshire County Council"
    settings.save()
    make_standard_page(home, title="Practice Lead Network", show_in_menus=True)
    content = signed_in.get(page.url).content.decode()

    navigation = content[content.index('id="navigation"') : content.index("</nav>")]
    breadcrumbs = content[content.index('aria-label="Breadcrumb"') :]
    assert "Guides and resources" in navigation
    assert "Practice Lead Network" in navigation
    assert "Guides and resources" in breadcrumbs[: breadcrumbs.index("</nav>")]
    assert "Run by Northshire County Council" in content
    assert "Northshire County Council</title>" in content


def admin_link(client, url) -> bool:
    return 'href="/admin/"' in client.get(url).content.decode()


def test_the_admin_link_follows_group_changes_at_once(signed_in, learner, pages):
    _, guides, _ = pages
    administrators = Group.objects.get(name=roles.TRAINING_ADMINISTRATOR)
    assert administrators.permissions.filter(codename="access_admin").exists()

    before = admin_link(signed_in, guides.url)
    learner.groups.add(administrators)
    granted = admin_link(signed_in, guides.url)
    learner.groups.remove(administrators)
    removed = admin_link(signed_in, guides.url)

    assert (before, granted, removed) == (False, True, False)


def test_the_admin_link_follows_a_group_losing_its_permission(signed_in, learner, pages):
    _, guides, _ = pages
    editors = Group.objects.create(name="Content team")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    learner.groups.add(editors)
    assert admin_link(signed_in, guides.url)

    editors.permissions.clear()

    assert not admin_link(signed_in, guides.url)


def test_nobody_else_gets_a_persons_admin_link(client, pages):
    _, guides, _ = pages
    administrator = UserFactory(staff=True, training_admin=True)
    client.force_login(administrator)
    assert admin_link(client, guides.url)

    client.force_login(UserFactory(staff=True))

    assert not admin_link(client, guides.url)


def test_a_change_moves_the_version_now_and_again_on_commit(django_capture_on_commit_callbacks):
    before = site_cache.read_versions()[site_cache.CONTENT]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site_cache.content_changed()
        at_once = site_cache.read_versions()[site_cache.CONTENT]
    for callback in callbacks:
        callback()
    committed = site_cache.read_versions()[site_cache.CONTENT]

    assert before != at_once != committed
    assert len(callbacks) == 1


def content_version() -> object:
    return site_cache.read_versions()[site_cache.CONTENT]


def test_only_groups_giving_admin_access_move_the_version(learner):
    learners = Group.objects.get(name=roles.LEARNER)
    administrators = Group.objects.get(name=roles.TRAINING_ADMINISTRATOR)
    before = content_version()

    UserFactory()  # a new learner joins the learners' group
    learner.groups.remove(learners)
    after_learners = content_version()
    learner.groups.add(administrators)
    after_administrators = content_version()

    assert not learners.permissions.filter(codename="access_admin").exists()
    assert before == after_learners != after_administrators
