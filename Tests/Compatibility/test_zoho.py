"""The official Zoho CRM SDK (zohocrmsdk8-0) against the fake Zoho: token refresh, Leads insert, upsert, search."""

import os
import time
import uuid

import pytest
from search_index import eventually, search_index_delay

BASE = os.environ.get("FAKE_ZOHO_URL")
pytestmark = pytest.mark.skipif(not BASE, reason="FAKE_ZOHO_URL is not set; start `fakecrm serve` first")


@pytest.fixture(scope="module")
def sdk(tmp_path_factory):
    from zohocrmsdk.src.com.zoho.api.authenticator.oauth_token import OAuthToken
    from zohocrmsdk.src.com.zoho.api.authenticator.store.file_store import FileStore
    from zohocrmsdk.src.com.zoho.crm.api.dc.data_center import DataCenter
    from zohocrmsdk.src.com.zoho.crm.api.initializer import Initializer
    from zohocrmsdk.src.com.zoho.crm.api.sdk_config import SDKConfig

    folder = tmp_path_factory.mktemp("zoho")
    environment = DataCenter.Environment(BASE, BASE + "/oauth/v2/token", BASE)
    token = OAuthToken(
        client_id=os.environ["FAKE_ZOHO_CLIENT_ID"],
        client_secret=os.environ["FAKE_ZOHO_CLIENT_SECRET"],
        refresh_token=os.environ["FAKE_ZOHO_REFRESH_TOKEN"],
    )
    Initializer.initialize(
        environment=environment,
        token=token,
        store=FileStore(str(folder / "tokens.csv")),
        sdk_config=SDKConfig(auto_refresh_fields=False, pick_list_validation=False),
        resource_path=str(folder),
    )
    return token


def _record(**fields):
    from zohocrmsdk.src.com.zoho.crm.api.record import Record

    record = Record()
    for name, value in fields.items():
        record.add_key_value(name, value)
    return record


def _rows(response):
    from zohocrmsdk.src.com.zoho.crm.api.record import APIException, ActionWrapper

    assert response is not None, "the SDK returned no response"
    body = response.get_object()
    assert not isinstance(body, APIException), body.get_message().get_value()
    assert isinstance(body, ActionWrapper)
    return body.get_data()


def test_token_refresh_gives_an_access_token(sdk):
    assert sdk.get_access_token()
    assert sdk.get_refresh_token() == os.environ["FAKE_ZOHO_REFRESH_TOKEN"]


def test_leads_insert(sdk):
    from zohocrmsdk.src.com.zoho.crm.api.record import BodyWrapper, RecordOperations, SuccessResponse

    email = f"ada-{uuid.uuid4().hex[:8]}@example.com"
    body = BodyWrapper()
    body.set_data([_record(Last_Name="Lovelace", First_Name="Ada", Email=email, Company="Engines"),
                   _record(Last_Name="Babbage", Email=f"cb-{uuid.uuid4().hex[:8]}@example.com")])
    response = RecordOperations("Leads").create_records(body)
    assert response.get_status_code() == 201
    rows = _rows(response)
    assert len(rows) == 2
    for row in rows:
        assert isinstance(row, SuccessResponse)
        assert row.get_code().get_value() == "SUCCESS"
        assert row.get_details()["id"].isdigit()


def test_leads_upsert_updates_then_inserts(sdk):
    from zohocrmsdk.src.com.zoho.crm.api.record import BodyWrapper, RecordOperations, SuccessResponse

    email = f"up-{uuid.uuid4().hex[:8]}@example.com"
    first = BodyWrapper()
    first.set_data([_record(Last_Name="First", Email=email)])
    first.set_duplicate_check_fields(["Email"])
    inserted = _rows(RecordOperations("Leads").upsert_records(first))[0]
    assert isinstance(inserted, SuccessResponse)
    assert inserted.get_details()["action"] if "action" in inserted.get_details() else True

    second = BodyWrapper()
    second.set_data([_record(Last_Name="Second", Email=email)])
    second.set_duplicate_check_fields(["Email"])
    updated = _rows(RecordOperations("Leads").upsert_records(second))[0]
    assert isinstance(updated, SuccessResponse)
    assert updated.get_message().get_value() == "record updated"
    assert updated.get_details()["id"] == inserted.get_details()["id"]


