"""Page speed under gunicorn: our pages raced against a bare Django view and the peer LMS.

    .venv/bin/python bench/pages.py [--database sqlite|postgres] [--cache redis|file]
        [--rounds 5] [--seconds 3] [--connections 4] [--no-peer]

Starts the project under gunicorn (2 sync workers, production settings, persistent database
connections) on a fresh SQLite file or PostgreSQL database (`bench_pages` on
BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/), seeds the demo content and
a bench module (seven lessons of 1,500 words and a reflection each, the demo learner three
lessons in), signs the learner in through the sign-in form, and races each page against a
bare Django view (/bench/bare/, served because BENCHMARK_BARE_VIEW is on) in interleaved
rounds with wrk (a Python load generator when wrk is missing).

It also builds the peer, wagtail-lms 0.11.1, in its own virtualenv (var/peer-venv) with a
seven-lesson course of the same 1,500-word lessons and an enrolled, signed-in learner, and
races its lesson page in the same rounds. The cache is Redis (database 14 for us, 15 for the
peer, both emptied first) when it answers on 127.0.0.1:6379, else files under var/.

Prints per page the median requests per second, p50/p99 latency, SQL queries per request
(counted in-process on the second request), server CPU ms per request (the workers' CPU time
during the page's runs over the requests served), each page's ratio to the bare view and to
the peer's lesson (medians of the per-round ratios), and whether the targets are met.
Not a test: `make bench-pages` runs it. Everything it makes lives under var/bench-pages.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench-pages"
STATIC_ROOT = ROOT / "var" / "bench-static"
PEER_VENV = ROOT / "var" / "peer-venv"
PEER_DIR = WORK / "peer"
PEER_REQUIREMENTS = ["wagtail-lms==0.11.1"]
OUR_PYTHON = ROOT / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
LESSONS, LESSONS_DONE, WORDS_PER_LESSON, PARAGRAPHS = 7, 3, 1500, 10
LEARNER_EMAIL = "learner@example-borough.gov.uk"
PEER_PASSWORD = "bench-peer-password"  # noqa: S105 - a throwaway account in a throwaway database
REDIS_URL = "redis://127.0.0.1:6379"
TARGET_PEER_RATIO, TARGET_ANONYMOUS_RATIO, TARGET_QUERIES = 2.0, 0.25, 10

LESSON_WORDS = (
    "family child safety worries strengths network plan scaling question practitioner "
    "danger statement goal three columns working well wellbeing house words pictures "
    "grandmother school nurse police supervision mapping harm future past complicating "
    "factors bottom line agreed next steps review partnership meeting voice listen record "
    "support trust honest clear simple language everyday judgement evidence behaviour "
    "pattern protective action safety circle genogram timeline"
)
VOCABULARY = LESSON_WORDS.split()


def lesson_paragraphs(number: int) -> list[str]:
    """The same 1,500 words of lesson text for us and the peer, as paragraph HTML."""
    rng = random.Random(number)
    words_each = WORDS_PER_LESSON // PARAGRAPHS
    paragraphs = []
    for _ in range(PARAGRAPHS):
        words = [rng.choice(VOCABULARY) for _ in range(words_each)]
        sentences = [" ".join(words[i : i + 15]) for i in range(0, words_each, 15)]
        text = " ".join(f"{sentence.capitalize()}." for sentence in sentences)
        paragraphs.append(f"<p>{text}</p>")
    return paragraphs


# --- Run inside the servers' environments (child processes) -----------------------------------


def seed_ours() -> None:
    """Migrate, seed the demo content and the bench module; print the pages to race."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from wagtail.rich_text import RichText

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115

    from accounts.models import User
    from courses.models import CoursePage
    from elearning import services
    from elearning.models import LessonPage, ModuleIndexPage, ModulePage
    from home.models import StandardPage

    index = ModuleIndexPage.objects.live().first()
    module = index.add_child(
        instance=ModulePage(
            title="Bench module",
            slug="bench-module",
            summary="Seven lessons of 1,500 words each.",
            lessons_in_order=True,
            issues_certificate=False,
        )
    )
    lessons = []
    for number in range(1, LESSONS + 1):
        body = [("paragraph", RichText(html)) for html in lesson_paragraphs(number)]
        body.append(("reflection", {"prompt": "What would you do next?", "hint": ""}))
        lessons.append(
            module.add_child(
                instance=LessonPage(
                    title=f"Lesson {number}", slug=f"lesson-{number}", summary="", body=body
                )
            )
        )
    learner = User.objects.get(email=LEARNER_EMAIL)
    for lesson in lessons[:LESSONS_DONE]:
        lesson = LessonPage.objects.get(pk=lesson.pk)
        reflection = next(block for block in lesson.body if block.block_type == "reflection")
        services.save_exercise_answer(
            learner=learner, lesson=lesson, block_id=reflection.id, answer={"text": "Mine."}
        )
        services.mark_lesson_complete(learner=learner, lesson=lesson)
    current = lessons[LESSONS_DONE]
    from accounts.demo import DEMO_PASSWORD

    print(
        json.dumps(
            {
                "password": DEMO_PASSWORD,
                "lesson": current.url,
                "module": module.url,
                "home": "/",
                "standard": StandardPage.objects.live().order_by("path").first().url,
                "course": CoursePage.objects.live().order_by("path").first().url,
            }
        )
    )


