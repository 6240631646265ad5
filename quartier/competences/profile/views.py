"""Counsellors' pages for a person's competence profile: the profile, its parts, evidence, skills.

Reading is for counsellors and project leads of the organisation holding the
person (``PROFILE_READ``); changing is for its counsellors (``PROFILE_WRITE``).
Every view fetches the person through ``services.get_participant``, which 404s
a person of another organisation.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import allow, may_use
from quartier.competences.profile import (
    evidence,
    experience,
    informal,
    languages,
    qualifications,
    skills,
)
from quartier.competences.profile.forms import (
    AddSkillsForm,
    ExperienceForm,
    InformalForm,
    LanguageForm,
    QualificationForm,
    SkillForm,
    SkillSearchForm,
    SuggestForm,
    SummaryForm,
)
from quartier.competences.profile.models import (
    Experience,
    InformalCompetence,
    LanguageSkill,
    ProfileSkill,
    Qualification,
    SkillSource,
)
from quartier.competences.profile.services import (
    PROFILE_READ,
    PROFILE_WRITE,
    change_summary,
    existing_profile,
    get_participant,
    view_profile,
)
from quartier.esco.models import Concept, Label
from quartier.lib.countries import country_name
from quartier.lib.languages import language_name
from quartier.lib.partials import render_partial


def _language() -> str:
    return get_language() or "de"


def _profile_url(participant, anchor: str = "") -> str:
    url = reverse("competences:profile", kwargs={"code": participant.public_id})
    return f"{url}#{anchor}" if anchor else url


def _labels() -> Prefetch:
    return Prefetch("labels", queryset=Label.objects.filter(kind=Label.Kind.PREFERRED))


def _part(model, participant, pk: int):
    """One part of the person's profile, or 404."""
    return get_object_or_404(
        model.objects.with_scopes_disabled().select_related("profile__organisation"),
        pk=pk,
        profile__participant=participant,
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


# -- The profile page -------------------------------------------------------------


def profile_context(participant, user) -> dict:
    """Everything the profile page shows. A constant number of queries."""
    profile = existing_profile(participant)
    language = _language()
    context = {
        "participant": participant,
        "profile": profile,
        "may_write": PROFILE_WRITE.allows(user),
        # Matching vacancies, for those who counsel at the person's organisation.
        "may_match": may_use(
            user,
            "matching:profile-vacancies",
            {"code": participant.public_id},
            organisation_id=participant.organisation_id,
        ),
        "qualifications": [],
        "languages": [],
        "experience": [],
        "occupations": [],
        "skills": [],
        "knowledge": [],
        "informal": [],
        "eligibility": None,
        "intake_languages": [
            {"code": code, "name": language_name(code)}
            for code in languages.from_intake(participant, [])
        ],
    }
    if profile is None:
        return context
    found = list(
        Qualification.objects.with_scopes_disabled()
        .filter(profile=profile)
        .select_related("reference_occupation")
        .prefetch_related(Prefetch("reference_occupation__labels", queryset=_preferred()))
    )
    for item in found:
        item.country_name = country_name(item.country) if item.country else ""
        item.language_name = language_name(item.original_language) if item.original_language else ""
        item.reference_label = (
            item.reference_occupation.label(language) if item.reference_occupation else ""
        )
    context["qualifications"] = found
    spoken = languages.german_first(
        list(LanguageSkill.objects.with_scopes_disabled().filter(profile=profile))
    )
    for item in spoken:
        item.name = language_name(item.language)
    context["languages"] = spoken
    context["intake_languages"] = [
        {"code": code, "name": language_name(code)}
        for code in languages.from_intake(participant, spoken)
    ]
    work = list(
        Experience.objects.with_scopes_disabled()
        .filter(profile=profile)
        .select_related("occupation")
        .prefetch_related(Prefetch("occupation__labels", queryset=_preferred()))
    )
    for item in work:
        item.country_name = country_name(item.country) if item.country else ""
        item.occupation_label = item.occupation.label(language) if item.occupation else ""
    context["experience"] = work
    for skill in (
        ProfileSkill.objects.with_scopes_disabled()
        .filter(profile=profile)
        .select_related("concept")
        .prefetch_related(Prefetch("concept__labels", queryset=_preferred()))
    ):
        skill.label = skill.concept.label(language)
        if skill.concept.kind == Concept.Kind.OCCUPATION:
            context["occupations"].append(skill)
        elif skill.concept.skill_type == Concept.SkillType.KNOWLEDGE:
            context["knowledge"].append(skill)
        else:
            context["skills"].append(skill)
    for group in ("occupations", "skills", "knowledge"):
        context[group].sort(key=lambda skill: skill.label.casefold())
    found_informal = list(
        InformalCompetence.objects.with_scopes_disabled()
        .filter(profile=profile)
        .prefetch_related(Prefetch("skills", queryset=Concept.objects.prefetch_related(_labels())))
    )
    for item in found_informal:
        item.skill_labels = [concept.label(language) for concept in item.skills.all()]
    context["informal"] = found_informal
    if any(item.without_papers for item in found):
        reference = next(
            (item.reference_occupation_id for item in found if item.without_papers), None
        )
        context["eligibility"] = qualifications.validation_eligibility(
            participant, work, occupation_id=reference
        )
    return context


def _preferred():
    return Label.objects.filter(kind=Label.Kind.PREFERRED)


@allow(PROFILE_READ)
def profile_detail(request: HttpRequest, code) -> HttpResponse:
    participant = get_participant(request.user, code)
    view_profile(participant, request.user)
    return render(request, "competences/profile.html", profile_context(participant, request.user))


@allow(PROFILE_WRITE)
def summary_edit(request: HttpRequest, code) -> HttpResponse:
    participant = get_participant(request.user, code, write=True)
    profile = existing_profile(participant)
    initial = {}
    if profile is not None:
        initial = {
            "summary": profile.summary,
            "hours_per_week": profile.hours_per_week,
            "available_from": profile.available_from,
        }
    form = SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change_summary(
            participant,
            request.user,
            data["summary"],
            hours_per_week=data["hours_per_week"],
            available_from=data["available_from"],
        )
        messages.success(request, _("The summary is saved."))
        return redirect(_profile_url(participant))
    return _form_page(request, participant, form, _("Summary and availability"), "")


# -- One generic add/edit/remove flow for the parts ---------------------------------


def _form_page(request, participant, form, title: str, anchor: str, remove_url: str = ""):
    return render(
        request,
        "competences/part_form.html",
        {
            "participant": participant,
            "form": form,
            "title": title,
            "back_url": _profile_url(participant, anchor),
            "remove_url": remove_url,
        },
    )


def _edit_part(request, code, pk, *, model, form_class, add, change, title, anchor, initial=None):
    participant = get_participant(request.user, code, write=True)
    part = _part(model, participant, pk) if pk is not None else None
    if part is not None:
        initial = form_class.initial_from(part)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if part is None:
                add(participant, request.user, **form.part_fields())
            else:
                change(part, request.user, **form.part_fields())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_profile_url(participant, anchor))
    remove_url = ""
    if part is not None:
        remove_url = reverse(
            f"competences:{anchor}-remove", kwargs={"code": participant.public_id, "pk": part.pk}
        )
    return _form_page(request, participant, form, title, anchor, remove_url)


