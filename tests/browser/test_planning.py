"""The action plan's monitoring journey, end to end in real browsers: the secretariat reads the plan tree and opens
a monitoring round; the demo member, a focal point, reports on a phone the value of the one indicator their
institution is responsible for (with a decimal comma, and evidence) and never sees another institution's; the
secretariat validates it; the IPTT shows the value and its % achieved; the validated value is frozen for the
member, even through a form left open before the validation. The value is split by sex on the phone, and the
round's page shows the split. axe finds nothing serious on the tree, the reporting page (phone), the round page
and the IPTT.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

from cadre.directory.models import Institution
from cadre.planning.iptt import percent_achieved
from cadre.planning.models import Action, Indicator, Measurement, MonitoringRound, Objective, Plan, Target
from cadre.workspaces.models import Membership, Workspace

from .conftest import DESKTOP, PHONE, format_violations, french, french_in, horizontal_overflow, run_axe

MAIN = "niger-irregular-migration"
SECRETARIAT = "secretariat@demo.example.org"
MEMBER = "member@demo.example.org"
PLAN_SLUG = "snlmi-essai"
PLAN_TITLE = "Plan d'action de la SNLMI 2017-2021 (essai)"
AXIS_TITLE = "Prévention de la migration irrégulière (essai)"
ACTION_TITLE = "Former les agents aux contrôles aux frontières (essai)"
ROUND_TITLE = "Rapport annuel 2018 (essai)"
YEAR = 2018
# The member's indicator: from a baseline of 10 towards a target of 20; the focal point reports 12,5.
BASELINE, TARGET, REPORTED, REPORTED_TYPED = Decimal(10), Decimal(20), Decimal("12.5"), "12,5"
# (12.5 − 10) ÷ (20 − 10) × 100, by hand; the IPTT writes it with one decimal, the French way.
PERCENT, PERCENT_TEXT = Decimal(25), "25,0 %"
EVIDENCE = "Rapport annuel de la DGPN 2018, tableau 3 (essai)"
WOMEN, MEN = "5", "7"  # of the 12,5 reported: 0,5 unknown


@dataclass
class Planned:
    workspace: Workspace
    plan: Plan
    axis: Objective
    own_action: Action
    own_indicator: Indicator
    other_indicator: Indicator
    institution: Institution  # the member's


@pytest.fixture
def planned(site) -> Planned:
    """A compact plan of the main workspace: general objective → axis → specific objective → result → two actions;
    one indicator the demo member's institution is responsible for, one of another institution; targets for 2018."""
    workspace = Workspace.objects.get(slug=MAIN)
    member = Membership.objects.get(workspace=workspace, user__email=MEMBER)
    assert member.institution_id, "the demo member has no institution"
    other = Institution.objects.exclude(pk=member.institution_id).order_by("pk").first()
    theme = workspace.themes.order_by("order").first()
    plan = Plan.objects.create(
        workspace=workspace,
        slug=PLAN_SLUG,
        title_fr=PLAN_TITLE,
        title_en="SNLMI action plan 2017-2021 (test)",
        start_year=2017,
        end_year=2021,
        currency="XOF",
        status=Plan.Status.ADOPTED,
    )

    def objective(level, parent, code, title):
        return Objective.objects.create(plan=plan, level=level, parent=parent, code=code, title_fr=title, theme=theme)

    general = objective(Objective.Level.GENERAL, None, "OG", "Réduire la migration irrégulière (essai)")
    axis = objective(Objective.Level.AXIS, general, "1", AXIS_TITLE)
    specific = objective(Objective.Level.SPECIFIC, axis, "1.1", "Renforcer les contrôles (essai)")
    result = objective(Objective.Level.RESULT, specific, "1.1.1", "Les agents sont formés (essai)")
    own_action = Action.objects.create(
        plan=plan, result=result, code="1.1.1.1", title_fr=ACTION_TITLE, lead_institution=member.institution
    )
    other_action = Action.objects.create(
        plan=plan,
        result=result,
        code="1.1.1.2",
        title_fr="Équiper les postes frontières (essai)",
        lead_institution=other,
    )
    own_indicator = Indicator.objects.create(
        workspace=workspace,
        plan=plan,
        objective=result,
        code="I-1",
        definition_fr="Nombre d'agents formés aux contrôles (essai)",
        unit="agents",
        baseline_value=BASELINE,
        baseline_year=2016,
        responsible_institution=member.institution,
        disaggregation=["sex"],
    )
    other_indicator = Indicator.objects.create(
        workspace=workspace,
        plan=plan,
        action=other_action,
        code="I-2",
        definition_fr="Nombre de postes frontières équipés (essai)",
        unit="postes",
        baseline_value=Decimal(2),
        responsible_institution=other,
    )
    for indicator, value in ((own_indicator, TARGET), (other_indicator, Decimal(6))):
        Target.objects.create(
            indicator=indicator, period_start=date(YEAR, 1, 1), period_end=date(YEAR, 12, 31), value=value
        )
    return Planned(workspace, plan, axis, own_action, own_indicator, other_indicator, member.institution)


