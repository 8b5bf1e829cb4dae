import pytest
from wagtail.test.utils import WagtailPageTestCase

from courses.choices import CourseType
from courses.models import CourseIndexPage, CoursePage
from home.models import HomePage, StandardPage
from tests.courses.factories import make_course, make_course_index


class TestCoursePageTree(WagtailPageTestCase):
    def test_courses_live_under_the_course_index_under_home(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, set())
        self.assertCanNotCreateAt(StandardPage, CoursePage)


@pytest.mark.django_db
def test_the_course_index_filters_by_type_and_audience(client):
    make_course(title="Two-day training", course_type=CourseType.TWO_DAY)
    make_course(title="Briefing", course_type=CourseType.HALF_DAY_BRIEFING, audience="partners")
    index = make_course_index()

    everything = client.get(index.url)
    by_type = client.get(index.url, {"course_type": CourseType.TWO_DAY})
    by_audience = client.get(index.url, {"audience": "partners"})

    titles = lambda response: [c.title for c in response.context["courses"]]  # noqa: E731
    assert titles(everything) == ["Two-day training", "Briefing"]
    assert titles(by_type) == ["Two-day training"]
    assert titles(by_audience) == ["Briefing"]


@pytest.mark.django_db
def test_a_course_page_shows_its_prerequisites_and_outcomes(client):
    two_day = make_course(title="Two-day training")
    five_day = make_course(
        title="Five-day advanced training",
        requires=[two_day],
        learning_outcomes="Lead group supervision\n\nCoach colleagues",
    )

    page = client.get(five_day.url).content.decode()

    assert "Complete first" in page and two_day.url in page
    assert "<li>Lead group supervision</li>" in page
    assert "<li>Coach colleagues</li>" in page


@pytest.mark.django_db
def test_the_course_index_appears_in_the_navigation(client):
    make_course()

    page = client.get("/").content.decode()

    assert 'href="/courses/"' in page
