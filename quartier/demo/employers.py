"""Demo data of the sharing part: consents to be shown to employers, contact requests, passports.

Deterministic (seeded) and idempotent: running it again adds nothing. Runs after
the competence profiles of the demo exist (``demo.competences``), inside
``scopes_disabled``.
"""

import random

from quartier.accounts.models import Organisation, User
from quartier.competences.employers import contact_requests
from quartier.competences.models import CompetenceProfile, ContactRequest, Passport
from quartier.competences.passport.services import issue_passport, render_passport
from quartier.people.consent import has_consent, record_consent
from quartier.people.models import Participant, Purpose

DEMO_EMPLOYER_LOGIN = "betrieb@quartier.example"
DEMO_BUSINESS = "demo-betrieb"
SHARE_SHARE = 0.6  # of the people with a profile
PASSPORT_LANGUAGES = ("ar", "uk", "ru", "vi", "de")

DEMO_REQUESTS = [
    (
        "Wir suchen ab sofort Verstärkung in der Küche (Teilzeit, 25 Stunden). "
        "Gern zuerst ein Probetag.",
        "Frau Demo, Beispielbetrieb, 0341 000000",
    ),
    (
        "Ausbildungsplatz Verkäufer/in ab 1. August frei; Deutsch B1 reicht uns.",
        "bewerbung@demo-betrieb.example",
    ),
    (
        "Minijob am Wochenende im Lager, Einarbeitung durch uns.",
        "Herr Beispiel, 0341 000001",
    ),
]


def create_demo_sharing(people: list[Participant], counsellor: User, seed: int = 2026) -> str:
    rng = random.Random(seed)
    ids = [person.pk for person in people]
    profiles = list(
        CompetenceProfile.objects.filter(participant_id__in=ids)
        .select_related("participant__organisation")
        .order_by("pk")
    )
    if not profiles:
        return "No competence profiles; nothing shared."
    shown = [profile for profile in profiles if rng.random() < SHARE_SHARE]
    consents = 0
    for profile in shown:
        person = profile.participant
        if not has_consent(person, Purpose.EMPLOYER_PROFILE):
            language = person.preferred_language or "de"
            record_consent(person, Purpose.EMPLOYER_PROFILE, language, counsellor)
            consents += 1

    employer = User.objects.filter(email=DEMO_EMPLOYER_LOGIN).first()
    business = Organisation.objects.filter(slug=DEMO_BUSINESS).first()
    requests = 0
    if employer is not None and business is not None:
        for index, profile in enumerate(shown[: len(DEMO_REQUESTS)]):
            if ContactRequest.objects.filter(profile=profile, employer=business).exists():
                continue
            message, contact = DEMO_REQUESTS[index]
            item = contact_requests.ask_for_contact(profile, business, employer, message, contact)
            requests += 1
            if index == 1:
                contact_requests.record_asked(item, counsellor)
            elif index == 2:
                contact_requests.record_asked(item, counsellor)
                contact_requests.answer_request(
                    item,
                    counsellor,
                    accepted=True,
                    answer="Die Person ruft Sie diese Woche an.",
                )

    passports = 0
    for language in PASSPORT_LANGUAGES:
        profile = next((p for p in profiles if p.participant.preferred_language == language), None)
        if profile is None:
            continue
        passport, is_new = issue_passport(profile.participant, counsellor)
        if is_new or passport.status == Passport.Status.QUEUED:
            # Made at once, so the demo has the PDFs without a running worker.
            render_passport(passport.pk)
        passports += int(is_new)
    return (
        f"Sharing: {consents} consents for employers, {requests} contact requests, "
        f"{passports} passports."
    )
