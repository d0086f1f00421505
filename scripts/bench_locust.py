"""The load of `make bench` (locust, headless, in its own process): signed-in users of several
roles, 80% reads of pages, lists and details, 20% writes of reports and actions through the API
(session cookie, CSRF header, If-Match), against the gunicorn of scripts/bench.sh on loopback.

BENCH_SESSIONS names the JSON of ``scripts/bench.py sessions``; BENCH_PAUSE=0 drops the 1-3 s
pause (saturation); BENCH_MAX_REQUESTS stops the run after that many requests whatever its time.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import secrets

from locust import HttpUser, between, constant, events, task

SESSIONS = json.loads(open(os.environ["BENCH_SESSIONS"]).read())  # noqa: SIM115
PAUSE = os.environ.get("BENCH_PAUSE", "1") == "1"
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "20000"))
_next_session = itertools.cycle(range(len(SESSIONS)))
_sent = itertools.count(1)
_writing: set[int] = set()


@events.request.add_listener
def _bounded(**kwargs) -> None:
    if next(_sent) >= MAX_REQUESTS:
        runner = _RUNNER.get("runner")
        if runner is not None:
            runner.quit()


_RUNNER: dict = {}


@events.init.add_listener
def _remember(environment, **kwargs) -> None:
    _RUNNER["runner"] = environment.runner


class Member(HttpUser):
    wait_time = between(1, 3) if PAUSE else constant(0)

    def on_start(self) -> None:
        index = next(_next_session)
        self.session = SESSIONS[index]
        # Each object has one writer: a session's second locust user only reads.
        self.writes = self.session["writes"] if index not in _writing else []
        _writing.add(index)
        self.csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret
        self.client.cookies.set("sessionid", self.session["sessionid"])
        self.client.cookies.set("csrftoken", self.csrf)

    @task(4)
    def page(self) -> None:
        self.client.get(random.choice(self.session["pages"]), name="page")

    @task(2)
    def list(self) -> None:
        self.client.get(random.choice(self.session["lists"]), name="list")

    @task(2)
    def detail(self) -> None:
        self.client.get(random.choice(self.session["details"]), name="detail")

    @task(2)
    def write(self) -> None:
        writes = self.writes
        if not writes:  # a reader: reads instead
            self.client.get(random.choice(self.session["details"]), name="detail")
            return
        target = random.choice(writes)
        current = self.client.get(target["url"], name="detail")
        tag = current.headers.get("ETag")
        if not tag:
            return
        text = (target["text"] or "Benchmark text.").split(" [load ")[0]
        self.client.patch(
            target["url"],
            json={target["field"]: f"{text} [load {random.randint(1, 9999)}]"},
            headers={"If-Match": tag, "X-CSRFToken": self.csrf},
            name="write",
        )
