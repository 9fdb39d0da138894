"""hubspot-api-client 12 against the fake HubSpot, unmodified but for the base URL."""

import http.client
import http.server
import json
import os
import threading
import time
import urllib.parse
import uuid

import pytest

hubspot = pytest.importorskip("hubspot")
from hubspot.crm.associations.v4 import AssociationSpec as V4AssociationSpec  # noqa: E402
from hubspot.crm.contacts import (  # noqa: E402
    ApiException,
    BatchInputSimplePublicObjectBatchInputForCreate,
    Filter,
    FilterGroup,
    PublicObjectSearchRequest,
    SimplePublicObjectInput,
    SimplePublicObjectInputForCreate,
)
from hubspot.crm.objects.calls import AssociationSpec as CallAssociationSpec  # noqa: E402
from hubspot.crm.objects.calls import PublicAssociationsForObject, PublicObjectId  # noqa: E402
from hubspot.crm.objects.calls import SimplePublicObjectInputForCreate as CallInput  # noqa: E402
from hubspot.utils.signature import InvalidSignatureTimestampError, Signature  # noqa: E402
from hubspot.webhooks import (  # noqa: E402
    BatchInputSubscriptionBatchUpdateRequest,
    SettingsChangeRequest,
    SubscriptionBatchUpdateRequest,
    SubscriptionCreateRequest,
    SubscriptionPatchRequest,
    ThrottlingSettings,
)
from hubspot.webhooks import ApiException as WebhooksApiException  # noqa: E402
from search_index import eventually, search_index_delay  # noqa: E402

BASE = os.environ.get("FAKE_HUBSPOT_URL")
CLIENT_ID = os.environ.get("FAKE_HUBSPOT_CLIENT_ID")
CLIENT_SECRET = os.environ.get("FAKE_HUBSPOT_CLIENT_SECRET")
APP_ID = int(os.environ.get("FAKE_HUBSPOT_APP_ID") or 0)
DEVELOPER_API_KEY = os.environ.get("FAKE_HUBSPOT_DEVELOPER_API_KEY")
REDIRECT = "http://127.0.0.1:9/oauth/callback"
SCOPES = "oauth crm.objects.contacts.read crm.objects.contacts.write"

pytestmark = pytest.mark.skipif(not BASE, reason="FAKE_HUBSPOT_URL is not set; run Tests/Compatibility/run.sh")


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def raw(method, path, body=None, headers=None):
    """One request to the fake without the SDK: (status, headers, body text)."""
    url = urllib.parse.urlsplit(BASE)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    answer = (response.status, dict(response.getheaders()), response.read().decode())
    connection.close()
    return answer


def authorize(scope=SCOPES, state="st-1", deny=False, hub_id=None):
    query = {"client_id": CLIENT_ID, "redirect_uri": REDIRECT, "scope": scope, "state": state}
    if deny:
        query["fake_consent"] = "deny"
    if hub_id:
        query["hub_id"] = str(hub_id)
    status, headers, _ = raw("GET", "/oauth/authorize?" + urllib.parse.urlencode(query))
    assert status == 302
    location = headers.get("Location") or headers.get("location")
    assert location.startswith(REDIRECT)
    return urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)


def exchange(code):
    client = hubspot.HubSpot(host=BASE)
    return client.oauth.tokens_api.create(
        grant_type="authorization_code",
        code=code,
        redirect_uri=REDIRECT,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )


def client_for(scope=SCOPES, hub_id=None):
    tokens = exchange(authorize(scope=scope, hub_id=hub_id)["code"][0])
    return hubspot.HubSpot(host=BASE, access_token=tokens.access_token)


@pytest.fixture(scope="module")
def client():
    return client_for()


def error_body(error):
    return json.loads(error.body)


# OAuth


def test_authorize_redirects_with_code_and_state():
    params = authorize(state="abc 123")
    assert params["state"] == ["abc 123"]
    assert len(params["code"][0]) > 10


def test_denied_consent_redirects_with_access_denied():
    params = authorize(deny=True, state="s9")
    assert params["error"] == ["access_denied"]
    assert params["state"] == ["s9"]
    assert "code" not in params


