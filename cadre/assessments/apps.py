from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "cadre.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from cadre.core.navigation import Panel, WorkspaceTab, register_panel, register_workspace_tab

        from .panels import email_link, meeting_tests

        register_workspace_tab(WorkspaceTab(_("Assessments"), "assessments:assessments", "assessments", order=50))
        # The meetings app renders the panels of "meetings.meeting" on a meeting's page.
        register_panel(
            Panel(
                place="meetings.meeting",
                template="assessments/includes/meeting_panel.html",
                build=meeting_tests,
                order=50,
            )
        )
        # …and those of "meetings.email" in its invitations and reminders.
        register_panel(
            Panel(place="meetings.email", template="assessments/email/personal_link.txt", build=email_link, order=50)
        )
