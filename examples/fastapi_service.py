"""A service that creates StackOne connect sessions: it takes a ConnectSessionCreate, posts it
to StackOne's API and answers with the ConnectSessionTokenAuthLink that StackOne returns.

Serve `app` with any ASGI server, from this directory: `pip install uvicorn`, then

    STACKONE_API_KEY=... uvicorn fastapi_service:app

STACKONE_BASE_URL points it at another API (a stub, a proxy); the default is StackOne's own.
A real service would set origin_owner_id and origin_owner_name from its signed-in user
(`session.replace(...)`) rather than take the client's word for them.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx2
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError

from connect_session import ConnectSessionCreate, ConnectSessionTokenAuthLink, ValidationError


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, httpx2.AsyncClient]]:
    # One client for the app's life, so that connections to the API are reused.
    api_key = os.environ.get("STACKONE_API_KEY")
    async with httpx2.AsyncClient(
        base_url=os.environ.get("STACKONE_BASE_URL", "https://api.stackone.com"),
        auth=(api_key, "") if api_key else None,  # StackOne: Basic auth, the key as user name
        timeout=10.0,
    ) as client:
        yield {"stackone": client}  # each request's request.state.stackone


app = FastAPI(lifespan=lifespan)


# The body is read by the core from its own bytes, not taken as a parameter: FastAPI would
# parse it with Python's json first, and metadata's 1.50 would reach StackOne as 1.5.
@app.post("/connect_sessions", status_code=201, response_model=ConnectSessionTokenAuthLink)
async def create_connect_session(request: Request) -> Response:
    try:
        session = ConnectSessionCreate.from_json(await request.body())
    except ValidationError as exc:
        # FastAPI's own 422 answer, with every problem the core found.
        errors = [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
        raise RequestValidationError(errors) from None

    stackone: httpx2.AsyncClient = request.state.stackone
    try:
        answer = await stackone.post(
            "/connect_sessions",
            content=session.to_json(),
            headers={"Content-Type": "application/json"},
        )
    except httpx2.HTTPError as exc:  # unreachable, timed out
        raise HTTPException(502, f"StackOne API: {exc!r}") from exc
    if answer.is_error:
        raise HTTPException(502, f"StackOne API answered {answer.status_code}: {answer.text}")
    try:
        link = ConnectSessionTokenAuthLink.from_json(answer.content)
    except ValidationError as exc:
        problem = "StackOne API's answer is not a ConnectSessionTokenAuthLink"
        raise HTTPException(502, {"msg": problem, "errors": exc.errors()}) from exc
    # The core's JSON as the answer: response_model documents it, but FastAPI's encoder would
    # write metadata's numbers from Python values (1.50 as 1.5).
    return Response(link.to_json(), status_code=201, media_type="application/json")
