"""Sending e-mail to many people one by one (meeting invitations, monitoring-round calls): one message per
recipient, so nobody sees the others' addresses; one connection for all; a failure for one recipient does not stop
the others and is reported with its reason; what the mail server accepted is handed back at once, so the caller
records it before the next message (a crash later never makes an accepted message be sent again)."""

import smtplib
from dataclasses import dataclass, field

from django.core.mail import get_connection

SEND_ERRORS = (smtplib.SMTPException, OSError, ValueError)


@dataclass
class Sending:
    """The outcome of one sending: who got the message, who could not be reached and why."""

    sent: list = field(default_factory=list)  # recipients (participations, focal points…)
    failed: list = field(default_factory=list)  # (recipient, reason)
    without_email: list = field(default_factory=list)  # recipients without an e-mail address
    skipped: list = field(default_factory=list)  # left out on purpose (e.g. written to recently)


def reason(error) -> str:
    return str(error) or error.__class__.__name__


def send_each(outcome: Sending, recipients, compose, on_sent) -> Sending:
    """compose(recipient) → an EmailMessage, or None for someone without an e-mail address; each accepted message
    calls on_sent(recipient). Errors of the mail library or server go into `outcome.failed`, never raised."""
    messages = []
    for recipient in recipients:
        try:
            message = compose(recipient)
        except SEND_ERRORS as error:  # e.g. an address the mail library refuses
            outcome.failed.append((recipient, reason(error)))
            continue
        if message is None:
            outcome.without_email.append(recipient)
        else:
            messages.append((recipient, message))
    if not messages:
        return outcome
    connection = get_connection()
    try:
        connection.open()
    except SEND_ERRORS as error:
        outcome.failed += [(recipient, reason(error)) for recipient, _message in messages]
        return outcome
    try:
        for recipient, message in messages:
            message.connection = connection
            try:
                message.send()
            except SEND_ERRORS as error:
                outcome.failed.append((recipient, reason(error)))
                continue
            outcome.sent.append(recipient)
            on_sent(recipient)
    finally:
        connection.close()
    return outcome
