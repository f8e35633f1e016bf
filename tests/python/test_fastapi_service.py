"""examples/fastapi_service.py against a stub of StackOne's API: a real HTTP server on
127.0.0.1, which records what the service sends and answers what a test tells it to."""

from __future__ import annotations

import base64
import importlib.util
import json
import socket
import threading
from collections.abc import Iterator
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import NamedTuple, cast

import pytest
from fastapi.testclient import TestClient

from connect_session import ConnectSessionCreate, ValidationError
from support import REPO_ROOT, VECTORS_DIR

# What a client posts: keys out of order, white space, metadata whose numbers Python's json
# would change (the float 1.50) and an integer beyond 64 bits.
METADATA = '{"tenant":{"id":"t-42","plan":{"seats":12345678901234567890123,"price":1.50}}}'
BODY = (
    '{"origin_owner_name": "Acme", "origin_owner_id": "owner-1",\n'
    ' "metadata": ' + METADATA + ', "categories": ["hris", "ats"]}'
).encode()
# What StackOne must receive: the core's canonical JSON of it, written out by hand.
CANONICAL = (
    '{"categories":["hris","ats"],"metadata":' + METADATA + ","
    '"origin_owner_id":"owner-1","origin_owner_name":"Acme"}'
).encode()
# StackOne's answer: the reference vector with the same metadata and a key the model does not
# know yet. Canonical already, so the service must hand back these very bytes.
_REFERENCE = (VECTORS_DIR / "valid_token_auth_link_reference" / "input.json").read_text().rstrip()
_REFERENCE_METADATA = (
    '{"source":"onboarding","tenant":{"id":"t-42","tier":"gold","seats":250},'
    '"tags":["hr","payroll"],"retries":3}'
)
assert _REFERENCE.count(_REFERENCE_METADATA) == 1
assert _REFERENCE.endswith("}")
ANSWER = (_REFERENCE.replace(_REFERENCE_METADATA, METADATA)[:-1] + ',"zz_new":{"n":1.0}}').encode()

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")


def load_service() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fastapi_service", REPO_ROOT / "examples" / "fastapi_service.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SERVICE = load_service()


class Received(NamedTuple):
    method: str
    path: str
    headers: Message
    body: bytes


class Stub(ThreadingHTTPServer):
    """StackOne's API as far as the service uses it: every request is recorded and gets
    `reply` (status, body)."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), StubHandler)
        self.received: list[Received] = []
        self.reply: tuple[int, bytes] = (201, ANSWER)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class StubHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        stub = cast(Stub, self.server)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        stub.received.append(Received("POST", self.path, self.headers, body))
        status, content = stub.reply
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: object) -> None:
        pass  # pytest's output is for failures


@pytest.fixture
def stub() -> Iterator[Stub]:
    server = Stub()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def service_client(
    monkeypatch: pytest.MonkeyPatch, base_url: str, api_key: str | None
) -> TestClient:
    """A client of the service, configured as a user would: through the environment."""
    for name in PROXY_VARIABLES:  # the stub is local: no proxy of the machine's in between
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STACKONE_BASE_URL", base_url)
    if api_key is None:
        monkeypatch.delenv("STACKONE_API_KEY", raising=False)
    else:
        monkeypatch.setenv("STACKONE_API_KEY", api_key)
    return TestClient(SERVICE.app)


@pytest.fixture
def client(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with service_client(monkeypatch, stub.url, "key-123") as client:
        yield client


def post(client: TestClient, body: bytes) -> tuple[int, bytes, dict[str, str]]:
    response = client.post(
        "/connect_sessions", content=body, headers={"Content-Type": "application/json"}
    )
    return response.status_code, response.content, dict(response.headers)


def test_posts_the_canonical_json_and_answers_stackones_bytes(
    client: TestClient, stub: Stub
) -> None:
    status, content, headers = post(client, BODY)
    assert (status, content) == (201, ANSWER)
    assert headers["content-type"] == "application/json"
    assert b'"seats":12345678901234567890123,"price":1.50' in content
    [received] = stub.received
    assert (received.method, received.path, received.body) == (
        "POST",
        "/connect_sessions",
        CANONICAL,
    )
    assert received.headers["Content-Type"] == "application/json"
    assert received.headers["Authorization"] == "Basic " + base64.b64encode(b"key-123:").decode()


def test_without_an_api_key_sends_no_authorization(
    stub: Stub, monkeypatch: pytest.MonkeyPatch
) -> None:
    with service_client(monkeypatch, stub.url, None) as client:
        assert post(client, BODY)[:2] == (201, ANSWER)
    assert stub.received[0].headers["Authorization"] is None


def test_a_canonical_answer_is_written_whatever_stackone_sends(
    client: TestClient, stub: Stub
) -> None:
    stub.reply = (201, ANSWER.replace(b",", b",\n  "))
    assert post(client, BODY)[:2] == (201, ANSWER)


@pytest.mark.parametrize(
    "body",
    [
        b'{"origin_owner_id": 7, "categories": ["ats", "hirs"], "metadata": {"n": 1.50}}',
        b'{"origin_owner_id": "o", "origin_owner_name": "n", "metadata": {"a": 1, "a": 2}}',
        b'{"origin_owner_id": "o",',
    ],
)
def test_an_invalid_body_is_answered_422_with_the_core_errors(
    client: TestClient, stub: Stub, body: bytes
) -> None:
    with pytest.raises(ValidationError) as refused:
        ConnectSessionCreate.from_json(body)
    expected = [{**e, "loc": ["body", *e["loc"]]} for e in refused.value.errors()]
    status, content, _ = post(client, body)
    assert status == 422
    assert json.loads(content)["detail"] == expected
    assert stub.received == []


def test_the_422_lists_every_problem_in_the_core_order(client: TestClient) -> None:
    body = b'{"origin_owner_id": 7, "categories": ["ats", "hirs"]}'
    detail = client.post("/connect_sessions", content=body).json()["detail"]
    assert [(e["type"], e["loc"]) for e in detail] == [
        ("invalid_value", ["body", "categories", 1]),
        ("invalid_type", ["body", "origin_owner_id"]),
        ("missing_field", ["body", "origin_owner_name"]),
    ]


def test_an_answer_without_a_token_is_a_502(client: TestClient, stub: Stub) -> None:
    stub.reply = (201, ANSWER.replace(b',"token":', b',"not_token":'))
    response = client.post("/connect_sessions", content=BODY)
    assert response.status_code == 502
    assert response.json()["detail"] == {
        "msg": "StackOne API's answer is not a ConnectSessionTokenAuthLink",
        "errors": [{"type": "missing_field", "loc": ["token"], "msg": "field required"}],
    }


def test_an_error_status_from_stackone_is_a_502(client: TestClient, stub: Stub) -> None:
    stub.reply = (401, b'{"message":"Unauthorized"}')
    response = client.post("/connect_sessions", content=BODY)
    assert response.status_code == 502
    assert response.json()["detail"] == 'StackOne API answered 401: {"message":"Unauthorized"}'


def test_an_unreachable_api_is_a_502(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:  # a port nothing listens on once it is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with service_client(monkeypatch, f"http://127.0.0.1:{port}", "key-123") as client:
        response = client.post("/connect_sessions", content=BODY)
    assert response.status_code == 502
    assert response.json()["detail"].startswith("StackOne API: ConnectError(")


def test_the_openapi_document_names_the_answer() -> None:
    operation = SERVICE.app.openapi()["paths"]["/connect_sessions"]["post"]
    assert operation["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ConnectSessionTokenAuthLink"
    }
