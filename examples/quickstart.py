"""Builds a request, prints its canonical JSON, and shows a validation error."""

import sys

from connect_session import ConnectSessionCreate, ValidationError
from connect_session import ConnectSessionCreateCategories as Category

req = ConnectSessionCreate(
    origin_owner_id="owner-8f3c2a",
    origin_owner_name="Acme Corporation",
    categories=[Category.ATS, Category.HRIS, Category.HRIS_LEGACY, Category.CRM],
    expires_in=1800,
    metadata={
        "source": "onboarding",
        "tenant": {"id": "t-42", "tier": "gold"},
        "tags": ["a", "b"],
        "retries": 3,
    },
    origin_username="jane.doe@acme.example",
    provider="hibob",
)
print(req.to_json())

parsed = ConnectSessionCreate.from_json(req.to_json())
if parsed != req:
    sys.exit("the request did not survive a JSON round trip")

try:
    ConnectSessionCreate.from_json(b'{"origin_owner_id":"o","categories":["hirs"]}')
except ValidationError as exc:  # also a ValueError
    print(exc, file=sys.stderr)  # one line per problem: loc: msg [type=slug]
    bad_fields = [e["loc"] for e in exc.errors()]  # [("categories", 0), ("origin_owner_name",)]
    print(f"fields to fix: {bad_fields}", file=sys.stderr)