# --- helpers -----------------------------------------------------------------------------------------------


def _axe(site, page, where, viewport=DESKTOP):
    """axe on the page's address, in a context that bypasses the CSP (axe is injected inline) with its cookies."""
    checker = site.new_page(viewport, bypass_csp=True)
    checker.context.add_cookies(page.context.cookies())
    checker.goto(page.url)
    violations = run_axe(checker)
    checker.context.close()
    site.contexts.remove(checker.context)
    assert not violations, format_violations(where, violations)


def _field(scope, label):
    """The field labelled exactly `label` (any case), whether or not the label carries the "required" star."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s*\*)?\s*$", re.IGNORECASE))


def _fits(page, where):
    width, window = horizontal_overflow(page)
    assert width <= window, f"{where} scrolls sideways: {width} px in a {window} px window"


# --- the journey ---------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_monitoring_round_end_to_end(site, planned, console_log):
    assert percent_achieved(REPORTED, BASELINE, TARGET) == PERCENT  # the hand computation agrees with the rule
    plan_url = f"{site.url}/w/{MAIN}/plan/{PLAN_SLUG}/"
    desk_context = site.new_context(DESKTOP)
    desk_log = console_log(desk_context)
    desk = desk_context.new_page()
    site.sign_in(desk, SECRETARIAT)

    # 1. The secretariat, on a laptop, finds the plan among the workspace's plans and reads its tree.
    desk.goto(f"{site.url}/w/{MAIN}/plan/")
    expect(desk.get_by_role("heading", level=1)).to_have_text(french("Action plans"))
    desk.get_by_role("link", name=PLAN_TITLE).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)
    axis = desk.locator(f"#o{planned.axis.pk}")
    expect(axis.locator("summary").first).to_contain_text(AXIS_TITLE)
    expect(axis.locator("summary").first).to_contain_text(capfirst(french("strategic axis")))
    expect(axis.get_by_role("link", name=f"1.1.1.1 {ACTION_TITLE}")).to_be_visible()
    _axe(site, desk, "the plan tree")

    # 2. …and opens the 2018 monitoring round through the form.
    desk.goto(f"{plan_url}rounds/")
    expect(desk.get_by_role("heading", level=1)).to_have_text(french("Monitoring rounds"))
    desk.get_by_role("link", name=french("Open a round")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(french("New monitoring round"))
    _field(desk, french("title (French)")).fill(ROUND_TITLE)
    _field(desk, french("title (English)")).fill("2018 annual report (test)")
    _field(desk, french("period start")).fill(f"{YEAR}-01-01")
    _field(desk, french("period end")).fill(f"{YEAR}-12-31")
    _field(desk, french("reports due")).fill(f"{YEAR + 1}-03-31")
    desk.get_by_role("button", name=french("Save")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(ROUND_TITLE)
    round_ = MonitoringRound.objects.get(plan=planned.plan, title_fr=ROUND_TITLE)
    assert (round_.period_start, round_.period_end, round_.status) == (
        date(YEAR, 1, 1),
        date(YEAR, 12, 31),
        MonitoringRound.Status.OPEN,
    )
    round_url = desk.url

    # 3. The member, a focal point, on a phone: from the rounds to the round to the reporting page.
    phone_context = site.new_context(PHONE)
    phone_log = console_log(phone_context)
    phone = phone_context.new_page()
    site.sign_in(phone, MEMBER)
    phone.goto(f"{plan_url}rounds/")
    phone.get_by_role("link", name=ROUND_TITLE).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(ROUND_TITLE)
    phone.get_by_role("link", name=french("Report"), exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(ROUND_TITLE)
    own = phone.locator(f"#indicator-{planned.own_indicator.pk}")
    expect(own).to_contain_text(planned.own_indicator.definition_fr)
    # Only their institution's indicator: the other one is nowhere on the page, nor its action.
    expect(phone.locator(f"#indicator-{planned.other_indicator.pk}")).to_have_count(0)
    expect(phone.locator("main")).not_to_contain_text(planned.other_indicator.definition_fr)
    expect(phone.locator("article.report-item[id^=indicator-]")).to_have_count(1)
    expect(phone.locator(f"#action-{planned.own_action.pk}")).to_contain_text(ACTION_TITLE)
    _fits(phone, "the reporting page on a phone")
    _axe(site, phone, "the reporting page (phone)", PHONE)

    _field(own, french("value")).fill(REPORTED_TYPED)
    _field(own, french("evidence")).fill(EVIDENCE)
    # The indicator is disaggregated by sex: the focal point splits the 12,5 as they can (the rest is unknown).
    _field(own, capfirst(french("women"))).fill(WOMEN)
    _field(own, capfirst(french("men"))).fill(MEN)
    own.get_by_role("button", name=french("Submit"), exact=True).click()
    expect(phone.locator("main")).to_contain_text(
        french("The value of “%(code)s” was submitted.") % {"code": planned.own_indicator.code}
    )
    measurement = Measurement.objects.get(indicator=planned.own_indicator)
    split = dict(measurement.breakdown.filter(dimension="sex").values_list("category", "value"))
    assert split == {"female": Decimal(WOMEN), "male": Decimal(MEN)}
    assert (measurement.value, measurement.status, measurement.evidence, measurement.round_id) == (
        REPORTED,
        Measurement.Status.SUBMITTED,
        EVIDENCE,
        round_.pk,
    )
    assert measurement.reported_by.email == MEMBER
    assert not Measurement.objects.filter(indicator=planned.other_indicator).exists()

    # 4. The secretariat validates the value on the round's page.
    desk.goto(round_url)
    row = desk.locator(f"#value-{measurement.pk}")
    expect(row).to_contain_text(REPORTED_TYPED)
    expect(row).to_contain_text(EVIDENCE)
    expect(row).to_contain_text(french(Measurement.Status.SUBMITTED.label))
    expect(row).to_contain_text(f"{french_in('women, short', 'F')} {WOMEN}")
    expect(row).to_contain_text(f"{french_in('men, short', 'M')} {MEN}")
    row.get_by_role("button", name=french("Validate"), exact=True).click()
    expect(desk.locator("main")).to_contain_text(french("The value was validated."))
    expect(desk.locator(f"#value-{measurement.pk}")).to_contain_text(french(Measurement.Status.VALIDATED.label))
    measurement.refresh_from_db()
    assert measurement.status == Measurement.Status.VALIDATED and measurement.validated_by.email == SECRETARIAT
    # The secretariat's round page lists the focal points, the member among them, with what is still missing.
    expect(desk.locator("main")).to_contain_text(french("Focal points"))
    _axe(site, desk, "the round page")

    # 5. The IPTT shows the value and the share of the way from the baseline to the target.
    desk.get_by_role("link", name=french("Indicator tracking (IPTT)")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(french("Indicator tracking (IPTT)"))
    iptt_row = desk.locator("table.iptt tbody tr").filter(has_text=planned.own_indicator.definition_fr)
    expect(iptt_row).to_have_count(1)
    expect(iptt_row.locator(f'td[data-label="{french_in("indicator value", "Actual")}"]')).to_have_text(REPORTED_TYPED)
    expect(iptt_row.locator(f'td[data-label="{french("% achieved")}"]')).to_have_text(PERCENT_TEXT)
    expect(iptt_row.locator(f'td[data-label="{french("Target")}"]')).to_have_text("20")
    expect(iptt_row.locator(f'td[data-label="{french("Status")}"]')).to_have_text(french("off track"))
    _axe(site, desk, "the IPTT")

    # 6. The member can no longer change the validated value. Their page, still open since they submitted, has a
    # stale form: sending a new figure through it is refused (400) and the page now shows the value frozen.
    own = phone.locator(f"#indicator-{planned.own_indicator.pk}")
    _field(own, french("value")).fill("99")
    with phone.expect_response(lambda response: response.request.method == "POST") as refused:
        own.get_by_role("button", name=french("Submit"), exact=True).click()
    assert refused.value.status == 400, refused.value.status
    own = phone.locator(f"#indicator-{planned.own_indicator.pk}")
    expect(own).to_contain_text(french("Validated value:"))
    expect(own).to_contain_text(french("It can change only after the secretariat reopens it."))
    # …and says why the figure was not taken.
    expect(own.get_by_role("alert")).to_contain_text(
        french("This value is validated: the secretariat must reopen it before it can change.")
    )
    expect(phone.locator("main")).not_to_contain_text(
        french("The value of “%(code)s” was submitted.") % {"code": planned.own_indicator.code}
    )
    measurement.refresh_from_db()
    assert (measurement.value, measurement.status) == (REPORTED, Measurement.Status.VALIDATED)
    # Afresh, the page offers no form for it at all, only the validated figure.
    phone.goto(f"{plan_url}rounds/{round_.pk}/report/")
    own = phone.locator(f"#indicator-{planned.own_indicator.pk}")
    expect(own).to_contain_text(french("Validated value:"))
    expect(own).to_contain_text(REPORTED_TYPED)
    expect(own).to_contain_text(french("It can change only after the secretariat reopens it."))
    expect(own.locator("form")).to_have_count(0)
    expect(own.get_by_role("textbox")).to_have_count(0)

    # Nothing went wrong in the pages, apart from the refused report's expected 400.
    errors = [text for text in desk_log.errors() + phone_log.errors() if "status of 400" not in text]
    assert not errors, errors
