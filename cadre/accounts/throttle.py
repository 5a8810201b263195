def username_from_request(request, credentials) -> str:
    """The account a sign-in attempt is counted against: the e-mail as sign-in compares it (case-insensitive).

    Without this, "Name@x.org" and "name@x.org" would each get their own allowance of failures.
    """
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(value).strip().lower()
