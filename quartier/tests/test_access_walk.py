"""Walk every URL in the URLconf as anonymous and as each role (DESIGN.md: deny by default)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

EVERYONE = "everyone"
SIGNED_IN = "signed in"
NOBODY = "nobody"  # of the personas; the Django admin is for operators (is_staff) only

# Counsellors and project leads; the outsider is a lead elsewhere (and gets 404s).
CASE_WORKERS = {"counsellor", "lead", "outsider"}

# Who may use each named URL. A URL missing here fails the walk: whoever adds a
# view must say who may use it.
EXPECTED: dict[str, str | set[str]] = {
    # Reporting: the project lead and the reporting viewer (the outsider is a lead).
    "reporting:measure-list": {"lead", "outsider", "viewer"},
    "reporting:measure-definition": {"lead", "outsider", "viewer"},
    "site:home": EVERYONE,
    "brand-logo": EVERYONE,
    "brand-favicon": EVERYONE,
    "favicon-ico": EVERYONE,
    "accounts:login": EVERYONE,
    "accounts:login-otp": EVERYONE,
    "accounts:logout": EVERYONE,
    "accounts:password-reset": EVERYONE,
    "accounts:password-reset-done": EVERYONE,
    "accounts:password-reset-confirm": EVERYONE,
    "accounts:password-reset-complete": EVERYONE,
    "accounts:dashboard": SIGNED_IN,
    "accounts:settings": SIGNED_IN,
    "accounts:otp-setup": SIGNED_IN,
    "accounts:otp-disable": SIGNED_IN,
    "accounts:api-tokens": SIGNED_IN,
    "accounts:api-token-revoke": SIGNED_IN,
    "accounts:audit-log": {"lead", "outsider"},
    "accounts:members": {"admin"},
    # Programme figures (aggregates, disclosed): project leads and reporting viewers.
    "reporting:dashboard": {"lead", "viewer", "outsider"},
    "reporting:table-export": {"lead", "viewer", "outsider"},
    # Reporting: the funder's record set (individual-level) for project leads only.
    "reporting:funder-records": {"lead", "outsider"},
    "reporting:period-report": {"lead", "viewer", "outsider"},
    "accounts:member-remove": {"admin"},
    # Offers: public calendar and registration; staff pages for those who register
    # participants (counsellors, coordinators, leads), managing for coordinators and
    # leads, the business pages for employers.
    **{
        f"learning-public:{name}": EVERYONE
        for name in ("offers", "offers-feed", "offer", "offer-cancel", "offer-registration-ics")
    },
    **{
        f"learning:{name}": {"counsellor", "coordinator", "lead", "outsider"}
        for name in (
            "offer-list",
            "offer-detail",
            "offer-register",
            "registrations-export",
            "person-register",
        )
    },
    **{
        f"learning:{name}": {"coordinator", "lead", "outsider"}
        for name in (
            "offer-create",
            "offer-edit",
            "offer-skills",
            "date-list",
            "date-add",
            "date-cancel",
            "check-in",
            "check-in-toggle",
            "check-in-pdf",
            "certificate",
        )
    },
    "learning:offer-business": {"employer"},
    "learning:business-offers": {"employer"},
    "learning:registration-cancel": {"counsellor", "coordinator", "lead", "outsider", "employer"},
    # Appointments and visits: public booking; staff pages for counsellors and coordinators.
    **{
        f"learning-public:{name}": EVERYONE
        for name in (
            "appointments",
            "appointment-slots",
            "appointment-book",
            "appointment-request",
            "appointment-manage",
            "appointment-cancel",
            "appointment-respond",
            "appointments-feed",
        )
    },
    **{
        f"learning:{name}": {"counsellor", "coordinator"}
        for name in (
            "appointments",
            "appointment-detail",
            "appointment-confirm",
            "appointment-propose",
            "appointment-cancel",
            "appointment-outcome",
            "availability",
            "availability-remove",
            "feed-token",
            "visits",
            "visits-export",
            "visit-usage",
            "person-book",
        )
    },
    # Competence passport (staff of the holding organisation), its public check, the
    # employer view (employers only) and the contact requests it leads to.
    "competences:passport": {"counsellor", "lead", "outsider"},
    "competences:passport-download": {"counsellor", "lead", "outsider"},
    "competences-public:verify-form": EVERYONE,
    "competences-public:verify": EVERYONE,
    "competences:candidate-list": {"employer"},
    "competences:candidate-detail": {"employer"},
    "competences:candidate-contact": {"employer"},
    "competences:my-contact-requests": {"employer"},
    "competences:contact-requests": {"counsellor", "lead", "outsider"},
    "competences:contact-request": {"counsellor", "lead", "outsider"},
    "competences:contact-request-asked": {"counsellor", "lead", "outsider"},
    "counselling:my-cases": CASE_WORKERS,
    "counselling:cases-export": CASE_WORKERS,
    "counselling:case-open": CASE_WORKERS,
    "counselling:case-detail": CASE_WORKERS,
    "counselling:case-status": CASE_WORKERS,
    "counselling:contact-add": CASE_WORKERS,
    "counselling:goal-add": CASE_WORKERS,
    "counselling:goal-status": CASE_WORKERS,
    "counselling:referral-add": CASE_WORKERS,
    "counselling:referral-outcome": CASE_WORKERS,
    "counselling:exit": CASE_WORKERS,
    "counselling:follow-up": CASE_WORKERS,
    "counselling:case-share": CASE_WORKERS,
    "counselling:share-end": CASE_WORKERS,
    # ESCO taxonomy: reference data for every staff role that works with people.
    **{
        f"esco:{name}": {"counsellor", "advisor", "coordinator", "lead", "admin", "outsider"}
        for name in ("search", "suggest", "concept", "occupation-pick")
    },
    # Economy network and premises: programme-wide, read by all staff, changed by
    # business advisors and project leads.
    **{
        f"economy:{name}": {
            "counsellor",
            "advisor",
            "coordinator",
            "lead",
            "viewer",
            "admin",
            "outsider",
        }
        for name in ("network", "cooperations", "premises", "house")
    },
    **{
        f"economy:{name}": {"advisor", "lead", "outsider"}
        for name in (
            "cooperation-add",
            "party-pick",
            "cooperation-end",
            "house-add",
            "house-edit",
            "unit-add",
            "unit-edit",
            "unit-let",
            "unit-vacate",
        )
    },
    "economy-public:premises": EVERYONE,
    # Business register, training alliances and import: read by all staff, changed by
    # business advisors and project leads; employers edit their own business only.
    **{
        f"economy:{name}": {
            "counsellor",
            "advisor",
            "coordinator",
            "lead",
            "viewer",
            "admin",
            "outsider",
        }
        for name in (
            "business-list",
            "business-export",
            "business-detail",
            "business-pick",
            "alliance-list",
            "alliance-detail",
        )
    },
    **{
        f"economy:{name}": {"advisor", "lead", "outsider"}
        for name in (
            "business-create",
            "contact-add",
            "contact-edit",
            "contact-remove",
            "training-path",
            "alliance-create",
            "alliance-part-remove",
            "business-import-upload",
            "business-import-mapping",
            "business-import-preview",
            "business-import-write",
            "business-import-status",
        )
    },
    "economy:business-edit": {"advisor", "lead", "outsider", "employer"},
    "economy:my-business": {"employer"},
    "economy-public:directory": EVERYONE,
    # Economy advice: founders, funding and on-site consulting for business advisors and
    # leads (their organisation's records only); vacancies read by staff who place people
    # and edited by advisors, leads and employers (their own business only).
    **{
        f"economy:{name}": {"advisor", "lead", "outsider"}
        for name in (
            "funding-list",
            "founder-list",
            "founder-create",
            "founder-detail",
            "founder-edit",
            "founder-advice",
            "founder-application",
            "application-outcome",
            "consultation-list",
            "consultation-export",
            "consultation-create",
            "consultation-detail",
            "consultation-edit",
            "follow-up-done",
            "follow-ups",
        )
    },
    **{
        f"economy:{name}": {"advisor", "counsellor", "lead", "outsider", "employer"}
        for name in ("vacancy-list", "vacancy-detail")
    },
    # Exported by the staff who read it; a download is a staff page (no employers).
    "economy:vacancy-export": {"advisor", "counsellor", "lead", "outsider"},
    **{
        f"economy:{name}": {"advisor", "lead", "outsider", "employer"}
        for name in (
            "vacancy-create",
            "vacancy-business-pick",
            "vacancy-edit",
            "vacancy-requirements",
        )
    },
    # Matching: a vacancy's candidates for those who read the vacancy; a person's
    # vacancies and proposals for those who counsel; the employer's own vacancies.
    "matching:vacancy-candidates": {"advisor", "counsellor", "lead", "outsider", "employer"},
    "matching:profile-vacancies": CASE_WORKERS,
    "matching:propose": CASE_WORKERS,
    "matching:my-vacancies": {"employer"},
    # Skills in demand without a course (counts only): learning coordinators and leads.
    "matching:skill-gaps": {"coordinator", "lead", "outsider"},
    "economy-public:vacancy-list": EVERYONE,
    "economy-public:vacancy-detail": EVERYONE,
    # Reporting: targets for project leads; the incomplete records (individual-level)
    # for the holding organisation's counsellors and project lead.
    "reporting:targets": {"lead", "outsider"},
    "reporting:incomplete": {"counsellor", "lead", "outsider"},
    "people:list": {"counsellor", "coordinator", "lead", "outsider"},
    "people:list-export": {"counsellor", "coordinator", "lead", "outsider"},
    "people:intake": {"counsellor", "coordinator", "lead", "outsider"},
    "people:short-contact": {"counsellor", "coordinator", "lead", "outsider"},
    "people:pick": {"counsellor", "coordinator", "lead", "outsider"},
    "people:detail": {"counsellor", "coordinator", "lead", "outsider"},
    "people:edit": {"counsellor", "coordinator", "lead", "outsider"},
    "people:entry-data": {"counsellor", "coordinator", "lead", "outsider"},
    "people:consent-record": {"counsellor", "coordinator", "lead", "outsider"},
    "people:consent-withdraw": {"counsellor", "coordinator", "lead", "outsider"},
    "people:consent-sheet": {"counsellor", "lead", "outsider"},
    "people:export-json": {"counsellor", "lead", "outsider"},
    "people:export-pdf": {"counsellor", "lead", "outsider"},
    "people:erase": {"counsellor", "lead", "outsider"},
    # A download (a PDF or export being made): any staff member, their own only.
    **{
        f"downloads:{name}": {
            "counsellor",
            "advisor",
            "coordinator",
            "lead",
            "viewer",
            "admin",
            "outsider",
        }
        for name in ("status", "file")
    },
    "people:import-upload": {"counsellor", "coordinator", "lead", "outsider"},
    "people:import-mapping": {"counsellor", "coordinator", "lead", "outsider"},
    "people:import-preview": {"counsellor", "coordinator", "lead", "outsider"},
    "people:import-write": {"counsellor", "coordinator", "lead", "outsider"},
    "people:import-status": {"counsellor", "coordinator", "lead", "outsider"},
    # Competence profile: counsellors and leads read, counsellors change.
    "competences:profile": CASE_WORKERS,
    "competences:evidence": CASE_WORKERS,
    **{
        f"competences:{name}": {"counsellor"}
        for name in (
            "summary",
            "qualification-add",
            "qualification-edit",
            "qualification-remove",
            "language-add",
            "language-edit",
            "language-remove",
            "experience-add",
            "experience-edit",
            "experience-remove",
            "informal-add",
            "informal-edit",
            "informal-remove",
            "skill-search",
            "skill-suggest",
            "skill-occupation",
            "skill-add",
            "skill-edit",
            "skill-remove",
        )
    },
}

POST_ONLY = {
    "matching:propose",
    "economy:follow-up-done",
    "competences:contact-request-asked",
    "learning:date-cancel",
    "learning:check-in-toggle",
    "learning:registration-cancel",
    "learning:appointment-confirm",
    "learning:appointment-cancel",
    "learning:appointment-outcome",
    "learning:availability-remove",
    "learning-public:appointment-cancel",
    "learning-public:appointment-respond",
    "counselling:share-end",
    "economy:cooperation-end",
    "accounts:logout",
    "accounts:otp-disable",
    "accounts:api-token-revoke",
    "accounts:member-remove",
    "people:consent-withdraw",
    "people:import-write",
    "economy:contact-remove",
    "economy:alliance-part-remove",
    "economy:business-import-write",
    "competences:qualification-remove",
    "competences:language-remove",
    "competences:experience-remove",
    "competences:informal-remove",
    "competences:skill-add",
    "competences:skill-remove",
}

SAMPLE_VALUES = {"int": "1", "slug": "unknown", "uuid": "00000000-0000-0000-0000-000000000000"}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            route = (
                "de/"
                if entry.pattern.__class__.__name__ == "LocalePrefixPattern"
                else str(entry.pattern)
            )
            yield from walk(entry.url_patterns, prefix + route, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def concrete(route: str) -> str:
    route = re.sub(
        r"<(?:(\w+):)?(\w+)>", lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "x"), route
    )
    return "/" + route.lstrip("^").rstrip("$").replace("\\Z", "")


def app_urls():
    for name, route in walk(get_resolver().url_patterns):
        if name.startswith(("admin:", "api:")):
            continue  # walked below / in the API tests
        yield name, concrete(route)


def was_refused(response) -> bool:
    if response.status_code == 403:
        return True
    return (
        response.status_code == 302
        and "/staff/login/" in response["Location"]
        and ("next=" in response["Location"])
    )


def may_enter(name: str, persona: str) -> bool:
    rule = EXPECTED[name]
    if rule == EVERYONE:
        return True
    if rule == SIGNED_IN:
        return persona != "anonymous"
    if rule == NOBODY:
        return False
    return persona in rule


def test_every_url_states_who_may_use_it():
    unknown = sorted({name for name, _url in app_urls()} - EXPECTED.keys())
    assert unknown == [], "Add these URL names to EXPECTED with who may use them"


# One test per persona of quartier/conftest.py (the walk of all of them in one test took
# 50 s on PostgreSQL, close to CI's budget for a single test).
PERSONAS = [
    "anonymous",
    "no_role",
    "counsellor",
    "advisor",
    "coordinator",
    "lead",
    "viewer",
    "admin",
    "employer",
    "resident",
    "outsider",
]


def test_the_walk_takes_every_persona(personas):
    assert sorted(PERSONAS) == sorted(personas)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_lets_in_exactly_the_intended_roles(client, personas, persona):
    urls = list(app_urls())
    assert len(urls) >= len(EXPECTED)
    user = personas[persona]
    wrong = []
    for name, url in urls:
        # Sign in afresh each time: one of the URLs is the sign-out.
        client.logout()
        if user is not None:
            client.force_login(user)
        method = client.post if name in POST_ONLY else client.get
        response = method(url)
        refused = was_refused(response)
        if refused == may_enter(name, persona):
            wrong.append((name, url, response.status_code))
    assert wrong == []


def test_the_admin_is_for_operators_only(client, personas):
    for persona, user in personas.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get("/ops/admin/")
        assert response.status_code == 302, persona
        assert "/ops/admin/login/" in response["Location"]


def test_a_view_without_an_access_declaration_is_refused(rf, settings, counsellor):
    from django.http import HttpResponse

    from quartier.accounts.middleware import AccessMiddleware

    def undeclared(request):
        return HttpResponse("secret")

    middleware = AccessMiddleware(lambda request: HttpResponse("ok"))
    request = rf.get("/x/")
    request.user = counsellor
    request.resolver_match = None
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        middleware.process_view(request, undeclared, (), {})