def _remove_part(request, code, pk, *, model, remove, anchor):
    participant = get_participant(request.user, code, write=True)
    remove(_part(model, participant, pk), request.user)
    messages.success(request, _("Removed."))
    return redirect(_profile_url(participant, anchor))


# -- Qualifications and evidence ------------------------------------------------------


def _qualification_page(request, code, pk=None):
    participant = get_participant(request.user, code, write=True)
    part = _part(Qualification, participant, pk) if pk is not None else None
    initial = QualificationForm.initial_from(part) if part is not None else None
    form = QualificationForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        has_evidence=bool(part and part.evidence),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["evidence"]
        try:
            with transaction.atomic():
                if part is None:
                    part = qualifications.add_qualification(
                        participant, request.user, **form.part_fields()
                    )
                else:
                    qualifications.change_qualification(part, request.user, **form.part_fields())
                if upload:
                    evidence.attach_evidence(part, request.user, upload)
                elif form.cleaned_data.get("remove_evidence"):
                    evidence.remove_evidence(part, request.user)
        except ValidationError as error:
            if pk is None:
                part = None
            _add_errors(form, error if hasattr(error, "error_dict") else _on("evidence", error))
        else:
            messages.success(request, _("Saved."))
            return redirect(_profile_url(participant, "qualification"))
    remove_url = ""
    if part is not None and part.pk:
        remove_url = reverse(
            "competences:qualification-remove",
            kwargs={"code": participant.public_id, "pk": part.pk},
        )
    return render(
        request,
        "competences/part_form.html",
        {
            "participant": participant,
            "form": form,
            "title": _("Qualification"),
            "back_url": _profile_url(participant, "qualification"),
            "remove_url": remove_url,
            "multipart": True,
            "qualification": part,
        },
    )


