"""Builds a request, prints its canonical JSON, reads StackOne's answer, and shows a
validation error."""

import sys

from connect_session import ConnectSessionCreate, ConnectSessionTokenAuthLink, ValidationError
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

# StackOne's answer to the request: the session it made, and the link that opens the hub.
link = ConnectSessionTokenAuthLink.from_json(
    '{"account_id":"acc_4f2b9c1e7d3a",'
    '"auth_link_url":"https://hub.stackone.com/embedded/integrations?token=cst_8f3c2a9b1d",'
    '"categories":["ats","hris"],"created_at":"2024-12-02T04:42:35.999Z",'
    '"external_trigger_token":"ett_9b1c2d3e","id":123456,"integration_id":"int_01HX3QB7",'
    '"label":"Acme HRIS","metadata":{"source":"onboarding","tenant":{"id":"t-42"}},'
    '"organization_id":"org_01HX3Q9Z","origin_owner_id":"owner-8f3c2a",'
    '"origin_owner_name":"Acme Corporation","origin_username":"jane.doe@acme.example",'
    '"project_id":"proj_01HX3QA1","provider":"hibob","token":"cst_8f3c2a9b1d",'
    '"type":"production"}'
)
print(link.auth_link_url)

try:
    ConnectSessionCreate.from_json(b'{"origin_owner_id":"o","categories":["hirs"]}')
except ValidationError as exc:  # also a ValueError
    print(exc, file=sys.stderr)  # one line per problem: loc: msg [type=slug]
    bad_fields = [e["loc"] for e in exc.errors()]  # [("categories", 0), ("origin_owner_name",)]
    print(f"fields to fix: {bad_fields}", file=sys.stderr)
