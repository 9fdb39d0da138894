-- wrk script: each request creates a fake HubSpot contact with an email no other request uses.
-- HUBSPOT_TOKEN holds the bearer token.
local threads = {}
local token = os.getenv("HUBSPOT_TOKEN")

function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
end

local counter = 0

request = function()
    counter = counter + 1
    local body = string.format(
        '{"properties":{"email":"bench-%d-%d@example.com","firstname":"Bench","lastname":"Mark"}}', id, counter)
    return wrk.format("POST", nil, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