def _on(field: str, error: ValidationError) -> ValidationError:
    return ValidationError({field: error.messages})


@allow(PROFILE_WRITE)
def qualification_add(request: HttpRequest, code) -> HttpResponse:
    return _qualification_page(request, code)


@allow(PROFILE_WRITE)
def qualification_edit(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _qualification_page(request, code, pk)


@allow(PROFILE_WRITE)
@require_POST
def qualification_remove(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _remove_part(
        request,
        code,
        pk,
        model=Qualification,
        remove=qualifications.remove_qualification,
        anchor="qualification",
    )


@allow(PROFILE_READ)
def evidence_download(request: HttpRequest, code, pk: int) -> HttpResponse:
    participant = get_participant(request.user, code)
    qualification = _part(Qualification, participant, pk)
    if not qualification.evidence:
        raise Http404
    handle = evidence.open_evidence(qualification, request.user)
    response = FileResponse(
        handle,
        content_type=qualification.evidence_type,
        as_attachment=True,
        filename=qualification.evidence_name or "evidence",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# -- Languages, experience, informal competences ---------------------------------------


@allow(PROFILE_WRITE)
def language_add(request: HttpRequest, code) -> HttpResponse:
    """``?language=`` fills in the language, as the profile's links for the languages
    given at intake do (the form checks the code like any other)."""
    return _edit_part(
        request, code, None, initial={"language": request.GET.get("language")}, **LANGUAGE
    )


@allow(PROFILE_WRITE)
def language_edit(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _edit_part(request, code, pk, **LANGUAGE)


@allow(PROFILE_WRITE)
@require_POST
def language_remove(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _remove_part(
        request, code, pk, model=LanguageSkill, remove=languages.remove_language, anchor="language"
    )


@allow(PROFILE_WRITE)
def experience_add(request: HttpRequest, code) -> HttpResponse:
    return _edit_part(request, code, None, **EXPERIENCE)


@allow(PROFILE_WRITE)
def experience_edit(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _edit_part(request, code, pk, **EXPERIENCE)


@allow(PROFILE_WRITE)
@require_POST
def experience_remove(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _remove_part(
        request,
        code,
        pk,
        model=Experience,
        remove=experience.remove_experience,
        anchor="experience",
    )


@allow(PROFILE_WRITE)
def informal_add(request: HttpRequest, code) -> HttpResponse:
    return _edit_part(request, code, None, **INFORMAL)


@allow(PROFILE_WRITE)
def informal_edit(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _edit_part(request, code, pk, **INFORMAL)


@allow(PROFILE_WRITE)
@require_POST
def informal_remove(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _remove_part(
        request,
        code,
        pk,
        model=InformalCompetence,
        remove=informal.remove_informal,
        anchor="informal",
    )


LANGUAGE = {
    "model": LanguageSkill,
    "form_class": LanguageForm,
    "add": languages.add_language,
    "change": languages.change_language,
    "title": gettext_lazy("Language"),
    "anchor": "language",
}
EXPERIENCE = {
    "model": Experience,
    "form_class": ExperienceForm,
    "add": experience.add_experience,
    "change": experience.change_experience,
    "title": gettext_lazy("Experience"),
    "anchor": "experience",
}
INFORMAL = {
    "model": InformalCompetence,
    "form_class": InformalForm,
    "add": informal.add_informal,
    "change": informal.change_informal,
    "title": gettext_lazy("Informal competence"),
    "anchor": "informal",
}


# -- Skills ----------------------------------------------------------------------------


def _pick_page(request, participant, concepts, source: str, title: str, form=None, intro=""):
    """The checkbox list from which the counsellor adds skills in one go."""
    language = _language()
    for concept in concepts:
        concept.display_label = concept.label(language)
    have = set(
        ProfileSkill.objects.with_scopes_disabled()
        .filter(profile__participant=participant)
        .values_list("concept_id", flat=True)
    )
    # As the counsellor types, the search answers with the choices alone (HTMX).
    return render_partial(
        request,
        "competences/skill_pick.html",
        "competences/_skill_choices.html",
        {
            "participant": participant,
            "title": title,
            "intro": intro,
            "form": form,
            "concepts": concepts,
            "have": have,
            "source": source,
            "back_url": _profile_url(participant, "skills"),
        },
    )


@allow(PROFILE_WRITE)
def skill_search(request: HttpRequest, code) -> HttpResponse:
    participant = get_participant(request.user, code, write=True)
    form = SkillSearchForm(request.GET or None)
    concepts = []
    if form.is_valid() and form.cleaned_data["q"]:
        concepts = skills.search_concepts(
            form.cleaned_data["q"], _language(), kind=form.cleaned_data["kind"] or None
        )
    return _pick_page(
        request, participant, concepts, SkillSource.COUNSELLOR, _("Search ESCO"), form
    )


@allow(PROFILE_WRITE)
def skill_occupation(request: HttpRequest, code, concept: int) -> HttpResponse:
    """The essential skills of an occupation, to add in one go."""
    participant = get_participant(request.user, code, write=True)
    occupation = get_object_or_404(
        Concept.objects.prefetch_related(_labels()), pk=concept, kind=Concept.Kind.OCCUPATION
    )
    return _pick_page(
        request,
        participant,
        skills.essential_skills(occupation),
        SkillSource.OCCUPATION,
        _("Essential skills of %(occupation)s") % {"occupation": occupation.label(_language())},
    )


@allow(PROFILE_WRITE)
def skill_suggest(request: HttpRequest, code) -> HttpResponse:
    """Skills and occupations suggested for a description in the person's own words."""
    participant = get_participant(request.user, code, write=True)
    initial = {}
    source_pk = request.GET.get("experience")
    if source_pk and source_pk.isdigit() and "text" not in request.GET:
        initial = {"text": _part(Experience, participant, int(source_pk)).description}
    form = SuggestForm(request.GET if "text" in request.GET else None, initial=initial)
    text = form.cleaned_data["text"] if form.is_valid() else initial.get("text", "")
    if not form.is_bound and initial:
        form = SuggestForm(initial=initial)
    concepts = skills.suggest_concepts(text, _language()) if text else []
    return _pick_page(
        request,
        participant,
        concepts,
        SkillSource.SUGGESTION,
        _("Suggestions from a description"),
        form,
    )


@allow(PROFILE_WRITE)
@require_POST
def skill_add(request: HttpRequest, code) -> HttpResponse:
    participant = get_participant(request.user, code, write=True)
    form = AddSkillsForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(_profile_url(participant, "skills"))
    added = skills.add_skills(
        participant, request.user, form.cleaned_data["concepts"], form.cleaned_data["source"]
    )
    messages.success(request, _("%(count)d added to the profile.") % {"count": len(added)})
    return redirect(_profile_url(participant, "skills"))


@allow(PROFILE_WRITE)
def skill_edit(request: HttpRequest, code, pk: int) -> HttpResponse:
    participant = get_participant(request.user, code, write=True)
    skill = _part(ProfileSkill, participant, pk)
    form = SkillForm(
        request.POST or None,
        initial={"level": skill.level, "evidence_level": skill.evidence_level},
    )
    if request.method == "POST" and form.is_valid():
        skills.change_skill(skill, request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(_profile_url(participant, "skills"))
    remove_url = reverse(
        "competences:skill-remove", kwargs={"code": participant.public_id, "pk": skill.pk}
    )
    return _form_page(
        request, participant, form, skill.concept.label(_language()), "skills", remove_url
    )


@allow(PROFILE_WRITE)
@require_POST
def skill_remove(request: HttpRequest, code, pk: int) -> HttpResponse:
    return _remove_part(
        request, code, pk, model=ProfileSkill, remove=skills.remove_skill, anchor="skills"
    )
