"""Roles and what each may do. The single source of truth for workspace permissions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("secretariat")
    MEMBER = "member", _("member")
    EXPERT = "expert", _("expert")
    PARTNER = "partner", _("partner")
    OBSERVER = "observer", _("observer")


ALL = frozenset(Role)

# capability → roles that have it. Views ask for a capability, never for a role.
CAPABILITIES: dict[str, frozenset] = {
    "view": ALL,
    "manage_workspace": frozenset({Role.SECRETARIAT}),
    "manage_members": frozenset({Role.SECRETARIAT}),
    "edit_workplan": frozenset({Role.SECRETARIAT}),
    "view_history": frozenset({Role.SECRETARIAT}),
    "view_contacts": frozenset({Role.SECRETARIAT}),
    # Used by the apps built on this foundation (drafting, mapping, meetings):
    "draft": frozenset({Role.SECRETARIAT, Role.MEMBER}),
    "comment": frozenset({Role.SECRETARIAT, Role.MEMBER, Role.EXPERT, Role.PARTNER}),
    "suggest": frozenset({Role.SECRETARIAT, Role.MEMBER, Role.EXPERT, Role.PARTNER}),
    "run_sessions": frozenset({Role.SECRETARIAT, Role.EXPERT}),
    "manage_documents": frozenset({Role.SECRETARIAT}),  # structure, releases, adoption
    "sign_off": frozenset({Role.SECRETARIAT, Role.MEMBER}),  # a member for their institution; the secretariat for any
    "contribute_mapping": frozenset({Role.SECRETARIAT, Role.MEMBER, Role.PARTNER}),  # their institution's, see mapping
    "import_mapping": frozenset({Role.SECRETARIAT}),  # files, interviews, theme decisions
    "edit_plan": frozenset({Role.SECRETARIAT}),  # the results framework, costs, indicators, links, rounds
    # Focal points report indicator values and action statuses for their own institution (see planning):
    "report_monitoring": frozenset({Role.SECRETARIAT, Role.MEMBER, Role.PARTNER}),
    "validate_monitoring": frozenset({Role.SECRETARIAT}),  # validate and reopen reported values
    # Assessments: a person's own answers and scores, and the links that open them, are for the secretariat only;
    # everyone else sees aggregates of at least 3 people. Question banks and tests are run with run_sessions.
    "view_personal_results": frozenset({Role.SECRETARIAT}),
}

ROLE_DESCRIPTIONS = {
    Role.SECRETARIAT: _("Manages the workspace, its members and all content."),
    Role.MEMBER: _("Contributes, and drafts what is assigned to their institution."),
    Role.EXPERT: _("Comments, suggests and runs sessions; no administration."),
    Role.PARTNER: _("Contributes mapping data for their own institution and comments."),
    Role.OBSERVER: _("Reads everything in the workspace; changes nothing."),
}


def role_can(role: str, capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"Unknown capability {capability!r}")
    return role in CAPABILITIES[capability]
