"""Browser tests drive Debian's Chromium through Playwright (no browser downloads here)."""

import os
import shutil

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# axe rules that fail a page whatever impact axe gives them.
ALWAYS_FAIL_RULES = {"region"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH) is not None


def pytest_collection_modifyitems(config, items):
    if chromium_available():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM_PATH}: apt-get install chromium"
        )
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM_PATH} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS}


@pytest.fixture
def assert_accessible():
    """Run axe-core on the current page; fail on any serious or critical violation, and on
    content outside every landmark ("region", moderate in axe: a back link before <main>)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"} or v["id"] in ALWAYS_FAIL_RULES
        ]
        assert not serious, f"{page.url}:\n" + "\n".join(serious)

    return check


@pytest.fixture
def sign_in(live_server):
    """Sign in through the real sign-in page."""

    def sign_in_as(page, email, password):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()

    return sign_in_as


def _is_content_security_report(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


@pytest.fixture(autouse=True)
def pages_stay_on_the_site_within_their_policy(request):
    """Every browser journey fails on a CSP violation in the console, or on a request to a
    host other than the site itself (no fonts, avatars or scripts from elsewhere)."""
    if "page" not in request.fixturenames:
        yield
        return
    from urllib.parse import urlsplit

    page = request.getfixturevalue("page")
    site = urlsplit(request.getfixturevalue("live_server").url).netloc
    violations: list[str] = []
    foreign: list[str] = []

    def on_console(message):
        if _is_content_security_report(message.text):
            violations.append(message.text)

    def on_request(browser_request):
        url = urlsplit(browser_request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.netloc != site:
            foreign.append(browser_request.url)

    page.on("console", on_console)
    page.on("request", on_request)
    yield
    assert not violations, "CSP violations:\n" + "\n".join(violations)
    assert not foreign, "Requests to other hosts:\n" + "\n".join(foreign)