def test_token_exchange_and_refresh():
    tokens = exchange(authorize()["code"][0])
    assert tokens.token_type == "bearer"
    assert tokens.expires_in == 1800
    assert tokens.refresh_token.startswith("na1-")

    client = hubspot.HubSpot(host=BASE)
    refreshed = client.oauth.tokens_api.create(
        grant_type="refresh_token",
        refresh_token=tokens.refresh_token,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )
    assert refreshed.access_token != tokens.access_token
    info = client.oauth.access_tokens_api.get(refreshed.access_token)
    assert info.hub_id == 62515
    assert "crm.objects.contacts.write" in info.scopes
    assert info.token_type == "access"
    assert 0 < info.expires_in <= 1800


def test_client_credentials_give_an_access_token_that_writes():
    tokens = hubspot.HubSpot(host=BASE).oauth.tokens_api.create(
        grant_type="client_credentials", client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    )
    assert tokens.token_type == "bearer"
    assert tokens.refresh_token is None
    client = hubspot.HubSpot(host=BASE, access_token=tokens.access_token)
    email = unique("cc") + "@example.com"
    contact = client.crm.contacts.basic_api.create(SimplePublicObjectInputForCreate(properties={"email": email}))
    assert contact.properties["email"] == email


def test_code_is_single_use_and_forged_secrets_are_refused():
    code = authorize()["code"][0]
    client = hubspot.HubSpot(host=BASE)
    with pytest.raises(Exception) as wrong_secret:
        client.oauth.tokens_api.create(
            grant_type="authorization_code", code=code, redirect_uri=REDIRECT, client_id=CLIENT_ID,
            client_secret="forged",
        )
    assert wrong_secret.value.status == 400
    assert error_body(wrong_secret.value)["status"] == "BAD_CLIENT_SECRET"

    exchange(code)
    with pytest.raises(Exception) as reused:
        exchange(code)
    assert reused.value.status == 400
    assert error_body(reused.value)["status"] == "BAD_AUTH_CODE"
    assert error_body(reused.value)["error"] == "invalid_grant"


def test_unknown_refresh_token_is_refused():
    client = hubspot.HubSpot(host=BASE)
    with pytest.raises(Exception) as refused:
        client.oauth.tokens_api.create(
            grant_type="refresh_token", refresh_token="na1-not-a-token", client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
        )
    assert refused.value.status == 400
    assert error_body(refused.value) | {"correlationId": None} == {
        "status": "BAD_REFRESH_TOKEN",
        "message": "missing or invalid refresh token",
        "error": "invalid_grant",
        "error_description": "missing or invalid refresh token",
        "correlationId": None,
    }


def test_bad_token_is_refused_with_401():
    client = hubspot.HubSpot(host=BASE, access_token="CO-not-a-token")
    with pytest.raises(ApiException) as refused:
        client.crm.contacts.basic_api.get_page()
    assert refused.value.status == 401
    body = error_body(refused.value)
    assert body["status"] == "error"
    assert body["category"] == "INVALID_AUTHENTICATION"
    assert body["correlationId"]


def test_missing_scope_is_refused_with_403():
    reader = client_for(scope="oauth crm.objects.contacts.read")
    with pytest.raises(ApiException) as refused:
        reader.crm.contacts.basic_api.create(SimplePublicObjectInputForCreate(properties={"email": "x@example.com"}))
    assert refused.value.status == 403
    assert error_body(refused.value)["category"] == "MISSING_SCOPES"


# CRM objects


def test_contact_create(client):
    email = unique("ada") + "@example.com"
    contact = client.crm.contacts.basic_api.create(
        SimplePublicObjectInputForCreate(properties={"email": email, "firstname": "Ada", "lastname": "Lovelace"})
    )
    assert contact is not None, "a create must answer 201 or the SDK returns nothing"
    assert contact.id.isdigit()
    assert contact.properties["email"] == email
    assert contact.properties["hs_object_id"] == contact.id
    assert contact.created_at is not None and contact.archived is False

    fetched = client.crm.contacts.basic_api.get_by_id(contact.id, properties=["email", "firstname"])
    assert fetched.properties == {"email": email, "firstname": "Ada"}

    updated = client.crm.contacts.basic_api.update(contact.id, SimplePublicObjectInput(properties={"lastname": "King"}))
    assert updated.properties["lastname"] == "King"

    with pytest.raises(ApiException) as duplicate:
        client.crm.contacts.basic_api.create(SimplePublicObjectInputForCreate(properties={"email": email}))
    assert duplicate.value.status == 409
    assert error_body(duplicate.value)["message"] == f"Contact already exists. Existing ID: {contact.id}"

    client.crm.contacts.basic_api.archive(contact.id)
    with pytest.raises(ApiException) as gone:
        client.crm.contacts.basic_api.get_by_id(contact.id)
    assert gone.value.status == 404


