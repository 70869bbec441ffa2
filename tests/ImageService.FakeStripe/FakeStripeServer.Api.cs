using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImageService.FakeStripe;

// The HTTP surface: /v1/... as Stripe's API, and the two pages a browser opens (checkout, portal).
public sealed partial class FakeStripeServer
{
    private void Map(WebApplication app)
    {
        app.MapPost("/v1/customers", Api(CreateCustomer));
        app.MapGet("/v1/customers/{id}", Api((fields, context) => Get(_customers, "customer", Id(context))));
        app.MapPost("/v1/checkout/sessions", Api(CreateCheckoutSession));
        app.MapGet("/v1/checkout/sessions/{id}", Api((fields, context) => Get(_sessions, "checkout.session", Id(context))));
        app.MapPost("/v1/billing_portal/sessions", Api(CreatePortalSession));
        app.MapGet("/v1/subscriptions/{id}", Api((fields, context) => Get(_subscriptions, "subscription", Id(context))));
        app.MapPost("/v1/subscriptions/{id}", Api(UpdateSubscription));
        app.MapDelete("/v1/subscriptions/{id}", Api(CancelSubscription));
        app.MapPost("/v1/billing/meter_events", Api(CreateMeterEvent));
        app.MapFallback("/v1/{**rest}", Api((fields, context) =>
            Error(HttpStatusCode.NotFound, "invalid_request_error", $"Unrecognized request URL ({context.Request.Method}: {context.Request.Path}).")));

        app.MapGet("/checkout/{id}", CheckoutPage);
        app.MapPost("/checkout/{id}/pay", (Delegate)PayAsync);
        app.MapGet("/portal/{id}", PortalPage);
        app.MapPost("/portal/{id}/cancel", (Delegate)CancelFromPortalAsync);
    }

    private delegate (HttpStatusCode Status, JsonObject Body, List<JsonObject>? Events) ApiHandler(Dictionary<string, string> fields, HttpContext context);

