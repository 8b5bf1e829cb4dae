"""The demo training catalogue: one course of each type, with descriptions a newcomer can read."""

from decimal import Decimal

from wagtail.rich_text import RichText

from accounts.audiences import Audience
from home.demo import home_page

from .choices import CourseType
from .models import CourseIndexPage, CoursePage, CoursePrerequisite

INDEX_SLUG = "courses"


def paragraphs(*texts: str) -> list[tuple]:
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


COURSES = [
    {
        "slug": "half-day-briefing",
        "title": "Signs of Safety: half-day briefing",
        "course_type": CourseType.HALF_DAY_BRIEFING,
        "audience": Audience.EVERYONE,
        "duration": "Half a day",
        "default_capacity": 30,
        "cpd_hours": Decimal("3"),
        "summary": "A first look at the practice model for anyone who works with children and "
        "families in the borough: what Signs of Safety is, why we use it, and what changes for "
        "you.",
        "description": paragraphs(
            "Children's services and our partners are moving to one shared way of working "
            "with families. This briefing explains the thinking behind Signs of Safety and "
            "shows what it looks like in a meeting, a referral or an assessment.",
            "We walk through a case together using the four questions: what is working well, "
            "what are we worried about, what needs to happen, and how worried are we on a "
            "scale from 0 to 10. You will see how a worry becomes a clear danger statement "
            "and a safety goal that a family can understand.",
            "No preparation is needed. Bring an open mind and, if you like, a case you are "
            "thinking about (without names).",
        ),
        "learning_outcomes": "Explain the four questions in your own words\n"
        "Recognise the three columns in a plan or a referral\n"
        "Use a scaling question to say how worried you are\n"
        "Know where to find the forms, guides and e-learning",
    },
    {
        "slug": "partner-briefing-early-help-forms",
        "title": "Partner briefing: the new early help assessment forms",
        "course_type": CourseType.HALF_DAY_BRIEFING,
        "audience": Audience.PARTNERS,
        "duration": "Two and a half hours",
        "default_capacity": 40,
        "cpd_hours": Decimal("2.5"),
        "summary": "For schools, health, police and voluntary sector colleagues who complete or "
        "contribute to early help assessments: what has changed in the forms and why.",
        "description": paragraphs(
            "The early help assessment and plan now follow the Signs of Wellbeing approach. "
            "The sections mirror the three columns, and every plan ends with a scaling "
            "question that the family answers too.",
            "This online briefing takes you through the new forms section by section, with "
            "examples of strong and weak entries, and time for questions from your setting.",
        ),
        "learning_outcomes": "Complete each section of the new early help assessment\n"
        "Write worries and goals in plain language a family understands\n"
        "Record the family's own scaling alongside yours",
    },
    {
        "slug": "two-day-training",
        "title": "Signs of Safety two-day training",
        "course_type": CourseType.TWO_DAY,
        "audience": Audience.EVERYONE,
        "duration": "Two days, usually a week apart",
        "default_capacity": 24,
        "cpd_hours": Decimal("12"),
        "summary": "The core course for practitioners, managers and partners: mapping, danger "
        "statements, safety goals, safety planning and tools for working with children.",
        "description": paragraphs(
            "Over two days you practise the whole of the model on realistic case material. "
            "Day one covers mapping with the three columns, scaling questions and writing "
            "danger and worry statements. Day two covers safety goals, building a safety "
            "network, safety planning, and the tools for hearing from children: the three "
            "houses, the wizard and fairy, and words and pictures explanations.",
            "The days are often a week or two apart so you can try the tools in your work "
            "in between. Please book only if you can attend both days.",
            "Training is rolled out team by team, so some dates are reserved for one service. "
            "If no date suits you, register your interest and we will tell you when new "
            "dates open.",
        ),
        "learning_outcomes": "Map a case with the three columns and a scaling question\n"
        "Write danger statements and safety goals with a family\n"
        "Build a safety network using genograms and safety circles\n"
        "Use the three houses and words and pictures with children",
    },
    {
        "slug": "five-day-advanced-training",
        "title": "Five-day advanced Signs of Safety training",
        "course_type": CourseType.FIVE_DAY,
        "audience": Audience.PRACTICE_LEADS,
        "duration": "Five days",
        "default_capacity": 20,
        "cpd_hours": Decimal("30"),
        "requires_manager_approval": True,
        "summary": "For Practice Leads and senior managers who will lead the practice in their "
        "teams: advanced mapping, group supervision and appreciative inquiry.",
        "description": paragraphs(
            "Practice Leads join in one of two intakes each year. The course deepens the "
            "skills from the two-day training and prepares you to lead group supervision, "
            "coach colleagues and keep the practice alive in your team.",
            "Because it takes a week out of your diary, your line manager approves your "
            "booking before a place is taken. You need to have completed the two-day "
            "training first.",
        ),
        "learning_outcomes": "Lead group supervision using mapping and scaling\n"
        "Coach colleagues through an appreciative inquiry\n"
        "Audit a case against the Signs of Safety practice standards",
    },
    {
        "slug": "practice-lead-session",
        "title": "Practice Lead training session",
        "course_type": CourseType.PRACTICE_LEAD_SESSION,
        "audience": Audience.PRACTICE_LEADS,
        "needs_programme_enrolment": True,
        "duration": "Half a day",
        "default_capacity": 16,
        "cpd_hours": Decimal("3"),
        "summary": "One of eight sessions over the year after the five-day course, each on one "
        "part of leading the practice.",
        "description": paragraphs(
            "Each session takes one theme, such as supervision, family network meetings or "
            "writing for children, and works on real cases brought by the group.",
        ),
        "learning_outcomes": "Bring one case and leave with a clear next step\n"
        "Share what is working in your team",
    },
    {
        "slug": "practice-lead-network",
        "title": "Practice Lead Network meeting",
        "course_type": CourseType.PRACTICE_LEAD_NETWORK,
        "audience": Audience.PRACTICE_LEADS,
        "duration": "Two hours",
        "default_capacity": 40,
        "summary": "Every two months: peer support, practice examples and key messages from the "
        "project board.",
        "description": paragraphs(
            "The Lead Practitioner shares what the case audits and the scorecard are telling "
            "us, and Practice Leads from different services bring examples of the practice "
            "spreading, and of what gets in the way.",
        ),
        "learning_outcomes": "",
    },
    {
        "slug": "train-the-trainer",
        "title": "Train-the-trainer: delivering the two-day course",
        "course_type": CourseType.TRAIN_THE_TRAINER,
        "audience": Audience.INVITED,
        "duration": "Runs alongside a two-day course, plus a preparation day",
        "default_capacity": 6,
        "cpd_hours": Decimal("18"),
        "summary": "For selected in-house trainers, so the two-day course can be delivered "
        "without external consultants.",
        "description": paragraphs(
            "Trainers co-deliver a two-day course with a consultant, then deliver one with "
            "support. Places are by invitation from the Lead Practitioner.",
        ),
        "learning_outcomes": "Deliver each part of the two-day course\n"
        "Adapt the case material to your audience",
    },
    {
        "slug": "signs-of-wellbeing-early-help",
        "title": "Signs of Wellbeing for early help",
        "course_type": CourseType.OTHER,
        "audience": Audience.EVERYONE,
        "duration": "One day",
        "default_capacity": 24,
        "cpd_hours": Decimal("6"),
        "summary": "The Signs of Wellbeing variant of the model, for family support and early "
        "help workers.",
        "description": paragraphs(
            "Early help uses the same questions in a wellbeing frame: what is going well, "
            "what are we worried about, and what needs to happen so the family gets the "
            "help it needs early.",
        ),
        "learning_outcomes": "Write wellbeing goals with a family\nRun a family network meeting",
    },
]

