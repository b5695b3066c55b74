"""The JSON response of the API's large answers (a timeline page, the map's points)."""

from __future__ import annotations

import json
from typing import Any

import orjson
from fastapi.responses import JSONResponse


class FastJSONResponse(JSONResponse):
    """JSON written by orjson (a timeline page is ~100 KB, the map's 5,000 points 3 MB:
    several times faster than the json module); what orjson refuses (a lone surrogate in a
    stored value) is written by the json module with non-ASCII characters escaped, which UTF-8
    can always carry."""

    def render(self, content: Any) -> bytes:
        try:
            return orjson.dumps(content)
        except TypeError:
            return json.dumps(content, separators=(",", ":")).encode("ascii")