def seed_peer() -> None:
    """The peer's seven-lesson course, an enrolled learner three lessons in, and a session."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from wagtail.models import Page
    from wagtail.rich_text import RichText
    from wagtail_lms.models import (
        CourseEnrollment,
        CoursePage,
        H5PLessonCompletion,
        H5PLessonPage,
    )

    call_command("migrate", verbosity=0)
    cache.clear()
    home = Page.objects.get(depth=2)
    course = home.add_child(instance=CoursePage(title="Bench course", slug="bench-course"))
    lessons = [
        course.add_child(
            instance=H5PLessonPage(
                title=f"Lesson {number}",
                slug=f"lesson-{number}",
                body=[("paragraph", RichText(html)) for html in lesson_paragraphs(number)],
            )
        )
        for number in range(1, LESSONS + 1)
    ]
    learner = get_user_model().objects.create_user("learner", "learner@example.com", PEER_PASSWORD)
    CourseEnrollment.objects.create(user=learner, course=course)
    for lesson in lessons[:LESSONS_DONE]:
        H5PLessonCompletion.objects.create(user=learner, lesson=lesson)
    client = Client()
    client.force_login(learner)
    print(
        json.dumps(
            {"lesson": lessons[LESSONS_DONE].url, "cookie": client.cookies["sessionid"].value}
        )
    )


def count_queries(arguments: list[str]) -> None:
    """SQL queries of the second request to each path: {label: count}; argv: JSON targets."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, (path, cookie) in json.loads(arguments[0]).items():
        client = Client(HTTP_HOST=HOST)
        if cookie:
            client.cookies["sessionid"] = cookie
        client.get(path)
        with CaptureQueriesContext(connection) as context:
            status = client.get(path).status_code
        counts[label] = len(context.captured_queries) if status == 200 else f"HTTP {status}"
    print(json.dumps(counts))


# --- The orchestrator --------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    server: "Server"
    path: str
    signed_in: bool = False
    rates: list[float] = field(default_factory=list)
    p50s: list[float] = field(default_factory=list)
    p99s: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    requests: int = 0
    errors: int = 0
    queries: int | str = "?"

    @property
    def cookie(self) -> str:
        return self.server.cookie if self.signed_in else ""