    /// <summary>Authentication, form decoding, recording and idempotency as Stripe does them, around one handler.</summary>
    private RequestDelegate Api(ApiHandler handler) => async context =>
    {
        var request = context.Request;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (name, value) in await request.ReadFormAsync())
            {
                fields[name] = value.ToString();
            }
        }
        foreach (var (name, value) in request.Query)
        {
            fields[name] = value.ToString();
        }
        var idempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault();
        lock (_gate)
        {
            _requests.Add(new FakeStripeRequest(request.Method, request.Path.Value ?? "", fields, idempotencyKey));
        }

        var auth = request.Headers.Authorization.FirstOrDefault() ?? "";
        // Bearer (the client libraries) or Basic with the key as user name (curl -u sk_test_…:).
        var key = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..]
            : auth.StartsWith("Basic ", StringComparison.Ordinal) ? BasicUser(auth["Basic ".Length..])
            : "";
        if (_options.ApiKey is { } expected ? key != expected : !key.StartsWith("sk_test_", StringComparison.Ordinal))
        {
            await WriteAsync(context, Error(HttpStatusCode.Unauthorized, "invalid_request_error", "Invalid API Key provided."));
            return;
        }

        var replayKey = idempotencyKey is null ? null : $"{key}\n{request.Method}\n{request.Path}\n{idempotencyKey}";
        (HttpStatusCode Status, JsonObject Body, List<JsonObject>? Events) result;
        lock (_gate)
        {
            if (replayKey is not null && _idempotent.TryGetValue(replayKey, out var earlier))
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
                result = ((HttpStatusCode)earlier.Status, JsonNode.Parse(earlier.Body)!.AsObject(), null);
            }
            else
            {
                result = handler(fields, context);
                // Stripe stores the result of a request that ran (success or a 4xx), not of one that failed with a 5xx.
                if (replayKey is not null && (int)result.Status < 500)
                {
                    _idempotent[replayKey] = ((int)result.Status, result.Body.ToJsonString());
                }
            }
        }
        await WriteAsync(context, result);
        if (result.Events is { Count: > 0 } events)
        {
            await SendAsync(events);
        }
    };

    private static async Task WriteAsync(HttpContext context, (HttpStatusCode Status, JsonObject Body, List<JsonObject>? Events) result)
    {
        context.Response.StatusCode = (int)result.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];
        await context.Response.WriteAsync(result.Body.ToJsonString());
    }

    private (HttpStatusCode, JsonObject, List<JsonObject>?) CreateCustomer(Dictionary<string, string> fields, HttpContext context)
    {
        var customer = new JsonObject
        {
            ["id"] = NewId("cus"),
            ["object"] = "customer",
            ["created"] = Now(),
            ["email"] = fields.GetValueOrDefault("email"),
            ["name"] = fields.GetValueOrDefault("name"),
            ["livemode"] = false,
            ["metadata"] = Nested(fields, "metadata"),
        };
        _customers[(string)customer["id"]!] = customer;
        return Ok(customer);
    }

    private (HttpStatusCode, JsonObject, List<JsonObject>?) CreateCheckoutSession(Dictionary<string, string> fields, HttpContext context)
    {
        if (fields.GetValueOrDefault("mode") is not ("subscription" or "payment" or "setup"))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "Missing required param: mode.", "mode");
        }
        if (!fields.TryGetValue("success_url", out var successUrl))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "Missing required param: success_url.", "success_url");
        }
        var prices = new JsonArray();
        for (var i = 0; fields.TryGetValue($"line_items[{i}][price]", out var price); i++)
        {
            prices.Add(price);
        }
        if (prices.Count == 0)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "Missing required param: line_items.", "line_items");
        }
        if (fields.GetValueOrDefault("customer") is { } customer && !_customers.ContainsKey(customer))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", $"No such customer: '{customer}'", "customer", "resource_missing");
        }
        var id = NewId("cs");
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = fields["mode"],
            ["customer"] = fields.GetValueOrDefault("customer"),
            ["client_reference_id"] = fields.GetValueOrDefault("client_reference_id"),
            ["metadata"] = Nested(fields, "metadata"),
            ["success_url"] = successUrl,
            ["cancel_url"] = fields.GetValueOrDefault("cancel_url"),
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["subscription"] = null,
            ["url"] = $"{BaseUrl}/checkout/{id}",
            ["created"] = Now(),
            ["expires_at"] = Now() + 86_400,
            ["livemode"] = false,
            ["_prices"] = prices,
            ["_subscription_metadata"] = Nested(fields, "subscription_data[metadata]"),
        };
        _sessions[id] = session;
        return Ok(Public(session));
    }

    private (HttpStatusCode, JsonObject, List<JsonObject>?) CreatePortalSession(Dictionary<string, string> fields, HttpContext context)
    {
        if (fields.GetValueOrDefault("customer") is not { } customer || !_customers.TryGetValue(customer, out _))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", $"No such customer: '{fields.GetValueOrDefault("customer")}'", "customer", "resource_missing");
        }
        var id = NewId("bps");
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "billing_portal.session",
            ["customer"] = customer,
            ["return_url"] = fields.GetValueOrDefault("return_url"),
            ["url"] = $"{BaseUrl}/portal/{id}",
            ["created"] = Now(),
            ["livemode"] = false,
        };
        _portalSessions[id] = session;
        return Ok(session);
    }

    private (HttpStatusCode, JsonObject, List<JsonObject>?) UpdateSubscription(Dictionary<string, string> fields, HttpContext context)
    {
        if (!_subscriptions.TryGetValue(Id(context), out var subscription))
        {
            return Missing("subscription", Id(context));
        }
        if (fields.TryGetValue("cancel_at_period_end", out var atPeriodEnd))
        {
            subscription["cancel_at_period_end"] = atPeriodEnd == "true";
        }
        return (HttpStatusCode.OK, Clone(subscription), [NewEvent("customer.subscription.updated", subscription)]);
    }

    private (HttpStatusCode, JsonObject, List<JsonObject>?) CancelSubscription(Dictionary<string, string> fields, HttpContext context)
    {
        if (!_subscriptions.TryGetValue(Id(context), out var subscription))
        {
            return Missing("subscription", Id(context));
        }
        subscription["status"] = "canceled";
        subscription["canceled_at"] = Now();
        subscription["ended_at"] = Now();
        return (HttpStatusCode.OK, Clone(subscription), [NewEvent("customer.subscription.deleted", subscription)]);
    }

    private (HttpStatusCode, JsonObject, List<JsonObject>?) CreateMeterEvent(Dictionary<string, string> fields, HttpContext context)
    {
        if (FailNextMeterEvents > 0)
        {
            FailNextMeterEvents--;
            return Error(HttpStatusCode.InternalServerError, "api_error", "An unknown error occurred.");
        }
        if (fields.GetValueOrDefault("event_name") is not { Length: > 0 } eventName)
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "Missing required param: event_name.", "event_name");
        }
        var payload = Nested(fields, "payload");
        if (payload["stripe_customer_id"] is null || !long.TryParse((string?)payload["value"], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error", "payload needs stripe_customer_id and a numeric value.", "payload");
        }
        var identifier = fields.GetValueOrDefault("identifier") ?? Guid.NewGuid().ToString();
        if (_meterEvents.Any(e => (string?)e["identifier"] == identifier))
        {
            return Error(HttpStatusCode.BadRequest, "invalid_request_error",
                $"An event with identifier {identifier} already exists.", "identifier", "resource_already_exists");
        }
        var meterEvent = new JsonObject
        {
            ["object"] = "billing.meter_event",
            ["created"] = Now(),
            ["event_name"] = eventName,
            ["identifier"] = identifier,
            ["livemode"] = false,
            ["payload"] = payload,
            ["timestamp"] = fields.TryGetValue("timestamp", out var ts) ? long.Parse(ts, CultureInfo.InvariantCulture) : Now(),
        };
        _meterEvents.Add(meterEvent);
        if (LoseNextMeterEventResponses > 0)
        {
            LoseNextMeterEventResponses--;
            return Error(HttpStatusCode.InternalServerError, "api_error", "An unknown error occurred.");
        }
        return Ok(meterEvent);
    }

    private static (HttpStatusCode, JsonObject, List<JsonObject>?) Get(Dictionary<string, JsonObject> map, string kind, string id) =>
        map.TryGetValue(id, out var found) ? Ok(Public(found)) : Missing(kind, id);

    private static (HttpStatusCode, JsonObject, List<JsonObject>?) Ok(JsonObject body) => (HttpStatusCode.OK, Clone(body), null);

    private static (HttpStatusCode, JsonObject, List<JsonObject>?) Missing(string kind, string id) =>
        Error(HttpStatusCode.NotFound, "invalid_request_error", $"No such {kind}: '{id}'", "id", "resource_missing");

    /// <summary>Stripe's error object: <c>{"error": {"type", "message", "param"?, "code"?}}</c>.</summary>
    private static (HttpStatusCode, JsonObject, List<JsonObject>?) Error(HttpStatusCode status, string type, string message, string? param = null, string? code = null)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (param is not null)
        {
            error["param"] = param;
        }
        if (code is not null)
        {
            error["code"] = code;
        }
        return (status, new JsonObject { ["error"] = error }, null);
    }

    private static string BasicUser(string encoded)
    {
        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            return decoded.Split(':')[0];
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static string Id(HttpContext context) => (string)context.GetRouteValue("id")!;

    /// <summary>The fields under <paramref name="prefix"/> (<c>metadata[account_id]</c> → <c>{"account_id": …}</c>).</summary>
    private static JsonObject Nested(Dictionary<string, string> fields, string prefix)
    {
        var result = new JsonObject();
        foreach (var (key, value) in fields)
        {
            if (key.StartsWith(prefix + "[", StringComparison.Ordinal) && key.EndsWith(']') && key.IndexOf('[', prefix.Length + 1) < 0)
            {
                result[key[(prefix.Length + 1)..^1]] = value;
            }
        }
        return result;
    }
}
