namespace LlmReference.ChatApi.Budgets;

public static class BudgetServiceExtensions
{
    /// <summary>Registers <see cref="TokenBudgetOptions"/> and the Redis-backed <see cref="TokenBudget"/>.</summary>
    public static TBuilder AddTokenBudgets<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<TokenBudgetOptions>()
            .BindConfiguration(TokenBudgetOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<TokenBudget>();
        return builder;
    }
}
