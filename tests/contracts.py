"""Check real server output against the contracts in ``protocols/``.

The OpenAPI document's schemas are JSON Schema 2020-12 (OpenAPI 3.1), so
``jsonschema`` validates responses against the very document ``/openapi.json``
serves, looked up by path, method and status as a client would.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

PROTOCOLS = Path(__file__).resolve().parents[1] / "protocols"
OPENAPI_URI = "urn:fwbot:openapi"
WEBSOCKET_URI = "urn:fwbot:websocket"


@cache
def openapi() -> dict[str, Any]:
    return yaml.safe_load((PROTOCOLS / "openapi.yaml").read_text("utf-8"))


@cache
def websocket_schema() -> dict[str, Any]:
    return json.loads((PROTOCOLS / "websocket.schema.json").read_text("utf-8"))


@cache
def _registry() -> Registry:
    return Registry().with_resources([
        (OPENAPI_URI, Resource(contents=openapi(), specification=DRAFT202012)),
        (WEBSOCKET_URI, Resource(contents=websocket_schema(), specification=DRAFT202012)),
    ])


def _validate(ref: str, instance: Any) -> None:
    Draft202012Validator({"$ref": ref}, registry=_registry()).validate(instance)


def response_schema_ref(path: str, method: str, status: int) -> str:
    """The JSON pointer of the schema the document promises for this response."""
    response = openapi()["paths"][path][method.lower()]["responses"][str(status)]
    pointer = f"#/paths/{_escape(path)}/{method.lower()}/responses/{status}"
    if "$ref" in response:
        pointer = response["$ref"]
        response = openapi()["components"]["responses"][pointer.rsplit("/", 1)[1]]
    assert "application/json" in response["content"], f"{path} {status} is not JSON"
    return f"{OPENAPI_URI}{pointer}/content/application~1json/schema"


def _escape(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


def check_http(path: str, method: str, status: int, body: Any) -> None:
    """Validate a JSON response body against the OpenAPI operation it came from."""
    _validate(response_schema_ref(path, method, status), body)


def check_openapi_schema(name: str, instance: Any) -> None:
    """Validate against ``components/schemas/<name>``."""
    _validate(f"{OPENAPI_URI}#/components/schemas/{name}", instance)


def check_ws_server(message: Any) -> None:
    """Validate a message the WebSocket server sent."""
    _validate(f"{WEBSOCKET_URI}#/$defs/server", message)


def check_ws_client(message: Any) -> None:
    """Validate a message a client may send."""
    _validate(f"{WEBSOCKET_URI}#/$defs/client", message)
