"""ConnectSessionCreate as a field of a pydantic model, in the body of a FastAPI endpoint."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from connect_session import ConnectSessionCreate


class Body(BaseModel):
    session: ConnectSessionCreate  # an instance, a dict or JSON text, validated by the core
    note: str = ""


app = FastAPI()


@app.post("/connect_sessions")
def create(body: Body) -> Body:
    # body.session is a ConnectSessionCreate; body.model_dump() has its to_dict().
    return body


if __name__ == "__main__":
    client = TestClient(app)
    ok = client.post(
        "/connect_sessions",
        json={
            "session": {
                "origin_owner_id": "owner-1",
                "origin_owner_name": "Acme",
                "categories": ["stackOne"],
            }
        },
    )
    print(ok.status_code, ok.json())
    # Each problem the core finds is one item of FastAPI's 422 detail.
    bad = client.post(
        "/connect_sessions",
        json={"session": {"origin_owner_id": "owner-1", "categories": ["hirs"]}},
    )
    print(bad.status_code, [tuple(error["loc"]) for error in bad.json()["detail"]])
