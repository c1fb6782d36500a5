from rest_framework.renderers import JSONRenderer


class ProcuraJSONRenderer(JSONRenderer):
    """JSON for results; problem+json is chosen per response by the exception handler."""

    charset = "utf-8"