def test_malformed_input_gets_hubspot_validation_error(client):
    with pytest.raises(ApiException) as bad:
        client.crm.contacts.basic_api.create(SimplePublicObjectInputForCreate(properties={"email": "not-an-email"}))
    assert bad.value.status == 400
    assert error_body(bad.value)["category"] == "VALIDATION_ERROR"
    status, _, body = raw(
        "POST", "/crm/v3/objects/contacts", body="{nope",
        headers={"Authorization": f"Bearer {client.access_token}", "Content-Type": "application/json"},
    )
    assert status == 400
    assert json.loads(body)["message"].startswith("Invalid input JSON on line 1, column 2")


def test_batch_create(client):
    tag = unique("batch")
    inputs = [{"properties": {"email": f"{tag}-{n}@example.com", "firstname": f"B{n}"}} for n in range(3)]
    result = client.crm.contacts.batch_api.create(BatchInputSimplePublicObjectBatchInputForCreate(inputs=inputs))
    assert result is not None, "a batch create must answer 201"
    assert result.status == "COMPLETE"
    assert sorted(r.properties["email"] for r in result.results) == sorted(i["properties"]["email"] for i in inputs)

    too_many = [{"properties": {"email": f"{tag}-x{n}@example.com"}} for n in range(101)]
    with pytest.raises(ApiException) as refused:
        client.crm.contacts.batch_api.create(BatchInputSimplePublicObjectBatchInputForCreate(inputs=too_many))
    assert refused.value.status == 400
    assert error_body(refused.value)["category"] == "VALIDATION_ERROR"


def test_search(client):
    tag = unique("srch")
    for n, name in enumerate(["Grace", "Alan", "Grace"]):
        client.crm.contacts.basic_api.create(
            SimplePublicObjectInputForCreate(properties={"email": f"{tag}-{n}@example.com", "firstname": name})
        )
    request = PublicObjectSearchRequest(
        filter_groups=[
            FilterGroup(filters=[
                Filter(property_name="email", operator="CONTAINS_TOKEN", value=f"{tag}-*"),
                Filter(property_name="firstname", operator="EQ", value="grace"),
            ])
        ],
        sorts=["email"],
        properties=["email", "firstname"],
        limit=1,
    )
    page = eventually(lambda: (found := client.crm.contacts.search_api.do_search(request)).total == 2 and found)
    assert page.results[0].properties["email"] == f"{tag}-0@example.com"
    assert page.paging.next.after == "1"
    request.after = page.paging.next.after
    second = client.crm.contacts.search_api.do_search(request)
    assert second.results[0].properties["email"] == f"{tag}-2@example.com"
    assert second.paging is None


def test_search_sees_a_new_contact_only_after_the_index_delay(client):
    email = f"{unique('lag')}@example.com"
    request = PublicObjectSearchRequest(
        filter_groups=[FilterGroup(filters=[Filter(property_name="email", operator="EQ", value=email)])]
    )
    with search_index_delay(BASE, "2s"):
        created = client.crm.contacts.basic_api.create(SimplePublicObjectInputForCreate(properties={"email": email}))
        returned = time.monotonic()
        assert client.crm.contacts.search_api.do_search(request).total == 0
        assert client.crm.contacts.basic_api.get_by_id(created.id).properties["email"] == email
        found = eventually(lambda: client.crm.contacts.search_api.do_search(request).results)
        assert time.monotonic() - returned >= 1.8
    assert [result.id for result in found] == [created.id]


