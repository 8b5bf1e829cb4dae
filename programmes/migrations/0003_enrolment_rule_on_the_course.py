"""The rule "only for people on a programme" moves from the programme (a list of courses)
to the course (a flag), so booking any other course asks the programmes nothing. A course a
programme listed gets the flag, in every language and in its latest revision (which the page
editor opens), and counts for the programmes with a requirement of it. Going back lists each
flagged course on the programmes with a requirement of it."""

from django.db import migrations


def flag_the_listed_courses(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    CoursePage = apps.get_model("courses", "CoursePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    keys = set(
        Programme.courses_needing_enrolment.through.objects.values_list(
            "coursepage__translation_key", flat=True
        )
    )
    courses = CoursePage.objects.filter(translation_key__in=keys)
    courses.update(needs_programme_enrolment=True)
    revisions = Revision.objects.filter(
        pk__in=courses.exclude(latest_revision=None).values("latest_revision")
    )
    for revision in revisions:
        revision.content["needs_programme_enrolment"] = True
        revision.save(update_fields=["content"])


def list_the_flagged_courses(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    CoursePage = apps.get_model("courses", "CoursePage")
    Listed = Programme.courses_needing_enrolment.through
    for course in CoursePage.objects.filter(needs_programme_enrolment=True):
        for programme in Programme.objects.filter(
            requirements__course__translation_key=course.translation_key
        ).distinct():
            # Through the table: a ParentalManyToManyField's add() waits for a save().
            Listed.objects.get_or_create(programme=programme, coursepage=course)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_training_admin_permissions"),
        ("courses", "0004_needs_programme_enrolment"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(flag_the_listed_courses, list_the_flagged_courses),
        migrations.RemoveField(model_name="programme", name="courses_needing_enrolment"),
    ]
