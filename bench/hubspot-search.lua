-- wrk script: a fake HubSpot contact search with two filters, a sort and a page of 10.
local token = os.getenv("HUBSPOT_TOKEN")
local body = '{"filterGroups":[{"filters":[{"propertyName":"email","operator":"CONTAINS_TOKEN","value":"*@example.com"},'
    .. '{"propertyName":"firstname","operator":"EQ","value":"seed"}]}],"sorts":["email"],"properties":["email"],"limit":10}'

request = function()
    return wrk.format("POST", nil, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
