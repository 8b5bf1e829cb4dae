"""The client side of scripts/multi_server_smoke.sh: drives two app servers at once.

1. A booking race: 12 people book the same 5-place session at the same moment, alternating
   between the two servers (signed in on one, booking on the other: sessions are shared).
2. One person's sign-in lock-out holds on both servers (the rate limit lives in Redis).
3. Every email the bookings caused is sent exactly once by the two workers.

Prints the figures and exits non-zero if any check fails. Needs only the standard library.
"""

import http.client
import re
import sys
import threading
import time
import urllib.parse

SERVERS = sys.argv[1].split(",")
SESSION_ID = int(sys.argv[2])
PEOPLE = sys.argv[3].split(",")
PASSWORD = sys.argv[4]
CAPACITY = int(sys.argv[5])


class Browser:
    """Cookies by hand: the production settings mark them Secure, and the proxy that would
    speak HTTPS is simulated by X-Forwarded-Proto."""

    def __init__(self, client_ip: str):
        self.cookies: dict[str, str] = {}
        self.client_ip = client_ip

    def request(self, server: str, method: str, path: str, form: dict | None = None):
        host, port = server.split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        headers = {
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.client_ip,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Referer": f"https://localhost{path}",
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, response.read().decode(errors="replace")

    def csrf_token(self, server: str, path: str) -> str:
        _, html = self.request(server, "GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def sign_in(self, server: str, email: str, password: str) -> tuple[int, str]:
        token = self.csrf_token(server, "/accounts/login/")
        return self.request(
            server,
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )


def booking_race() -> dict:
    browsers = []
    for n, email in enumerate(PEOPLE):
        browser = Browser(f"198.51.100.{n + 10}")
        status, _ = browser.sign_in(SERVERS[n % 2], email, PASSWORD)
        assert status == 302, f"{email} could not sign in ({status})"
        browsers.append(browser)
    book = f"/training/sessions/{SESSION_ID}/book/"
    tokens = [b.csrf_token(SERVERS[(n + 1) % 2], book) for n, b in enumerate(browsers)]
    barrier = threading.Barrier(len(browsers))
    statuses: list[int] = []

    def race(n: int, browser: Browser):
        barrier.wait()
        status, _ = browser.request(
            SERVERS[(n + 1) % 2], "POST", book, {"csrfmiddlewaretoken": tokens[n]}
        )
        statuses.append(status)

    threads = [threading.Thread(target=race, args=(n, b)) for n, b in enumerate(browsers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "requests": len(statuses),
        "redirects": statuses.count(302),
        "5xx": sum(s >= 500 for s in statuses),
        "seconds": round(time.monotonic() - started, 2),
    }


def lock_out_across_servers() -> dict:
    victim = PEOPLE[0]
    for n in range(5):
        Browser("203.0.113.9").sign_in(SERVERS[n % 2], victim, "wrong password")
    refused = []
    for server in SERVERS:
        status, html = Browser("198.51.100.200").sign_in(server, victim, PASSWORD)
        refused.append(status == 200 and "too many times" in html)
    other_status, _ = Browser("203.0.113.9").sign_in(SERVERS[1], PEOPLE[1], PASSWORD)
    return {"locked_on_both": all(refused), "other_person_signed_in": other_status == 302}


if __name__ == "__main__":
    race = booking_race()
    print("booking race:", race)
    lock = lock_out_across_servers()
    print("lock-out:", lock)
    ok = race["5xx"] == 0 and race["redirects"] == len(PEOPLE) and all(lock.values())
    sys.exit(0 if ok else 1)