@dataclass
class Server:
    name: str
    python: Path
    cwd: Path
    env: dict
    port: int = 0
    process: subprocess.Popen | None = None
    cookie: str = ""

    def run(self, *arguments: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own interpreters and this script
            [str(self.python), str(Path(__file__).resolve()), *arguments],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            sys.exit(f"{self.name}: {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
        return result.stdout.strip().splitlines()[-1]

    def start(self, wsgi: str) -> None:
        self.port = free_port()
        log = open(WORK / f"{self.name}-gunicorn.log", "w")  # noqa: SIM115 - the server's lifetime
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(self.python.parent / "gunicorn"),
                wsgi,
                "--workers=2",
                f"--bind={HOST}:{self.port}",
                "--log-level=warning",
            ],
            cwd=self.cwd,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        sys.exit(f"{self.name}: gunicorn did not start; see {log.name}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)

    def worker_cpu_seconds(self) -> float:
        """CPU time used so far by this server's gunicorn workers (children of the master)."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request(server: Server, method: str, path: str, *, headers=None, body=None):
    connection = http.client.HTTPConnection(HOST, server.port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


def cookie_from(response, name: str) -> str:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return ""


def sign_in(server: Server, email: str, password: str) -> str:
    """Sign in through the allauth form as a browser over HTTPS would; the session cookie."""
    origin = f"https://{HOST}:{server.port}"
    secure = {"X-Forwarded-Proto": "https"}
    response, content = request(server, "GET", "/accounts/login/", headers=secure)
    csrf_cookie = cookie_from(response, "csrftoken")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
    response, _ = request(
        server,
        "POST",
        "/accounts/login/",
        headers={
            **secure,
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": origin,
            "Referer": f"{origin}/accounts/login/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=urlencode(
            {"login": email, "password": password, "csrfmiddlewaretoken": token.decode()}
        ),
    )
    session = cookie_from(response, "sessionid")
    if response.status != 302 or not session:
        sys.exit(f"Signing in as {email} failed: HTTP {response.status}")
    return session


def headers_for(target: Target) -> dict:
    return {"Cookie": f"sessionid={target.cookie}"} if target.cookie else {}


def check_served(target: Target) -> None:
    response, _ = request(target.server, "GET", target.path, headers=headers_for(target))
    if response.status != 200:
        sys.exit(f"{target.label}: {target.path} answered HTTP {response.status}, not 200")


WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load_with_wrk(target: Target, seconds: float, connections: int) -> tuple[float, dict, int]:
    url = f"http://{HOST}:{target.server.port}{target.path}"
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", url]
    for name, value in headers_for(target).items():
        command[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {f"p{p}": float(v) * UNIT_MS[u] for p, v, u in WRK_LATENCY.findall(output)}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return rate, latency, errors


def load_with_python(target: Target, seconds: float, connections: int) -> tuple[float, dict, int]:
    """The fallback load generator: one thread per connection, a new connection per request
    (gunicorn's sync workers close each one anyway)."""
    latencies: list[float] = []
    errors = [0]
    deadline = time.perf_counter() + seconds
    headers = headers_for(target)

    def client():
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                response, _ = request(target.server, "GET", target.path, headers=headers)
                ok = response.status == 200
            except OSError:
                ok = False
            latencies.append(time.perf_counter() - start)
            errors[0] += not ok

    threads = [threading.Thread(target=client) for _ in range(connections)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    latency = {
        "p50": ordered[len(ordered) // 2] * 1000,
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
    }
    return len(latencies) / elapsed, latency, errors[0]


def race(targets: list[Target], *, rounds: int, seconds: float, connections: int) -> None:
    load = load_with_wrk if shutil.which("wrk") else load_with_python
    print(
        f"load generator: {'wrk' if load is load_with_wrk else 'Python threads'}, "
        f"{connections} connections, {seconds:g} s per page, {rounds} rounds"
    )
    for target in targets:  # warm every worker's caches
        load(target, 1, connections)
    for number in range(rounds):
        order = targets[number % len(targets) :] + targets[: number % len(targets)]
        for target in order:
            before = target.server.worker_cpu_seconds()
            rate, latency, errors = load(target, seconds, connections)
            target.cpu_seconds += target.server.worker_cpu_seconds() - before
            target.requests += round(rate * seconds)
            target.rates.append(rate)
            target.p50s.append(latency.get("p50", 0.0))
            target.p99s.append(latency.get("p99", 0.0))
            target.errors += errors
        print(f"  round {number + 1} of {rounds} done")


def per_round_ratio(target: Target, reference: Target | None) -> float | None:
    if reference is None:
        return None
    return statistics.median(a / b for a, b in zip(target.rates, reference.rates, strict=True))


def report(targets: list[Target], bare: Target, peer: Target | None) -> None:
    print()
    print(
        f"{'page':<34}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'queries':>9}{'CPU ms':>8}"
        f"{'÷ bare':>8}{'÷ peer':>8}"
    )
    for target in targets:
        cpu_ms = target.cpu_seconds * 1000 / target.requests if target.requests else 0.0
        ratio_peer = per_round_ratio(target, peer)
        print(
            f"{target.label:<34}{statistics.median(target.rates):>8.0f}"
            f"{statistics.median(target.p50s):>8.1f}{statistics.median(target.p99s):>8.1f}"
            f"{target.queries!s:>9}{cpu_ms:>8.1f}{per_round_ratio(target, bare):>8.3f}"
            f"{'' if ratio_peer is None else f'{ratio_peer:.2f}':>8}"
            f"{'  ' + str(target.errors) + ' errors' if target.errors else ''}"
        )
    print()
    by_label = {target.label: target for target in targets}
    lesson = by_label["our lesson (signed in)"]
    verdicts = []
    if peer is not None:
        verdicts.append(
            (
                f"signed-in lesson ÷ peer lesson ≥ {TARGET_PEER_RATIO:g}",
                per_round_ratio(lesson, peer),
                per_round_ratio(lesson, peer) >= TARGET_PEER_RATIO,
            )
        )
        learner_pages = [t for t in targets if t.server is lesson.server and t.signed_in]
        slowest = min(learner_pages, key=lambda t: per_round_ratio(t, peer))
        verdicts.append(
            (
                f"every signed-in page ≥ 1× peer lesson (slowest: {slowest.label})",
                per_round_ratio(slowest, peer),
                per_round_ratio(slowest, peer) >= 1,
            )
        )
    else:
        print("The peer was not raced: no ratio to it.")
    anonymous = [
        t for t in targets if t.server is lesson.server and not t.signed_in and t is not bare
    ]
    slowest = min(anonymous, key=lambda t: per_round_ratio(t, bare))
    verdicts.append(
        (
            f"anonymous pages ÷ bare view ≥ {TARGET_ANONYMOUS_RATIO:g} (slowest: {slowest.label})",
            per_round_ratio(slowest, bare),
            per_round_ratio(slowest, bare) >= TARGET_ANONYMOUS_RATIO,
        )
    )
    for label in ("our lesson (signed in)", "our module (signed in)", "My learning"):
        queries = by_label[label].queries
        verdicts.append(
            (f"{label}: queries ≤ {TARGET_QUERIES}", queries, queries <= TARGET_QUERIES)
        )
    for description, value, met in verdicts:
        shown = f"{value:.2f}" if isinstance(value, float) else value
        print(f"{'met    ' if met else 'NOT met'}  {description}: {shown}")


def prepare_database(kind: str, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{WORK / f'{name}.sqlite3'}"
    import psycopg

    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
    with psycopg.connect(base + "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return base + name


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def environment(database_url: str, cache: str, redis_db: int) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL", "PYTHONPATH"}
    }
    env.update(DATABASE_URL=database_url, CONN_MAX_AGE="60", LOG_LEVEL="WARNING")
    if cache == "redis":
        env["REDIS_URL"] = f"{REDIS_URL}/{redis_db}"
    return env


def our_server(database: str, cache: str) -> tuple[Server, dict]:
    env = environment(prepare_database(database, "bench_pages"), cache, 14)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-pages-only",  # noqa: S106 - a throwaway server
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="false",
        BENCHMARK_BARE_VIEW="true",
        VAR_DIR=str(WORK / "var"),
        STATIC_ROOT=str(STATIC_ROOT),
        PYTHONPATH=str(ROOT),
    )
    server = Server("ours", OUR_PYTHON, ROOT, env)
    print("seeding our project (migrate, collectstatic, demo content, bench module) ...")
    paths = json.loads(server.run("seed-ours"))
    server.start("config.wsgi")
    server.cookie = sign_in(server, LEARNER_EMAIL, paths["password"])
    return server, paths


PEER_SETTINGS = """
import os
import dj_database_url
BASE_DIR = os.path.dirname(__file__)
SECRET_KEY = "bench-peer-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = [
    "wagtail_lms", "wagtail.contrib.forms", "wagtail.contrib.redirects", "wagtail.embeds",
    "wagtail.sites", "wagtail.users", "wagtail.snippets", "wagtail.documents", "wagtail.images",
    "wagtail.search", "wagtail.admin", "wagtail", "modelcluster", "taggit",
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "peer_urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [os.path.join(BASE_DIR, "templates")],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.debug",
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": dj_database_url.parse(
    os.environ["DATABASE_URL"], conn_max_age=int(os.environ["CONN_MAX_AGE"]),
    conn_health_checks=True,
)}
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["REDIS_URL"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": os.path.join(BASE_DIR, "cache")}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_ROOT = os.path.join(BASE_DIR, "media")
WAGTAIL_SITE_NAME = "Peer"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
"""

PEER_URLS = """
from django.urls import include, path
from wagtail import urls as wagtail_urls
urlpatterns = [path("lms/", include("wagtail_lms.urls")), path("", include(wagtail_urls))]
"""

PEER_BASE_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title></head>
<body>{% block content %}{% endblock %}</body></html>
"""


def peer_server(database: str, cache: str) -> tuple[Server | None, str]:
    """The peer under gunicorn, or (None, why not)."""
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        print(f"building the peer's virtualenv in {PEER_VENV.relative_to(ROOT)} ...")
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)  # noqa: S603
    pins = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.split("==")[0].split("[")[0] in {"gunicorn", "psycopg", "dj-database-url", "redis"}
    ]
    installed = subprocess.run(  # noqa: S603
        [str(python), "-m", "pip", "install", "-q", *PEER_REQUIREMENTS, *pins],
        capture_output=True,
        text=True,
    )
    if installed.returncode:
        return None, f"pip could not install {PEER_REQUIREMENTS[0]}: {installed.stderr[-500:]}"
    PEER_DIR.mkdir(parents=True, exist_ok=True)
    (PEER_DIR / "templates").mkdir(exist_ok=True)
    (PEER_DIR / "peer_settings.py").write_text(PEER_SETTINGS)
    (PEER_DIR / "peer_urls.py").write_text(PEER_URLS)
    (PEER_DIR / "peer_wsgi.py").write_text(
        "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n"
    )
    (PEER_DIR / "templates" / "base.html").write_text(PEER_BASE_TEMPLATE)
    env = environment(prepare_database(database, "bench_pages_peer"), cache, 15)
    env.update(DJANGO_SETTINGS_MODULE="peer_settings", PYTHONPATH=str(PEER_DIR))
    server = Server("peer", python, PEER_DIR, env)
    print("seeding the peer (wagtail-lms 0.11.1) ...")
    seeded = json.loads(server.run("seed-peer"))
    server.cookie = seeded["cookie"]
    server.start("peer_wsgi")
    return server, seeded["lesson"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cache", choices=["redis", "file"], default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--no-peer", action="store_true")
    args = parser.parse_args()
    cache = args.cache or ("redis" if redis_answers() else "file")
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    print(f"database: {args.database}; cache: {cache}")

    servers: list[Server] = []
    try:
        ours, paths = our_server(args.database, cache)
        servers.append(ours)
        peer, peer_lesson = (
            (None, "not asked for") if args.no_peer else peer_server(args.database, cache)
        )
        if peer is None:
            print(f"The peer could not be raced: {peer_lesson}")
        else:
            servers.append(peer)
        bare = Target("bare Django view", ours, "/bench/bare/")
        targets = [bare]
        peer_target = None
        if peer is not None:
            peer_target = Target("peer lesson (signed in)", peer, peer_lesson, signed_in=True)
            targets.append(peer_target)
        targets += [
            Target("our lesson (signed in)", ours, paths["lesson"], signed_in=True),
            Target("our module (signed in)", ours, paths["module"], signed_in=True),
            Target("My learning", ours, "/my-learning/", signed_in=True),
            Target("home (signed in)", ours, "/", signed_in=True),
            Target("session list (signed in)", ours, "/training/sessions/", signed_in=True),
            Target("home (anonymous)", ours, "/"),
            Target("standard page (anonymous)", ours, paths["standard"]),
            Target("course page (anonymous)", ours, paths["course"]),
            Target("session list (anonymous)", ours, "/training/sessions/"),
            Target("module (anonymous)", ours, paths["module"]),
            Target("lesson (anonymous)", ours, paths["lesson"]),
        ]
        for target in targets:
            check_served(target)
        for server in servers:
            mine = {t.label: (t.path, t.cookie) for t in targets if t.server is server}
            counts = json.loads(server.run("count-queries", json.dumps(mine)))
            for target in targets:
                if target.server is server:
                    target.queries = counts[target.label]
        race(targets, rounds=args.rounds, seconds=args.seconds, connections=args.connections)
        report(targets, bare, peer_target)
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    if sys.argv[1:2] in (["seed-ours"], ["seed-peer"], ["count-queries"]):
        # The children import Django projects: bench/ (this script's folder, first on the
        # path) holds modules named like our apps (bench/certificates.py).
        sys.path.pop(0)
    if sys.argv[1:2] == ["seed-ours"]:
        seed_ours()
    elif sys.argv[1:2] == ["seed-peer"]:
        seed_peer()
    elif sys.argv[1:2] == ["count-queries"]:
        count_queries(sys.argv[2:])
    else:
        main()
