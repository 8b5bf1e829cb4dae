import pytest

from home.templatetags.navigation import in_section
from tests.factories import make_home_page, make_standard_page


@pytest.mark.parametrize(
    ("path", "section", "expected"),
    [
        ("/training/sessions/", "/training/sessions/", True),
        ("/training/sessions/12/", "/training/sessions/", True),
        ("/training/", "/training/sessions/", False),
        ("/anything/", "/", False),
        ("/anything/", None, False),
    ],
)
def test_a_section_is_current_on_its_own_pages_only(path, section, expected):
    assert in_section(path, section) is expected


@pytest.mark.django_db
def test_navigation_lists_sections_shown_in_menus_and_marks_the_current_one(client):
    home = make_home_page()
    shown = make_standard_page(home, title="Guides and resources", show_in_menus=True)
    make_standard_page(home, title="Hidden page", show_in_menus=False)

    content = client.get(shown.url).content.decode()
    navigation = content[content.index('id="navigation"') : content.index("</nav>")]

    assert "Guides and resources" in navigation
    assert "Hidden page" not in navigation
    assert 'aria-current="page"' in navigation
