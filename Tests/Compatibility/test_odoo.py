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
