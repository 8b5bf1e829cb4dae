"""`{% personal_cache name %}...{% endpersonal_cache %}`: a fragment of a signed-in person's
own page (the home page's next steps), kept in the shared cache for that person alone.

The key holds the fragment's name, the person, the language, today's date, the site cache's
shared versions and the person's own (home.site_cache): the fragment is drawn again as soon as
anything it may show changes (a page published; a booking or a session changed; attendance,
a programme, a feedback form, an organisation, a membership or a role changed; the person's
own enrolments, lesson progress, programme enrolments or feedback changed, but not anyone
else's) and, because time passes without any record changing (a session starts, a due date
nears), at least every PERSONAL_TIMEOUT seconds.
Signed-out visitors get the fragment drawn afresh: it is never shared between people.
"""

from django import template
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from .. import site_cache

PERSONAL_TIMEOUT = 300

register = template.Library()


def personal_key(request, name: str) -> str:
    return ":".join(
        [
            "personal",
            name,
            str(request.user.pk),
            get_language(),
            timezone.localdate().isoformat(),
            site_cache.personal_versions(request),
        ]
    )


class PersonalCacheNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        request = context.get("request")
        if request is None or not request.user.is_authenticated:
            return self.nodelist.render(context)
        key = personal_key(request, self.name)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, PERSONAL_TIMEOUT)
        return html


@register.tag
def personal_cache(parser, token) -> PersonalCacheNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the fragment's name")
    nodelist = parser.parse(("endpersonal_cache",))
    parser.delete_first_token()
    return PersonalCacheNode(nodelist, bits[1])
