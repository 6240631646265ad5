"""The simulated visitors of the load run (``bench/load.py`` starts locust with them).

Each class is one kind of traffic; ``load.py`` picks classes per phase:

- ``PublicBare``: the public bare page, the baseline of the public pages;
- ``PublicReader``: residents reading the public calendar, offers, vacancies, the
  business directory and the vacant premises;
- ``Resident``: residents registering for an offer (a write, counted afterwards);
- ``Counsellor``: staff signed in as the demo counsellor, reading the participant
  list, searching, opening people and cases, and recording contacts (a write).

A write that is answered but not saved is a lost write: the names of the two
writes (``WRITES``) are what ``load.py`` compares with the rows in the database.
"""

import itertools
import random
import re
from datetime import date

from locust import FastHttpUser, constant, task

LANGUAGE = "/de"
REGISTER = "register for an offer"
CONTACT = "record a contact"
WRITES = (REGISTER, CONTACT)
REFUSED = "(refused by a rule)"
COUNSELLOR = "beratung@quartier.example"
PASSWORD = "quartier-demo"  # the demo's logins

ERRORS = re.compile(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
serial = itertools.count(1)
RUN = random.randrange(10_000)  # residents of earlier runs are registered already


def refusal(response) -> str:
    """Why a form came back instead of being saved: its first error, or the status."""
    found = ERRORS.search(response.text or "")
    reason = re.sub(r"<[^>]+>", " ", found.group(1)).split() if found else []
    return f"answered {response.status_code}: {' '.join(reason) or 'no message'}"


def judge(user, response, name: str) -> None:
    """A write is saved (a redirect), refused by the programme's rules (the form again,
    with its message: a closed case, a full waiting list), or failed (anything else).
    A refusal is no error of the server; it is counted under its own name, so that
    ``load.py`` can compare the saved ones with the rows added."""
    if response.status_code in (302, 303):
        response.success()
    elif response.status_code == 200 and ERRORS.search(response.text or ""):
        response.success()
        user.environment.events.request.fire(
            request_type="POST",
            name=f"{name} {REFUSED}",
            response_time=0,
            response_length=0,
            exception=None,
            context={},
        )
    else:
        response.failure(refusal(response))


def links(html: str, prefix: str) -> list[str]:
    """The distinct links under ``prefix`` followed by a code, as they appear."""
    return list(dict.fromkeys(re.findall(rf"{re.escape(prefix)}{UUID}/", html)))


class PublicBare(FastHttpUser):
    wait_time = constant(0)

    @task
    def bare_page(self):
        self.client.get(f"{LANGUAGE}/bench/public-bare/", name="public bare page")


class PublicReader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        calendar = self.client.get(f"{LANGUAGE}/learn/", name="offer calendar").text or ""
        self.offers = links(calendar, f"{LANGUAGE}/learn/offers/")
        vacancies = self.client.get(f"{LANGUAGE}/economy/vacancies/", name="vacancies").text or ""
        self.vacancies = links(vacancies, f"{LANGUAGE}/economy/vacancies/")

    @task(3)
    def calendar(self):
        self.client.get(f"{LANGUAGE}/learn/", name="offer calendar")

    @task(3)
    def offer(self):
        if self.offers:
            self.client.get(random.choice(self.offers), name="offer page")

    @task(2)
    def vacancy_list(self):
        self.client.get(f"{LANGUAGE}/economy/vacancies/", name="vacancies")

    @task(2)
    def vacancy(self):
        if self.vacancies:
            self.client.get(random.choice(self.vacancies), name="vacancy page")

    @task(1)
    def directory(self):
        self.client.get(f"{LANGUAGE}/economy/businesses/", name="business directory")

    @task(1)
    def premises(self):
        self.client.get(f"{LANGUAGE}/economy/premises/", name="vacant premises")


class Resident(FastHttpUser):
    wait_time = constant(0.5)

    def on_start(self):
        calendar = self.client.get(f"{LANGUAGE}/learn/", name="offer calendar").text or ""
        self.offers = links(calendar, f"{LANGUAGE}/learn/offers/")

    @task
    def register(self):
        if not self.offers:
            return
        offer = random.choice(self.offers)
        page = self.client.get(offer, name="offer page")
        html = page.text or ""
        token = CSRF.search(html)
        if token is None or 'name="privacy"' not in html:  # registration is not open
            return
        number = next(serial)
        with self.client.post(
            offer,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Load Test {RUN}-{number}",
                "phone": f"0341 {RUN:04d}{number:05d}",
                "language": "de",
                "privacy": "on",
            },
            headers={"Referer": self.host + offer},
            name=REGISTER,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            judge(self, response, REGISTER)


class Counsellor(FastHttpUser):
    wait_time = constant(0.2)

    def on_start(self):
        login = self.client.get(f"{LANGUAGE}/staff/login/", name="login")
        token = CSRF.search(login.text or "").group(1)
        self.client.post(
            f"{LANGUAGE}/staff/login/",
            data={"csrfmiddlewaretoken": token, "username": COUNSELLOR, "password": PASSWORD},
            headers={"Referer": self.host + f"{LANGUAGE}/staff/login/"},
            name="login",
        )
        people = self.client.get(f"{LANGUAGE}/staff/people/", name="participant list").text or ""
        self.people = links(people, f"{LANGUAGE}/staff/people/")
        cases = self.client.get(f"{LANGUAGE}/staff/counselling/", name="my cases").text or ""
        self.cases = links(cases, f"{LANGUAGE}/staff/counselling/")

    @task(3)
    def participant_list(self):
        self.client.get(f"{LANGUAGE}/staff/people/", name="participant list")

    @task(2)
    def search(self):
        name = random.choice(["Ahmadi", "Nguyen", "Kowal", "Schmidt", "Ali", "Petr"])
        self.client.get(f"{LANGUAGE}/staff/people/?q={name}", name="search by name")

    @task(3)
    def person(self):
        if self.people:
            self.client.get(random.choice(self.people), name="person page")

    @task(2)
    def case(self):
        if self.cases:
            self.client.get(random.choice(self.cases), name="case page")

    @task(1)
    def record_contact(self):
        if not self.cases:
            return
        url = random.choice(self.cases) + "contacts/add/"
        form = self.client.get(url, name="contact form")
        token = CSRF.search(form.text or "")
        if token is None:
            return
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "date": date.today().isoformat(),
                "duration_minutes": "30",
                "channel": "person",
                "language": "de",
                "notes": "Load run",
            },
            headers={"Referer": self.host + url},
            name=CONTACT,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            judge(self, response, CONTACT)
