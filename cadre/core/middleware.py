from django.conf import settings

from .audit import acting_as


class ContentSecurityPolicyMiddleware:
    """Sends one strict Content-Security-Policy: no inline script or style, nothing from other sites."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class AuditActorMiddleware:
    """Attributes every change made while serving a request to the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)
