using System.Globalization;
using ImageService.Core.Billing;
using ImageService.Core.Delivery;
using ImageService.Core.Imaging;

namespace ImageService.Core.Accounts;

/// <summary>Validation and application of <c>PATCH /account</c>, so the handler only maps the result.</summary>
public static class AccountSettings
{
    public static AccountSettingsResult Apply(Account account, AccountSettingsChange change, Plan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PlanCheck? denied = null;
        var updated = account with { UpdatedAt = now, Version = account.Version + 1 };

        if (change.AllowedOrigins is { } origins)
        {
            var validation = AllowedOrigins.Validate(origins);
            foreach (var error in validation.Errors)
            {
                errors[string.Create(CultureInfo.InvariantCulture, $"allowedOrigins[{error.Index}]")] = [error.Message];
            }

            updated = updated with { AllowedOrigins = validation.Normalized };
        }

        if (change.DefaultTransform is { } transform)
        {
            var parameters = SignedUrls.ParseQuery(transform).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value));
            if (transform.Length == 0)
            {
                updated = updated with { DefaultTransform = null };
            }
            else if (!TransformSpec.TryParse(parameters, out var spec, out var transformErrors))
            {
                foreach (var (key, messages) in transformErrors)
                {
                    errors["defaultTransform." + key] = messages;
                }
            }
            else
            {
                denied = PlanGate.CheckTransform(plan, spec) is { IsAllowed: false } refused ? refused : null;
                updated = updated with { DefaultTransform = transform.TrimStart('?') };
            }
        }

        if (change.CustomDomains is { } domains)
        {
            var validation = CustomDomains.Validate(domains);
            foreach (var (index, message) in validation.Errors)
            {
                errors[string.Create(CultureInfo.InvariantCulture, $"customDomains[{index}]")] = [message];
            }
            // Removing domains never needs the feature (an account whose plan lost it can still clean up).
            if (validation.Normalized.Except(account.CustomDomains, StringComparer.Ordinal).Any())
            {
                denied ??= PlanGate.CheckCustomDomains(plan) is { IsAllowed: false } refused ? refused : null;
            }
            updated = updated with { CustomDomains = validation.Normalized };
        }

        if (change.StrictOrigins is { } strict)
        {
            updated = updated with { StrictOrigins = strict };
        }

        if (change.AllowArbitraryTransforms is { } arbitrary)
        {
            updated = updated with { AllowArbitraryTransforms = arbitrary };
        }

        if (change.RequireSignedUrls is { } require)
        {
            denied ??= PlanGate.CheckAccountSettings(plan, require) is { IsAllowed: false } refused ? refused : null;
            updated = updated with { RequireSignedUrls = require };
        }

        // Malformed input (400) is reported before what the plan forbids (403), as the client must fix it either way.
        return errors.Count > 0 ? new AccountSettingsResult(null, errors, null)
            : denied is not null ? new AccountSettingsResult(null, errors, denied)
            : new AccountSettingsResult(updated, errors, null);
    }
}
