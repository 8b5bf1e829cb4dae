"""Course pages for tests: built under a course index with add_child, never Page.objects."""

import itertools

from courses.choices import CourseType
from courses.models import CourseIndexPage, CoursePage, CoursePrerequisite
from tests.factories import make_home_page

_slugs = itertools.count(1)


def make_course_index():
    existing = CourseIndexPage.objects.first()
    if existing is not None:
        return existing
    return make_home_page().add_child(
        instance=CourseIndexPage(title="Courses", slug="courses", show_in_menus=True)
    )


def make_course(*, requires=(), **fields) -> CoursePage:
    number = next(_slugs)
    fields.setdefault("title", f"Course {number}")
    fields.setdefault("slug", f"course-{number}")
    fields.setdefault("course_type", CourseType.TWO_DAY)
    fields.setdefault("summary", "What the course is about.")
    course = make_course_index().add_child(instance=CoursePage(**fields))
    for required in requires:
        CoursePrerequisite.objects.create(course=course, required_course=required)
    return course
