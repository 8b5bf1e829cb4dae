"""Page layout rules every public template follows."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
BACK_LINK_BLOCK = re.compile(r"\{% block back_link %\}.*?\{% endblock", re.DOTALL)


def test_back_links_sit_inside_main():
    """A back link goes in the back_link block, which base.html puts at the top of <main>:
    before <main> it is outside every landmark (axe's "region" rule)."""
    outside = [
        str(path.relative_to(TEMPLATES_DIR))
        for path in sorted(TEMPLATES_DIR.rglob("*.html"))
        if "govuk-back-link" in BACK_LINK_BLOCK.sub("", path.read_text())
    ]
    base = (TEMPLATES_DIR / "base.html").read_text()

    assert outside == []
    assert base.index('<main class="govuk-main-wrapper"') < base.index("{% block back_link %}")
    assert base.index("{% block back_link %}") < base.index("</main>")
