"""The fakes' search index delay (`/__fake/search-index`), and waiting for a search to see a record."""

import contextlib
import json
import time
import urllib.request


def _send(base_url, method, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base_url}/__fake/search-index", data=data, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


@contextlib.contextmanager
def search_index_delay(base_url, delay):
    """Sets the fake's search index delay (e.g. "1s") for the block, then restores the one before."""
    before = _send(base_url, "GET")["delay"]
    _send(base_url, "PUT", {"delay": delay})
    try:
        yield
    finally:
        _send(base_url, "PUT", {"delay": before})


def eventually(check, timeout=10.0, interval=0.25):
    """Calls `check` until it answers something truthy and returns that; fails after `timeout` seconds.

    Search indexes lag behind new records, so a client that creates and then searches must wait like this;
    a 429 is waited out for its `Retry-After`, as HubSpot's five searches a second ask."""
    deadline = time.monotonic() + timeout
    while True:
        pause = interval
        try:
            value = check()
            if value:
                return value
        except Exception as error:  # an SDK's rate-limit exception: wait as long as it says, then ask again
            if getattr(error, "status", None) != 429:
                raise
            pause = float((getattr(error, "headers", None) or {}).get("Retry-After", 1))
        if time.monotonic() > deadline:
            raise AssertionError(f"the search still saw nothing after {timeout}s")
        time.sleep(pause)
