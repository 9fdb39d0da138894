"""Odoo's client libraries (odoorpc, odoo-client-lib) and Python's xmlrpc.client against the fake Odoo."""

import os
import uuid
import xmlrpc.client
from urllib.parse import urlparse

import pytest

BASE = os.environ.get("FAKE_ODOO_URL")
pytestmark = pytest.mark.skipif(not BASE, reason="FAKE_ODOO_URL is not set; start `fakecrm serve` first")


def _settings():
    url = urlparse(BASE)
    return (url.hostname, url.port, os.environ["FAKE_ODOO_DATABASE"], os.environ["FAKE_ODOO_LOGIN"],
            os.environ["FAKE_ODOO_PASSWORD"], os.environ["FAKE_ODOO_API_KEY"])


def test_odoorpc_login_create_search_read_and_lead():
    import odoorpc

    host, port, database, login, password, _ = _settings()
    odoo = odoorpc.ODOO(host, protocol="jsonrpc", port=port)
    assert odoo.version.startswith("17")
    odoo.login(database, login, password)
    assert odoo.env.uid == 2
    partners = odoo.env["res.partner"]
    name = "Ada " + uuid.uuid4().hex[:8]
    partner_id = partners.create({"name": name, "email": "ada@example.com"})
    assert isinstance(partner_id, int)
    rows = partners.search_read([("name", "=", name)], ["name", "email", "parent_id"])
    assert rows == [{"id": partner_id, "name": name, "email": "ada@example.com", "parent_id": False}]
    assert partners.browse(partner_id).name == name
    lead_id = odoo.env["crm.lead"].create({"name": "Deal for " + name, "partner_id": partner_id})
    lead = odoo.env["crm.lead"].browse(lead_id)
    assert lead.partner_id.id == partner_id
    assert odoo.env["crm.lead"].search_count([("partner_id", "=", partner_id)]) == 1
    with pytest.raises(odoorpc.error.RPCError) as failure:
        odoo.execute("no.such.model", "search", [])
    assert "no.such.model" in str(failure.value)


def test_odoorpc_rejects_a_wrong_password():
    import odoorpc

    host, port, database, login, _, _ = _settings()
    odoo = odoorpc.ODOO(host, protocol="jsonrpc", port=port)
    with pytest.raises(odoorpc.error.RPCError):
        odoo.login(database, login, "wrong password")


@pytest.mark.parametrize("protocol", ["jsonrpc", "xmlrpc"])
def test_odoo_client_lib_with_api_key(protocol):
    import odoolib

    host, port, database, login, _, api_key = _settings()
    connection = odoolib.get_connection(hostname=host, protocol=protocol, port=port, database=database,
                                        login=login, password=api_key)
    partners = connection.get_model("res.partner")
    name = "Grace " + uuid.uuid4().hex[:8]
    partner_id = partners.create({"name": name, "phone": "+1 555 0100"})
    rows = partners.search_read([("name", "=", name)], ["name", "phone"])
    assert rows == [{"id": partner_id, "name": name, "phone": "+1 555 0100"}]
    lead_id = connection.get_model("crm.lead").create({"name": "Lead " + name, "partner_id": partner_id})
    assert connection.get_model("crm.lead").read([lead_id], ["partner_id"])[0]["partner_id"] == [partner_id, name]


def test_xmlrpc_client_against_xmlrpc_2():
    host, port, database, login, password, api_key = _settings()
    common = xmlrpc.client.ServerProxy(f"{BASE}/xmlrpc/2/common")
    assert common.version()["server_version"].startswith("17")
    uid = common.authenticate(database, login, api_key, {})
    assert uid == 2
    models = xmlrpc.client.ServerProxy(f"{BASE}/xmlrpc/2/object")
    name = "Linus <&> " + uuid.uuid4().hex[:8]
    partner_id = models.execute_kw(database, uid, password, "res.partner", "create", [{"name": name}])
    rows = models.execute_kw(database, uid, password, "res.partner", "search_read",
                             [[["name", "=", name]]], {"fields": ["name", "email"]})
    assert rows == [{"id": partner_id, "name": name, "email": False}]
    ids = models.execute_kw(database, uid, password, "res.partner", "search",
                            [["|", ["name", "ilike", "linus"], ["email", "=", "nobody@example.com"]]],
                            {"limit": 5, "order": "id desc"})
    assert partner_id in ids
    with pytest.raises(xmlrpc.client.Fault) as denied:
        models.execute_kw(database, uid, "wrong", "res.partner", "search", [[]])
    assert denied.value.faultCode == 3
    with pytest.raises(xmlrpc.client.Fault) as bad_domain:
        models.execute_kw(database, uid, password, "res.partner", "search", [[["nope", "=", 1]]])
    assert bad_domain.value.faultCode == 1
    legacy = xmlrpc.client.ServerProxy(f"{BASE}/xmlrpc/object")
    with pytest.raises(xmlrpc.client.Fault) as legacy_denied:
        legacy.execute(database, uid, "wrong", "res.partner", "search", [])
    assert legacy_denied.value.faultCode == "AccessDenied"


