"""The vendors' own webhook signing (hubspot-api-client, stripe, retell-sdk) against the fake
deployment's intake, as `fakecrm serve` runs it: what a vendor signs is accepted, anything else is not."""

import json
import os
import time
import urllib.error
import urllib.request
import uuid

import pytest

stripe = pytest.importorskip("stripe")
webhook_auth = pytest.importorskip("retell.lib.webhook_auth")
from hubspot.utils.signature import Signature  # noqa: E402

BASE = os.environ.get("FAKE_DEPLOYMENT_URL")
pytestmark = pytest.mark.skipif(not BASE, reason="run through run.sh, which starts fakecrm serve")


def post(source, body, headers):
    request = urllib.request.Request(
        f"{BASE}/crm/webhooks/{source}", data=body.encode(), method="POST",
        headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_hubspot_v3_signed_by_the_sdk_is_accepted_and_a_stale_one_refused():
    secret = os.environ["FAKE_DEPLOYMENT_CRM_HUBSPOT_WEBHOOK_SECRET"]
    body = json.dumps([{"eventId": int(time.time() * 1000), "objectId": 77, "subscriptionType": "contact.creation"}])
    uri = f"{BASE}/crm/webhooks/hubspot"

    def headers(timestamp):
        signature = Signature.get_signature(secret, body, "v3", http_uri=uri, timestamp=str(timestamp))
        return {"X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": str(timestamp)}

    now = int(time.time() * 1000)
    status, answer = post("hubspot", body, headers(now))
    assert status == 200 and answer["accepted"] is True
    status, answer = post("hubspot", body, headers(now - 6 * 60 * 1000))
    assert (status, answer["error"]) == (401, "stale_timestamp")


def test_stripe_signed_by_the_sdk_is_accepted_and_tampered_or_old_ones_refused():
    secret = os.environ["FAKE_DEPLOYMENT_STRIPE_WEBHOOK_SECRET"]
    event = {
        "id": f"evt_{uuid.uuid4().hex}", "object": "event", "api_version": "2024-06-20", "created": int(time.time()),
        "data": {"object": {"id": "sub_1", "object": "subscription", "status": "active"}},
        "livemode": False, "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
        "type": "customer.subscription.updated",
    }
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, int(time.time()))
    assert stripe.WebhookSignature.verify_header(payload, header, secret)
    status, answer = post("stripe", payload, {"Stripe-Signature": header})
    assert status == 200 and answer["event_ids"] == [f"stripe:{event['id']}"]

    status, answer = post("stripe", payload.replace("active", "canceled"), {"Stripe-Signature": header})
    assert (status, answer["error"]) == (401, "invalid_signature")
    old = stripe.WebhookSignature.generate_signature_header(payload, secret, int(time.time()) - 600)
    status, answer = post("stripe", payload, {"Stripe-Signature": old})
    assert (status, answer["error"]) == (401, "stale_timestamp")


def test_retell_signed_by_the_sdk_is_accepted_and_a_wrong_key_refused():
    key = os.environ["FAKE_DEPLOYMENT_RETELL_WEBHOOK_SECRET"]
    body = json.dumps({"event": "call_started", "call": {"call_id": f"call_{uuid.uuid4().hex}", "call_status": "ongoing"}})
    signature = webhook_auth.symmetric["sign"](body, key)
    assert webhook_auth.verify(body, key, signature)
    status, answer = post("retell", body, {"x-retell-signature": signature})
    assert status == 200 and answer["accepted"] is True
    forged = webhook_auth.symmetric["sign"](body, "key_not_the_one")
    status, answer = post("retell", body, {"x-retell-signature": forged})
    assert (status, answer["error"]) == (401, "invalid_signature")
