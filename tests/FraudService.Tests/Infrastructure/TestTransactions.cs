namespace LlmReference.FraudService.Tests.Infrastructure;

/// <summary>Request bodies for tests, as plain dictionaries so that fields can be removed or broken one at a time.</summary>
public static class TestTransactions
{
    public static string NewCustomerId() => "cust-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewTransactionId() => "txn-" + Guid.NewGuid().ToString("N");

    /// <summary>A home-country grocery purchase at a terminal, mid-afternoon, an hour ago.</summary>
    public static Dictionary<string, object?> Typical(string customerId, DateTimeOffset? at = null) => new()
    {
        ["amount"] = 42.50m,
        ["currency"] = "EUR",
        ["merchantCategory"] = "grocery",
        ["country"] = "DE",
        ["cardPresent"] = true,
        ["timestamp"] = at ?? Afternoon(),
        ["customerId"] = customerId,
    };

    /// <summary>A large online crypto purchase abroad at 03:00 local time.</summary>
    public static Dictionary<string, object?> Suspicious(string customerId, DateTimeOffset at) => new()
    {
        ["amount"] = 2400m,
        ["currency"] = "EUR",
        ["merchantCategory"] = "crypto",
        ["country"] = "NG",
        ["cardPresent"] = false,
        ["timestamp"] = at,
        ["customerId"] = customerId,
    };

    /// <summary>Today (or yesterday) at 14:00 UTC, whichever is in the past.</summary>
    public static DateTimeOffset Afternoon()
    {
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddHours(14), TimeSpan.Zero);
        return today <= DateTimeOffset.UtcNow ? today : today.AddDays(-1);
    }

    /// <summary>The most recent 03:00 UTC.</summary>
    public static DateTimeOffset Night()
    {
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddHours(3), TimeSpan.Zero);
        return today <= DateTimeOffset.UtcNow ? today : today.AddDays(-1);
    }
}
