"""Counsellors' pages: my cases, the case with its goals, contacts, referrals, exit and follow-up.

Every view is for counsellors and project leads (``CASE_WORK``) and fetches the
case through ``cases.get_case``, which 404s a case the user may not see.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case as SqlCase
from django.db.models import F, Q, When
from django.db.models.functions import Coalesce, Least
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import allow
from quartier.counselling import cases, contacts, goals, outcomes, referrals, sharing
from quartier.counselling.cases import CASE_WORK, CounsellingError, get_case
from quartier.counselling.filters import EVERYONE, MyCasesFilter
from quartier.counselling.forms import (
    CaseStatusForm,
    ContactForm,
    ExitForm,
    FollowUpForm,
    GoalForm,
    GoalStatusForm,
    OpenCaseForm,
    ReferralForm,
    ReferralOutcomeForm,
    ShareForm,
)
from quartier.counselling.models import (
    CaseShare,
    CaseStatus,
    Contact,
    Goal,
    GoalStatus,
    Referral,
    ReferralOutcome,
)
from quartier.lib.keyset import keyset_page
from quartier.lib.languages import language_name
from quartier.people.intake import view_participant
from quartier.people.models import EmploymentStatus, Participant

PAGE_SIZE = 50


def person_url(participant: Participant) -> str | None:
    """The person page, once the people app has it."""
    try:
        return reverse("people:detail", kwargs={"code": participant.public_id})
    except NoReverseMatch:
        return None


def _case_redirect(case, anchor: str = "") -> HttpResponse:
    url = reverse("counselling:case-detail", kwargs={"code": case.public_id})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _unscoped(model):
    """Related rows of a case already known to be visible: the case query is the rule."""
    return model.objects.with_scopes_disabled().all()


# -- My cases -----------------------------------------------------------------


def cases_to_do(user):
    """Cases the user may see that still ask for work: open ones, and closed ones whose
    follow-up is still to do. "My cases" narrows them to the user's own (or, asked,
    to everyone's) and by its filters (``filters.MyCasesFilter``).

    Soonest due first, whether a next step or a follow-up; nothing due last.
    """
    follow_up_due = SqlCase(
        When(follow_up__done_on__isnull=True, then=F("follow_up__due_on")), default=None
    )
    return (
        cases.cases_visible_to(user)
        .filter(~Q(status=CaseStatus.CLOSED) | Q(follow_up__isnull=False, follow_up__done_on=None))
        .annotate(
            follow_up_due=follow_up_due,
            due=Least(
                Coalesce("next_step_due", follow_up_due), Coalesce(follow_up_due, "next_step_due")
            ),
        )
        .select_related("participant")
        .order_by(
            F("due").asc(nulls_last=True),
            "participant__family_name",
            "participant__given_name",
            "pk",
        )
    )


def my_cases_queryset(user):
    """The user's own cases to do (``cases_to_do``), unfiltered."""
    return cases_to_do(user).filter(counsellor=user)


def my_cases_filter(request: HttpRequest) -> MyCasesFilter:
    """The filtered cases of "My cases"; the start page's numbers count the same."""
    return MyCasesFilter(request.GET, queryset=cases_to_do(request.user), user=request.user)


@allow(CASE_WORK)
def my_cases(request: HttpRequest) -> HttpResponse:
    case_filter = my_cases_filter(request)
    page = keyset_page(case_filter.qs, request.GET.get("cursor"), per_page=PAGE_SIZE)
    today = timezone.localdate()
    rows = [
        {
            "case": case,
            "overdue": case.due is not None and case.due < today,
            "due_today": case.due == today,
            "follow_up_due": case.follow_up_due,
        }
        for case in page
    ]
    filtered = any(
        case_filter.form.cleaned_data.get(name) for name in ("q", "kind", "due", "status")
    ) or (case_filter.form.cleaned_data.get("whose") == EVERYONE)
    return render(
        request,
        "counselling/my_cases.html",
        {"page": page, "rows": rows, "form": case_filter.form, "filtered": filtered},
    )


# -- Opening a case -----------------------------------------------------------