def test_get_page_and_get_all(client):
    fresh = client_for(hub_id=7000 + int(time.time()) % 1000)
    for n in range(5):
        fresh.crm.contacts.basic_api.create(SimplePublicObjectInputForCreate(properties={"email": f"p{n}@example.com"}))
    first = fresh.crm.contacts.basic_api.get_page(limit=2)
    assert len(first.results) == 2
    after = first.paging.next.after
    second = fresh.crm.contacts.basic_api.get_page(limit=2, after=after)
    assert [r.id for r in second.results] != [r.id for r in first.results]
    everyone = fresh.crm.contacts.get_all()
    assert len(everyone) == 5
    data, status, headers = fresh.crm.contacts.basic_api.get_page_with_http_info(limit=1)
    assert status == 200
    assert headers["X-HubSpot-RateLimit-Interval-Milliseconds"] == "10000"
    assert int(headers["X-HubSpot-RateLimit-Remaining"]) < int(headers["X-HubSpot-RateLimit-Max"])
    assert "X-HubSpot-RateLimit-Daily-Remaining" in headers


def test_call_with_association(client):
    contact = client.crm.contacts.basic_api.create(
        SimplePublicObjectInputForCreate(properties={"email": unique("caller") + "@example.com"})
    )
    call = client.crm.objects.calls.basic_api.create(
        CallInput(
            properties={
                "hs_timestamp": "2025-05-01T10:00:00.000Z",
                "hs_call_title": "Voice agent call",
                "hs_call_direction": "OUTBOUND",
                "hs_call_duration": "38000",
                "hs_call_status": "COMPLETED",
            },
            associations=[
                PublicAssociationsForObject(
                    to=PublicObjectId(id=contact.id),
                    types=[CallAssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=194)],
                )
            ],
        )
    )
    assert call is not None
    assert call.properties["hs_call_title"] == "Voice agent call"

    fetched = client.crm.objects.calls.basic_api.get_by_id(call.id, associations=["contacts"])
    assert [a.id for a in fetched.associations["contacts"].results] == [contact.id]

    listed = client.crm.associations.v4.basic_api.get_page("contacts", contact.id, "calls")
    assert [str(r.to_object_id) for r in listed.results] == [call.id]
    assert listed.results[0].association_types[0].type_id == 193

    with pytest.raises(Exception) as missing_timestamp:
        client.crm.objects.calls.basic_api.create(CallInput(properties={"hs_call_title": "no time"}))
    assert missing_timestamp.value.status == 400

    note = client.crm.objects.notes.basic_api.create(
        hubspot.crm.objects.notes.SimplePublicObjectInputForCreate(
            properties={"hs_timestamp": "2025-05-01T10:01:00Z", "hs_note_body": "Summary"}
        )
    )
    pair = client.crm.associations.v4.basic_api.create(
        "notes", note.id, "contacts", contact.id,
        [V4AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=202)],
    )
    assert pair is not None, "a v4 association create must answer 201"
    assert str(pair.to_object_id) == contact.id


# Webhooks


class Receiver(http.server.ThreadingHTTPServer):
    """A webhook receiver that fails the first `failures` posts with 500 and keeps every request."""

    def __init__(self, failures=0):
        self.requests = []
        self.failures = failures
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), ReceiverHandler)


class ReceiverHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with self.server.lock:
            headers = {name.lower(): value for name, value in self.headers.items()}
            self.server.requests.append((self.path, headers, body))
            fail = len(self.server.requests) <= self.server.failures
        self.send_response(500 if fail else 204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(request):
    server = Receiver(failures=getattr(request, "param", 0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def subscribe(event_type, target):
    status, _, body = raw(
        "POST", "/__fake/subscriptions", body=json.dumps({"eventType": event_type, "targetUrl": target}),
        headers={"Content-Type": "application/json"},
    )
    assert status == 201, body
    return json.loads(body)["id"]


def unsubscribe(subscription):
    raw("DELETE", f"/__fake/subscriptions/{subscription}")


def wait_for(receiver, count, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with receiver.lock:
            if len(receiver.requests) >= count:
                return list(receiver.requests)
        time.sleep(0.05)
    raise AssertionError(f"expected {count} webhook posts, got {len(receiver.requests)}")


def test_webhook_signatures_pass_hubspots_own_check(client, receiver):
    target = f"http://127.0.0.1:{receiver.server_port}/hubspot/webhooks?source=canary"
    subscription = subscribe("contact.creation", target)
    try:
        contact = client.crm.contacts.basic_api.create(
            SimplePublicObjectInputForCreate(properties={"email": unique("hook") + "@example.com"})
        )
        path, headers, body = wait_for(receiver, 1)[0]
    finally:
        unsubscribe(subscription)
    events = json.loads(body)
    assert isinstance(events, list) and events[0]["objectId"] == int(contact.id)
    assert events[0]["subscriptionType"] == "contact.creation" and events[0]["attemptNumber"] == 0
    assert path == "/hubspot/webhooks?source=canary"
    text = body.decode()
    timestamp = headers["x-hubspot-request-timestamp"]
    v3 = headers["x-hubspot-signature-v3"]
    assert Signature.is_valid(v3, CLIENT_SECRET, text, http_uri=target, signature_version="v3", timestamp=timestamp)
    assert headers["x-hubspot-signature-version"] == "v1"
    assert Signature.is_valid(headers["x-hubspot-signature"], CLIENT_SECRET, text, signature_version="v1")

    # Forged: another body, another secret, another URI.
    forged = text.replace(contact.id, "1")
    assert not Signature.is_valid(v3, CLIENT_SECRET, forged, http_uri=target, signature_version="v3", timestamp=timestamp)
    assert not Signature.is_valid(v3, "wrong", text, http_uri=target, signature_version="v3", timestamp=timestamp)
    assert not Signature.is_valid(headers["x-hubspot-signature"], CLIENT_SECRET, forged, signature_version="v1")
    # Stale: a timestamp older than five minutes.
    with pytest.raises(InvalidSignatureTimestampError):
        Signature.is_valid(v3, CLIENT_SECRET, text, http_uri=target, signature_version="v3",
                           timestamp=str(int(timestamp) - 301_000))


@pytest.mark.parametrize("receiver", [2], indirect=True)
def test_failed_webhooks_are_retried_with_attempt_number(client, receiver):
    target = f"http://127.0.0.1:{receiver.server_port}/retry"
    subscription = subscribe("contact.creation", target)
    try:
        client.crm.contacts.basic_api.create(
            SimplePublicObjectInputForCreate(properties={"email": unique("retry") + "@example.com"})
        )
        posts = wait_for(receiver, 3, timeout=20)
    finally:
        unsubscribe(subscription)
    attempts = [json.loads(body)[0]["attemptNumber"] for _, _, body in posts[:3]]
    assert attempts == [0, 1, 2]
    event_ids = {json.loads(body)[0]["eventId"] for _, _, body in posts[:3]}
    assert len(event_ids) == 1
    for _, headers, body in posts[:3]:
        assert Signature.is_valid(
            headers["x-hubspot-signature-v3"], CLIENT_SECRET, body.decode(), http_uri=target,
            signature_version="v3", timestamp=headers["x-hubspot-request-timestamp"],
        )


# Webhooks v3 management API, with the developer API key


@pytest.fixture
def developer():
    """A client with the developer API key; forgets the app's webhook settings and subscriptions afterwards."""
    client = hubspot.HubSpot(host=BASE, api_key=DEVELOPER_API_KEY)
    yield client
    client.webhooks.settings_api.clear(APP_ID)
    for subscription in client.webhooks.subscriptions_api.get_all(APP_ID).results:
        client.webhooks.subscriptions_api.archive(subscription.id, APP_ID)


def test_webhook_settings_round_trip(developer):
    settings = developer.webhooks.settings_api
    configured = settings.configure(
        APP_ID,
        SettingsChangeRequest(
            target_url="https://example.com/hubspot/webhooks",
            throttling=ThrottlingSettings(max_concurrent_requests=10),
        ),
    )
    assert configured is not None, "a settings PUT must answer 200"
    assert configured.target_url == "https://example.com/hubspot/webhooks"
    assert configured.throttling.max_concurrent_requests == 10
    assert configured.created_at is not None
    fetched = settings.get_all(APP_ID)
    assert fetched.target_url == configured.target_url
    assert fetched.created_at == configured.created_at

    data, status, _ = settings.clear_with_http_info(APP_ID)
    assert status == 204
    with pytest.raises(WebhooksApiException) as gone:
        settings.get_all(APP_ID)
    assert gone.value.status == 404


def test_webhook_subscriptions_crud_and_batch_update(developer):
    subscriptions = developer.webhooks.subscriptions_api
    creation = subscriptions.create(APP_ID, SubscriptionCreateRequest(event_type="contact.creation", active=True))
    assert creation is not None, "a subscription create must answer 201"
    assert creation.id.isdigit() and creation.active is True and creation.created_at is not None
    change = subscriptions.create(
        APP_ID, SubscriptionCreateRequest(event_type="contact.propertyChange", property_name="email")
    )
    assert change.property_name == "email" and change.active is False

    listed = subscriptions.get_all(APP_ID)
    assert [s.id for s in listed.results] == [creation.id, change.id]
    assert subscriptions.get_by_id(change.id, APP_ID).event_type == "contact.propertyChange"
    patched = subscriptions.update(creation.id, APP_ID, SubscriptionPatchRequest(active=False))
    assert patched.active is False

    batch = subscriptions.update_batch(
        APP_ID,
        BatchInputSubscriptionBatchUpdateRequest(
            inputs=[
                SubscriptionBatchUpdateRequest(id=int(creation.id), active=True),
                SubscriptionBatchUpdateRequest(id=int(change.id), active=True),
            ]
        ),
    )
    assert batch is not None and batch.status == "COMPLETE"
    assert {s.id: s.active for s in batch.results} == {creation.id: True, change.id: True}
    partial = subscriptions.update_batch(
        APP_ID,
        BatchInputSubscriptionBatchUpdateRequest(
            inputs=[SubscriptionBatchUpdateRequest(id=int(change.id), active=False),
                    SubscriptionBatchUpdateRequest(id=999999, active=True)]
        ),
    )
    assert partial.num_errors == 1
    assert partial.errors[0].category == "OBJECT_NOT_FOUND"
    assert [s.active for s in partial.results] == [False]

    _, status, _ = subscriptions.archive_with_http_info(creation.id, APP_ID)
    assert status == 204
    with pytest.raises(WebhooksApiException) as gone:
        subscriptions.get_by_id(creation.id, APP_ID)
    assert gone.value.status == 404


def test_webhook_api_takes_only_the_developer_api_key(developer, client):
    wrong = hubspot.HubSpot(host=BASE, api_key="not-the-key")
    with pytest.raises(WebhooksApiException) as refused:
        wrong.webhooks.subscriptions_api.get_all(APP_ID)
    assert refused.value.status == 401
    assert error_body(refused.value)["category"] == "INVALID_AUTHENTICATION"

    status, _, body = raw(
        "GET", f"/webhooks/v3/{APP_ID}/settings", headers={"Authorization": f"Bearer {client.access_token}"}
    )
    assert status == 401
    assert json.loads(body)["category"] == "INVALID_AUTHENTICATION"

    with pytest.raises(WebhooksApiException) as unknown_app:
        developer.webhooks.settings_api.get_all(APP_ID + 1)
    assert unknown_app.value.status == 404

    with pytest.raises(WebhooksApiException) as bad_event:
        developer.webhooks.subscriptions_api.create(APP_ID, {"eventType": "contact.sneeze", "active": True})
    assert bad_event.value.status == 400
    body = error_body(bad_event.value)
    assert body["status"] == "error" and body["category"] == "VALIDATION_ERROR" and body["correlationId"]


def test_v3_subscription_delivers_signed_events_to_the_settings_target(developer, client, receiver):
    target = f"http://127.0.0.1:{receiver.server_port}/hubspot/app-webhooks"
    developer.webhooks.settings_api.configure(
        APP_ID, SettingsChangeRequest(target_url=target, throttling=ThrottlingSettings(max_concurrent_requests=10))
    )
    subscription = developer.webhooks.subscriptions_api.create(
        APP_ID, SubscriptionCreateRequest(event_type="contact.creation", active=True)
    )
    contact = client.crm.contacts.basic_api.create(
        SimplePublicObjectInputForCreate(properties={"email": unique("v3hook") + "@example.com"})
    )
    path, headers, body = wait_for(receiver, 1)[0]
    assert path == "/hubspot/app-webhooks"
    event = json.loads(body)[0]
    assert event["subscriptionId"] == int(subscription.id)
    assert event["objectId"] == int(contact.id) and event["appId"] == APP_ID
    assert Signature.is_valid(
        headers["x-hubspot-signature-v3"], CLIENT_SECRET, body.decode(), http_uri=target, signature_version="v3",
        timestamp=headers["x-hubspot-request-timestamp"],
    )
