namespace ImageService.Core.Billing;

public enum BillingApplyOutcome
{
    /// <summary>The account's billing state (and maybe its plan) changed.</summary>
    Applied,
    /// <summary>The account already holds this state.</summary>
    Unchanged,
    /// <summary>No plan uses the subscription's price: logged, nothing changes.</summary>
    UnknownPrice,
    /// <summary>An ended subscription that is not the account's current one (an old one replayed): ignored.</summary>
    NotCurrentSubscription,
    /// <summary>A status this service does not know.</summary>
    UnknownStatus,
}
