-- wrk script: each request creates a fake HubSpot contact with an email no other request uses, in this run or
-- an earlier one against the same server (the run's start time is part of it). HUBSPOT_TOKEN holds the bearer
-- token.
local threads = {}
local token = os.getenv("HUBSPOT_TOKEN")

function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
end

local counter = 0
local run = os.time()

request = function()
    counter = counter + 1
    local body = string.format(
        '{"properties":{"email":"bench-%d-%d-%d@example.com","firstname":"Bench","lastname":"Mark"}}', run, id, counter)
    return wrk.format("POST", nil, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
