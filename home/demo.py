"""The demo page tree: home page, About Signs of Safety, accessibility statement, privacy notice."""

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from .demo_cy import WELSH
from .models import HomePage, SiteSettings, StandardPage
from .translations import translate_page

HOME_HERO_TEXT = (
    "Learn the Signs of Safety practice model, book your place on briefings and courses, "
    "and keep a record of your training and certificates."
)

ABOUT_BODY = [
    ("heading", {"text": "Four questions at the heart of the model", "size": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>Signs of Safety is a strengths-based, safety-organised approach to child "
            "protection and family support. Practitioners and families map what is happening "
            "under four questions:</p>"
            "<ol><li>What is working well?</li><li>What are we worried about?</li>"
            "<li>What needs to happen?</li><li>How worried are we, on a scale from 0 to 10?"
            "</li></ol>"
        ),
    ),
    (
        "paragraph",
        RichText(
            "<p>Across our partnership, council services, schools, health, police and the "
            "voluntary sector are learning to use the same language and tools, so families "
            "hear one clear message about what is working, what worries us and what needs to "
            "happen next.</p>"
        ),
    ),
    ("heading", {"text": "How the training works", "size": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>Everyone can start with the online module. Partners can book a half-day "
            "briefing; practitioners and managers take the two-day course; Practice Leads go "
            "on to the five-day advanced course and a year of practice sessions.</p>"
        ),
    ),
]

ACCESSIBILITY_BODY = [
    (
        "paragraph",
        RichText(
            "<p>This website is run by Example Borough Council. We want as many people as "
            "possible to be able to use it. You should be able to change colours, contrast "
            "levels and fonts, zoom in up to 400% without the text spilling off the screen, "
            "navigate the whole website using just a keyboard or speech recognition software, "
            "and listen to it using a screen reader.</p>"
        ),
    ),
    ("heading", {"text": "Compliance status", "size": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>This website aims to be fully compliant with the Web Content Accessibility "
            "Guidelines version 2.2 AA standard. Every video in the e-learning has a "
            "transcript.</p>"
        ),
    ),
    ("heading", {"text": "Reporting accessibility problems", "size": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>If you find a problem, or need information in a different format, email the "
            "training team. We will reply within 5 working days. If you are not happy with "
            "how we respond, contact the Equality Advisory and Support Service (EASS).</p>"
        ),
    ),
]

PRIVACY_BODY = [
    (
        "paragraph",
        RichText(
            "<p>Example Borough Council is the data controller for this service. We use your "
            "name, email address, organisation, job title and team to manage your training, "
            "bookings and certificates, and to report how many people have been trained.</p>"
        ),
    ),
    ("heading", {"text": "What we keep and for how long", "size": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>We keep your training record for six years after your last activity. Answers "
            "you write in e-learning exercises are private to you. Access and dietary needs "
            "you give when booking are shared only with the trainers of that session.</p>"
        ),
    ),
    ("heading", {"text": "Your rights", "size": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>You can ask to see, correct or delete the information we hold about you by "
            "emailing the training team.</p>"
        ),
    ),
]


def home_page() -> HomePage:
    """The demo site's home page, creating it (and pointing the default site at it) if needed."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Home",
            slug="signs-of-safety-learning",
            hero_heading="Signs of Safety learning",
            hero_text=HOME_HERO_TEXT,
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    previous_root = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.site_name = "Signs of Safety learning"
        site.save()
    if previous_root is not None and previous_root.specific_class is Page:
        previous_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    return home


def standard_page(parent: Page, *, slug: str, **fields) -> Page:
    """The child page with this slug, created from `fields` the first time."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing
    return parent.add_child(instance=StandardPage(slug=slug, **fields))


def seed(*, stdout) -> None:
    home = home_page()
    about = standard_page(
        home,
        slug="about-signs-of-safety",
        title="About Signs of Safety",
        introduction="Why our partnership is adopting the Signs of Safety practice model.",
        body=ABOUT_BODY,
        show_in_menus=True,
        search_description="The practice model in brief, and how the training works.",
    )
    accessibility = standard_page(
        home,
        slug="accessibility",
        title="Accessibility statement",
        introduction="How accessible this website is, and what to do if you find a problem.",
        body=ACCESSIBILITY_BODY,
    )
    privacy = standard_page(
        home,
        slug="privacy",
        title="Privacy notice",
        introduction="How we use your personal information on this training website.",
        body=PRIVACY_BODY,
    )
    site = Site.objects.get(root_page=home)
    site_settings = SiteSettings.for_site(site)
    site_settings.accessibility_statement = accessibility
    site_settings.privacy_notice = privacy
    site_settings.save()
    for page in (home, about, accessibility):
        translate_page(page, "cy", WELSH)
    stdout.write(
        "Home page, About, accessibility statement and privacy notice ready "
        "(the first three in Welsh too)."
    )