def test_leads_search_by_criteria(sdk):
    from zohocrmsdk.src.com.zoho.crm.api import ParameterMap
    from zohocrmsdk.src.com.zoho.crm.api.record import (BodyWrapper, RecordOperations, ResponseWrapper,
                                                          SearchRecordsParam)

    last_name = "Search" + uuid.uuid4().hex[:8]
    body = BodyWrapper()
    body.set_data([_record(Last_Name=last_name, Email=f"{last_name.lower()}@example.com", Company="A, B (C)")])
    _rows(RecordOperations("Leads").create_records(body))

    params = ParameterMap()
    params.add(SearchRecordsParam.criteria, f"((Last_Name:equals:{last_name})and(Company:starts_with:A\\, B \\(C))")
    response = eventually(lambda: (found := RecordOperations("Leads").search_records(params)).get_status_code() == 200
                          and found)
    wrapper = response.get_object()
    assert isinstance(wrapper, ResponseWrapper)
    records = wrapper.get_data()
    assert [r.get_key_value("Last_Name") for r in records] == [last_name]
    assert wrapper.get_info().get_more_records() is False

    params = ParameterMap()
    params.add(SearchRecordsParam.criteria, "(Last_Name:equals:nobody-" + uuid.uuid4().hex + ")")
    assert RecordOperations("Leads").search_records(params).get_status_code() == 204


def test_calls_insert_with_a_who_id_record_reference(sdk):
    """Lookups go out as a nested Record holding the id as an integer: Zoho ids are 19 digits, beyond a double."""
    from datetime import datetime, timezone

    from zohocrmsdk.src.com.zoho.crm.api.record import (BodyWrapper, Field, Record, RecordOperations,
                                                          ResponseWrapper, SuccessResponse)
    from zohocrmsdk.src.com.zoho.crm.api.util import Choice

    contact = BodyWrapper()
    contact.set_data([_record(Last_Name="Hopper", First_Name="Grace", Email=f"gh-{uuid.uuid4().hex[:8]}@example.com")])
    contact_id = int(_rows(RecordOperations("Contacts").create_records(contact))[0].get_details()["id"])

    who = Record()
    who.set_id(contact_id)
    call = Record()
    call.add_field_value(Field.Calls.subject(), "Voice agent call")
    call.add_key_value("Call_Type", Choice("Outbound"))
    call.add_key_value("Call_Start_Time", datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc))
    call.add_field_value(Field.Calls.who_id(), who)
    body = BodyWrapper()
    body.set_data([call])
    row = _rows(RecordOperations("Calls").create_records(body))[0]
    assert isinstance(row, SuccessResponse), row.get_message().get_value()
    call_id = int(row.get_details()["id"])

    read = RecordOperations("Calls").get_record(call_id)
    assert read.get_status_code() == 200
    wrapper = read.get_object()
    assert isinstance(wrapper, ResponseWrapper)
    who_back = wrapper.get_data()[0].get_key_value("Who_Id")
    assert who_back.get_id() == contact_id
    assert who_back.get_key_value("name") == "Grace Hopper"


def test_search_sees_a_new_lead_only_after_the_index_delay(sdk):
    from zohocrmsdk.src.com.zoho.crm.api import ParameterMap
    from zohocrmsdk.src.com.zoho.crm.api.record import BodyWrapper, RecordOperations, SearchRecordsParam

    email = f"lag{uuid.uuid4().hex[:8]}@example.com"
    params = ParameterMap()
    params.add(SearchRecordsParam.email, email)
    with search_index_delay(BASE, "2s"):
        body = BodyWrapper()
        body.set_data([_record(Last_Name="Lag", Email=email)])
        record_id = int(_rows(RecordOperations("Leads").create_records(body))[0].get_details()["id"])
        returned = time.monotonic()
        assert RecordOperations("Leads").search_records(params).get_status_code() == 204
        assert RecordOperations("Leads").get_record(record_id).get_status_code() == 200
        found = eventually(lambda: (answer := RecordOperations("Leads").search_records(params)).get_status_code() == 200
                           and answer)
        assert time.monotonic() - returned >= 1.8
    assert [r.get_id() for r in found.get_object().get_data()] == [record_id]
