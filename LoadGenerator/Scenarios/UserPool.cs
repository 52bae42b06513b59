namespace LlmReference.LoadGenerator.Scenarios;

/// <summary>
/// The identities requests are sent as (<c>X-User-Id</c>). A pool rather than one user, so per-user token budgets and
/// rate limits see realistic spread; a pool of one is how to provoke them.
/// </summary>
public sealed class UserPool(int size)
{
    public const string Header = "X-User-Id";

    private readonly int _size = size >= 1 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "The user pool needs at least one user.");

    public string Pick(Random random) => Name(random.Next(_size));

    public static string Name(int index) => $"load-user-{index + 1:D4}";
}