def _json2():
    import odoolib

    host, port, database, login, _, api_key = _settings()
    return odoolib.get_connection(hostname=host, protocol="json2", port=port, database=database,
                                  login=login, password=api_key)


def test_odoo_client_lib_json2_keyword_and_positional_calls():
    connection = _json2()
    assert connection.check_login()
    assert connection.get_user_context()["uid"] == 2
    partners = connection.get_model("res.partner")
    name = "Hedy " + uuid.uuid4().hex[:8]
    ids = partners.create(vals_list=[{"name": name, "email": "hedy@example.com"}, {"name": name + " II"}])
    assert len(ids) == 2 and all(isinstance(i, int) for i in ids)
    assert partners.search_count(domain=[("name", "=like", name + "%")]) == 2
    rows = partners.search_read([("name", "=", name)], ["name", "email"])
    assert rows == [{"id": ids[0], "name": name, "email": "hedy@example.com"}]
    assert partners.search([("name", "=like", name + "%")], 0, 1, "id desc") == [ids[1]]
    assert partners.write([ids[0]], {"phone": "+1 555 0199"}) is True
    assert partners.read([ids[0]], ["phone"]) == {"id": ids[0], "phone": "+1 555 0199"}
    assert partners.read(ids=ids, fields=["name"]) == [{"id": ids[0], "name": name}, {"id": ids[1], "name": name + " II"}]
    assert partners.name_search(name, limit=5) == [[ids[0], name], [ids[1], name + " II"]]
    assert partners.fields_get(attributes=["type"])["email"] == {"type": "char"}
    assert partners.unlink([ids[1]]) is True
    assert partners.search([("id", "=", ids[1])]) == []


def test_records_written_through_json2_read_back_through_xmlrpc():
    host, port, database, login, password, _ = _settings()
    connection = _json2()
    name = "Katherine " + uuid.uuid4().hex[:8]
    [partner_id] = connection.get_model("res.partner").create(vals_list=[{"name": name}])
    [lead_id] = connection.get_model("crm.lead").create([{"name": "Deal for " + name, "partner_id": partner_id}])
    connection.get_model("crm.lead").write(ids=[lead_id], vals={"probability": 40})
    models = xmlrpc.client.ServerProxy(f"{BASE}/xmlrpc/2/object")
    rows = models.execute_kw(database, 2, password, "crm.lead", "read", [[lead_id]],
                             {"fields": ["name", "partner_id", "probability"]})
    assert rows == [{"id": lead_id, "name": "Deal for " + name, "partner_id": [partner_id, name], "probability": 40.0}]


def test_json2_errors_carry_statuses_and_odoo_bodies():
    import httpx
    import odoolib

    host, port, database, login, password, api_key = _settings()
    wrong = odoolib.get_connection(hostname=host, protocol="json2", port=port, database=database,
                                   login=login, password=password)
    assert not wrong.check_login()
    url = f"{BASE}/json/2"
    headers = {"Authorization": f"bearer {api_key}", "X-Odoo-Database": database}
    denied = httpx.post(f"{url}/res.partner/search", json={"domain": []}, headers={"Authorization": "bearer nope"})
    assert denied.status_code == 401
    assert denied.json()["name"] == "werkzeug.exceptions.Unauthorized"
    assert denied.json()["message"] == "Invalid apikey"
    assert set(denied.json()) == {"name", "message", "arguments", "context", "debug"}
    unknown = httpx.post(f"{url}/no.such.model/search", json={"domain": []}, headers=headers)
    assert unknown.status_code == 404
    assert unknown.json()["name"] == "werkzeug.exceptions.NotFound"
    bad = httpx.post(f"{url}/res.partner/search", json={"domian": []}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["name"] == "werkzeug.exceptions.UnprocessableEntity"
    forbidden = httpx.post(f"{url}/ir.model/unlink", json={"ids": [1]}, headers=headers)
    assert forbidden.status_code == 403
    assert forbidden.json()["name"] == "odoo.exceptions.AccessError"
    elsewhere = httpx.post(f"{url}/res.partner/search_count", json={"domain": []},
                           headers={**headers, "X-Odoo-Database": database + "-nowhere"})
    assert elsewhere.status_code == 404
    with pytest.raises(ValueError, match="Invalid request"):
        _json2().get_model("res.partner").search(domian=[])