PREREQUISITES = {
    "five-day-advanced-training": ["two-day-training"],
    "train-the-trainer": ["two-day-training"],
}


def course_index() -> CourseIndexPage:
    home = home_page()
    index = CourseIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    return home.add_child(
        instance=CourseIndexPage(
            title="Courses",
            slug=INDEX_SLUG,
            introduction="Face-to-face and online training in the Signs of Safety practice "
            "model, from a half-day briefing to the Practice Lead programme.",
            show_in_menus=True,
            search_description="From the half-day briefing to the Practice Lead programme.",
        )
    )


def link_briefing_page(course: CoursePage) -> None:
    """Point the e-learning demo's partner briefing page at the half-day briefing course."""
    from elearning.models import BriefingPage

    for briefing in BriefingPage.objects.filter(course__isnull=True):
        briefing.course = course
        briefing.save_revision().publish()


def seed(*, stdout) -> None:
    index = course_index()
    courses = {}
    for fields in COURSES:
        fields = dict(fields)
        existing = CoursePage.objects.child_of(index).filter(slug=fields["slug"]).first()
        courses[fields["slug"]] = existing or index.add_child(instance=CoursePage(**fields))
    for slug, required in PREREQUISITES.items():
        for required_slug in required:
            CoursePrerequisite.objects.get_or_create(
                course=courses[slug], required_course=courses[required_slug]
            )
    link_briefing_page(courses["half-day-briefing"])
    stdout.write(f"Course catalogue with {len(courses)} courses ready.")
