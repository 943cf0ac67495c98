from typing import Any

from django.conf import settings
from django.http import HttpRequest


def hearth(request: HttpRequest) -> dict[str, Any]:
    return {"HEARTH_SYSTEM_NAME": settings.HEARTH_SYSTEM_NAME, "HEARTH_COC_CODE": settings.HEARTH_COC_CODE}
