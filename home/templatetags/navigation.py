from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context) -> list[Page]:
    """The home page's children marked "show in menus": the sections of the site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu())


@register.filter
def in_section(path: str, section_url: str | None) -> bool:
    """Whether `path` is the section's URL or below it (the home page is never a section)."""
    return bool(section_url) and section_url != "/" and path.startswith(section_url)
