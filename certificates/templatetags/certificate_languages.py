"""`{% each_language %}...{% endeach_language %}`: a line of a certificate in its language, or
on a bilingual certificate in each of its languages (Welsh first, then English).

The PDF's context says which: `languages` is empty for a certificate in one language, and the
block renders as if it were not there; on a bilingual certificate it is a list of
(language code, Wording) pairs, and the block renders once in each language, with `wording`
set to what was completed as worded in that language, each part marked with its `lang` and
the parts separated by a line break.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from accounts.languages import language_tag

register = template.Library()


class EachLanguageNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist

    def render(self, context) -> str:
        languages = context.get("languages")
        if not languages:
            return self.nodelist.render(context)
        parts = []
        for code, wording in languages:
            with translation.override(code), context.push(wording=wording):
                parts.append((language_tag(code), self.nodelist.render(context)))
        return format_html_join(mark_safe("<br>"), '<span lang="{}">{}</span>', parts)


@register.tag
def each_language(parser, token) -> EachLanguageNode:
    nodelist = parser.parse(("endeach_language",))
    parser.delete_first_token()
    return EachLanguageNode(nodelist)


@register.filter
def nth(lines: list[str], index: int) -> str:
    """`lines[index]`: a requirement's line in the wording being printed ("" when a wording
    has fewer lines)."""
    return lines[index] if index < len(lines) else ""