@allow(CASE_WORK)
def case_open(request: HttpRequest, code) -> HttpResponse:
    """Open a case for a person the user's organisation holds (by the person's public id).

    The scope holds the people of the organisations where the user does casework.
    """
    participant = get_object_or_404(
        Participant.objects.select_related("organisation").filter(anonymised_at=None),
        public_id=code,
    )
    form = OpenCaseForm(
        request.POST or None,
        counsellors=cases.counsellors_of(participant.organisation_id),
        initial={"counsellor": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = cases.open_case(
                participant,
                request.user,
                counsellor=form.cleaned_data["counsellor"],
                opened_on=form.cleaned_data["opened_on"],
            )
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case is open."))
            return _case_redirect(case)
    return render(
        request,
        "counselling/case_open.html",
        {"participant": participant, "form": form, "person_url": person_url(participant)},
    )


# -- The case page ------------------------------------------------------------


@allow(CASE_WORK)
def case_detail(request: HttpRequest, code) -> HttpResponse:
    case = get_case(
        request.user,
        code,
        related=("counsellor", "exit", "follow_up", "participant__entry"),
    )
    # Prefetch with unscoped querysets: a shared case lies outside the request's scope.
    case_goals = list(_unscoped(Goal).filter(case=case))
    case_contacts = list(_unscoped(Contact).filter(case=case).select_related("counsellor"))
    for contact in case_contacts:
        contact.language_name = language_name(contact.language)
    case_referrals = list(_unscoped(Referral).filter(case=case))
    may_share = cases.can_share(case, request.user)
    shares = (
        list(_unscoped(CaseShare).filter(case=case).select_related("organisation", "consent"))
        if may_share
        else []
    )
    may_work = may_share or cases.can_work_on(case, request.user)
    view_participant(case.participant, request.user)
    entry = getattr(case.participant, "entry", None)
    today = timezone.localdate()
    exit_ = getattr(case, "exit", None)
    follow_up = getattr(case, "follow_up", None)
    context = {
        "case": case,
        "participant": case.participant,
        "person_url": person_url(case.participant),
        "entry": entry,
        "entry_overdue": entry is not None and not entry.is_complete and entry.deadline < today,
        "goals": case_goals,
        "contacts": case_contacts,
        "referrals": case_referrals,
        "exit": exit_,
        "follow_up": follow_up,
        "follow_up_overdue": follow_up is not None
        and not follow_up.is_done
        and follow_up.due_on < today,
        "next_step_overdue": case.next_step_due is not None and case.next_step_due < today,
        "shares": shares,
        "may_work": may_work,
        "may_share": may_share,
        "is_holder": may_share,
        "today": today,
        "referral_pending": ReferralOutcome.PENDING,
        "goal_done": (GoalStatus.REACHED, GoalStatus.DROPPED),
    }
    return render(request, "counselling/case_detail.html", context)


def _form_page(request, case, form, template: str, **extra) -> HttpResponse:
    return render(
        request,
        template,
        {"case": case, "participant": case.participant, "form": form, **extra},
    )


@allow(CASE_WORK)
def case_status(request: HttpRequest, code) -> HttpResponse:
    case = get_case(request.user, code, related=("counsellor",))
    if not cases.can_share(case, request.user):
        raise PermissionDenied
    if case.is_closed:
        messages.error(request, _("This case is closed."))
        return _case_redirect(case)
    form = CaseStatusForm(
        request.POST or None,
        counsellors=cases.counsellors_of(case.organisation_id),
        initial={"status": case.status, "counsellor": case.counsellor_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            cases.set_case_status(case, form.cleaned_data["status"], request.user)
            cases.change_counsellor(case, form.cleaned_data["counsellor"], request.user)
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case is updated."))
            return _case_redirect(case)
    return _form_page(request, case, form, "counselling/case_status.html")


@allow(CASE_WORK)
def contact_add(request: HttpRequest, code) -> HttpResponse:
    case = get_case(request.user, code, work=True)
    form = ContactForm(request.POST or None, language=case.participant.preferred_language)
    if request.method == "POST" and form.is_valid():
        try:
            contact = contacts.add_contact(case, request.user, **form.cleaned_data)
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The contact is recorded."))
            return _case_redirect(case, f"contact-{contact.pk}")
    return _form_page(request, case, form, "counselling/contact_form.html")


@allow(CASE_WORK)
def goal_add(request: HttpRequest, code) -> HttpResponse:
    case = get_case(request.user, code, work=True)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = goals.add_goal(case, request.user, **form.cleaned_data)
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The goal is set."))
            return _case_redirect(case, f"goal-{goal.pk}")
    return _form_page(request, case, form, "counselling/goal_form.html")


@allow(CASE_WORK)
def goal_status(request: HttpRequest, code, pk: int) -> HttpResponse:
    case = get_case(request.user, code, work=True)
    goal = get_object_or_404(_unscoped(Goal), case=case, pk=pk)
    form = GoalStatusForm(request.POST or None, initial={"status": goal.status, "note": goal.note})
    if request.method == "POST" and form.is_valid():
        goal.case = case
        try:
            goals.set_goal_status(
                goal, form.cleaned_data["status"], request.user, note=form.cleaned_data["note"]
            )
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The goal is updated."))
            return _case_redirect(case, f"goal-{goal.pk}")
    return _form_page(request, case, form, "counselling/goal_status.html", goal=goal)


@allow(CASE_WORK)
def referral_add(request: HttpRequest, code) -> HttpResponse:
    case = get_case(request.user, code, work=True)
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referrals.refer(case, request.user, **form.cleaned_data)
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The referral is recorded."))
            return _case_redirect(case, f"referral-{referral.pk}")
    return _form_page(request, case, form, "counselling/referral_form.html")


@allow(CASE_WORK)
def referral_outcome(request: HttpRequest, code, pk: int) -> HttpResponse:
    case = get_case(request.user, code, work=True)
    referral = get_object_or_404(_unscoped(Referral), case=case, pk=pk)
    form = ReferralOutcomeForm(
        request.POST or None,
        initial={"outcome": referral.outcome, "outcome_on": referral.outcome_on},
    )
    if request.method == "POST" and form.is_valid():
        referral.case = case
        try:
            referrals.record_referral_outcome(
                referral,
                form.cleaned_data["outcome"],
                request.user,
                outcome_on=form.cleaned_data["outcome_on"],
            )
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The outcome is recorded."))
            return _case_redirect(case, f"referral-{referral.pk}")
    return _form_page(request, case, form, "counselling/referral_outcome.html", referral=referral)


@allow(CASE_WORK)
def exit_record(request: HttpRequest, code) -> HttpResponse:
    case = get_case(request.user, code, work=True)
    if case.is_closed:
        messages.error(request, _("This case is closed already."))
        return _case_redirect(case)
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcomes.record_exit(case, request.user, **form.cleaned_data)
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The exit is recorded and the case closed. A follow-up is due in six months."),
            )
            return _case_redirect(case, "exit")
    return _form_page(request, case, form, "counselling/exit_form.html")


@allow(CASE_WORK)
def follow_up(request: HttpRequest, code) -> HttpResponse:
    case = get_case(request.user, code, work=True, related=("follow_up", "participant__entry"))
    record = getattr(case, "follow_up", None)
    if record is None:
        raise Http404
    entry = getattr(case.participant, "entry", None)
    employed = entry is not None and entry.employment_status == EmploymentStatus.EMPLOYED
    form = FollowUpForm(request.POST or None, employed_at_entry=employed)
    if request.method == "POST" and form.is_valid():
        record.case = case
        try:
            outcomes.record_follow_up(
                record,
                request.user,
                done_on=form.cleaned_data["done_on"],
                in_employment=form.cleaned_data["in_employment"],
                improved_situation=form.cleaned_data.get("improved_situation", ""),
            )
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The follow-up is recorded."))
            return _case_redirect(case, "follow-up")
    return _form_page(request, case, form, "counselling/follow_up_form.html", follow_up=record)


@allow(CASE_WORK)
def case_share(request: HttpRequest, code) -> HttpResponse:
    case = get_case(request.user, code)
    if not cases.can_share(case, request.user):
        raise PermissionDenied
    form = ShareForm(request.POST or None, holder_id=case.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            sharing.share_case(
                case,
                form.cleaned_data["organisation"],
                request.user,
                kind=form.cleaned_data["kind"],
            )
        except CounsellingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case is shared."))
            return _case_redirect(case, "shares")
    return _form_page(request, case, form, "counselling/share_form.html")


@require_POST
@allow(CASE_WORK)
def share_end(request: HttpRequest, code, pk: int) -> HttpResponse:
    case = get_case(request.user, code)
    if not cases.can_share(case, request.user):
        raise PermissionDenied
    share = get_object_or_404(_unscoped(CaseShare).select_related("organisation"), case=case, pk=pk)
    share.case = case
    sharing.end_share(share, request.user)
    messages.success(
        request,
        _("The case is no longer shared with %(organisation)s.")
        % {"organisation": share.organisation},
    )
    return _case_redirect(case, "shares")
