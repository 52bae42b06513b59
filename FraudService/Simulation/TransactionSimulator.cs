using LlmReference.FraudService.Scoring;

namespace LlmReference.FraudService.Simulation;

/// <summary>
/// A seeded generator of realistic card traffic: a fixed population of customers (home country, spend level, active
/// hours, online share, favourite merchants) making purchases with heavy-tailed amounts, plus fraud in known patterns
/// at about 1-2 % prevalence and noisy labels. Same seed and same calls, same data (<see cref="Random"/> with a seed
/// is stable across .NET versions). Used for training, tests and load generation.
/// </summary>
/// <remarks>
/// One instance is one stream: successive <see cref="Generate"/> calls continue it. Not thread-safe.
/// </remarks>
public sealed class TransactionSimulator
{
    /// <summary>Share of fraudulent transactions in baseline traffic.</summary>
    public const double BaselineFraudRate = 0.015;

    /// <summary>Share of fraudulent transactions in drifted traffic (the new pattern comes on top).</summary>
    public const double DriftedFraudRate = 0.03;

    /// <summary>Fraud reported as legitimate (never charged back).</summary>
    public const double MissedFraudLabelRate = 0.03;

    /// <summary>Legitimate purchases reported as fraud ("friendly fraud").</summary>
    public const double FriendlyFraudLabelRate = 0.0005;

    /// <summary>Drifted traffic multiplies every amount by this (inflation, a price shock).</summary>
    public const double DriftedInflation = 1.75;

    private static readonly (string Country, string Currency, double Weight)[] Homes =
    [
        ("DE", "EUR", 25), ("US", "USD", 20), ("FR", "EUR", 15), ("GB", "GBP", 15),
        ("ES", "EUR", 8), ("IT", "EUR", 8), ("NL", "EUR", 5), ("PL", "PLN", 4),
    ];

    private static readonly string[] TravelCountries = ["ES", "IT", "FR", "US", "GB", "PT", "GR", "TH", "MX", "JP", "TR", "HR"];
    private static readonly string[] FraudCountries = ["NG", "RU", "BR", "RO", "UA", "VN", "ID", "PH", "CN", "US", "GB"];
    private static readonly string[] OnlineCategories = ["online_marketplace", "digital_goods", "crypto", "gift_cards", "money_transfer", "gambling"];

    private static readonly (string Category, double Weight)[] BaselineMix =
    [
        ("grocery", 30), ("restaurants", 18), ("fuel", 10), ("pharmacy", 5), ("utilities", 4), ("services", 5),
        ("apparel", 7), ("entertainment", 6), ("hotels", 2), ("travel", 2), ("online_marketplace", 7), ("electronics", 2),
        ("digital_goods", 4), ("jewelry", 0.3), ("gift_cards", 0.5), ("money_transfer", 0.5), ("gambling", 0.5), ("crypto", 0.2),
    ];

    // Shopping moved online: marketplaces, digital goods and crypto up, groceries and restaurants down.
    private static readonly (string Category, double Weight)[] DriftedMix =
    [
        ("grocery", 12), ("restaurants", 8), ("fuel", 6), ("pharmacy", 4), ("utilities", 4), ("services", 5),
        ("apparel", 6), ("entertainment", 5), ("hotels", 2), ("travel", 2), ("online_marketplace", 25), ("electronics", 5),
        ("digital_goods", 12), ("jewelry", 0.5), ("gift_cards", 2), ("money_transfer", 2), ("gambling", 3), ("crypto", 5),
    ];

    private const double DomesticTakeoverShare = 0.4;
    private const double CardTestingShare = 0.3;
    private const int MinBurst = 3;
    private const int MaxBurst = 6;
    private const double KnownPatternTransactionsPerEvent = (CardTestingShare * (MinBurst + MaxBurst) / 2.0) + (1 - CardTestingShare);

    private readonly Random _random;
    private readonly SimulatedCustomer[] _customers;

    public TransactionSimulator(int seed, int customers = 2_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        Seed = seed;
        _random = new Random(seed);
        _customers = new SimulatedCustomer[customers];
        for (var i = 0; i < customers; i++)
        {
            _customers[i] = NewCustomer(i);
        }
    }

    public int Seed { get; }

    public int CustomerCount => _customers.Length;

    /// <summary>
    /// <paramref name="count"/> transactions with timestamps spread over <c>[start, start + span)</c>, in time order.
    /// </summary>
    public IReadOnlyList<SimulatedTransaction> Generate(int count, DateTimeOffset start, TimeSpan span, TrafficProfile profile = TrafficProfile.Baseline)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.FromHours(1));
        var fraudEventRate = FraudEventRate(profile);
        var result = new List<SimulatedTransaction>(count + 8);
        while (result.Count < count)
        {
            AddEvent(result, start, span, profile, fraudEventRate, live: false);
        }

        if (result.Count > count)
        {
            result.RemoveRange(count, result.Count - count);
        }

        // Stable sort, so equal timestamps keep generation order and the output stays deterministic.
        return [.. result.OrderBy(t => t.Transaction.Timestamp)];
    }

    /// <summary>
    /// Live traffic: one customer event happening at <paramref name="at"/> — a purchase, or a fraud (a card-testing
    /// burst spreads over the next few minutes). Timestamps are never before <paramref name="at"/>.
    /// </summary>
    public IReadOnlyList<SimulatedTransaction> NextEvent(DateTimeOffset at, TrafficProfile profile = TrafficProfile.Baseline)
    {
        var result = new List<SimulatedTransaction>(1);
        AddEvent(result, at, TimeSpan.FromMinutes(10), profile, FraudEventRate(profile), live: true);
        return result;
    }

    // A card-testing burst is several transactions, so fraud events are rarer than fraudulent transactions.
    private static double FraudEventRate(TrafficProfile profile) => profile == TrafficProfile.Drifted
        ? DriftedFraudRate / (DomesticTakeoverShare + ((1 - DomesticTakeoverShare) * KnownPatternTransactionsPerEvent))
        : BaselineFraudRate / KnownPatternTransactionsPerEvent;

    private void AddEvent(List<SimulatedTransaction> result, DateTimeOffset start, TimeSpan span, TrafficProfile profile, double fraudEventRate, bool live)
    {
        var customer = _customers[_random.Next(_customers.Length)];
        var day = start.AddDays(Math.Floor(_random.NextDouble() * span.TotalDays));
        if (_random.NextDouble() < fraudEventRate)
        {
            AddFraud(result, customer, live ? start : start + (span * _random.NextDouble()), start, span, profile);
        }
        else
        {
            var at = live ? start : Within(start, span, day.AddHours(Hour(customer)).AddMinutes(_random.Next(60)).AddSeconds(_random.Next(60)));
            result.Add(Legit(customer, at, profile));
        }
    }

    private SimulatedCustomer NewCustomer(int index)
    {
        var home = Pick(Homes, h => h.Weight);
        var favourites = new string[4];
        for (var i = 0; i < favourites.Length; i++)
        {
            favourites[i] = Pick(BaselineMix, m => m.Weight).Category;
        }

        return new SimulatedCustomer(
            Id: $"sim-{Seed}-{index:D6}",
            HomeCountry: home.Country,
            Currency: home.Currency,
            SpendFactor: Math.Exp(Normal(0, 0.5)),
            ActiveHourMean: Math.Clamp(Normal(14, 2.5), 9, 20),
            OnlineShare: 0.05 + (0.45 * _random.NextDouble()),
            Favourites: favourites);
    }

    private SimulatedTransaction Legit(SimulatedCustomer customer, DateTimeOffset at, TrafficProfile profile)
    {
        // Half of purchases go to the customer's favourites, the rest follow the population's mix.
        var category = _random.NextDouble() < 0.5
            ? customer.Favourites[_random.Next(customer.Favourites.Length)]
            : Pick(profile == TrafficProfile.Drifted ? DriftedMix : BaselineMix, m => m.Weight).Category;
        var online = OnlineCategories.Contains(category) ? _random.NextDouble() < 0.9 : _random.NextDouble() < customer.OnlineShare * 0.4;
        var country = _random.NextDouble() < 0.97 ? customer.HomeCountry : TravelCountries[_random.Next(TravelCountries.Length)];
        var usd = MerchantCategories.All[category].TypicalAmountUsd * customer.SpendFactor * Math.Exp(Normal(-0.18, 0.6)) * Inflation(profile);
        var isFraudLabel = _random.NextDouble() < FriendlyFraudLabelRate;
        return new SimulatedTransaction(Transaction(customer, usd, category, country, !online, at), IsFraud: false, Label: isFraudLabel, "legit", customer.HomeCountry);
    }

    private void AddFraud(List<SimulatedTransaction> result, SimulatedCustomer customer, DateTimeOffset at, DateTimeOffset start, TimeSpan span, TrafficProfile profile)
    {
        var roll = _random.NextDouble();
        if (profile == TrafficProfile.Drifted && roll < DomesticTakeoverShare)
        {
            // New pattern: a taken-over account buying ordinary things at home, by day, online — few of the known signals.
            var category = Pick(["apparel", "restaurants", "online_marketplace", "electronics"]);
            var usd = MerchantCategories.All[category].TypicalAmountUsd * customer.SpendFactor * (1.5 + (1.5 * _random.NextDouble())) * Inflation(profile);
            AddFraud(result, customer, usd, category, customer.HomeCountry, cardPresent: false, Within(start, span, OnDay(at, customer)), "domestic_takeover");
            return;
        }

        roll = _random.NextDouble();
        if (roll < CardTestingShare)
        {
            // Card testing: a quick burst of small online charges abroad, to see whether the card works.
            var country = Pick(FraudCountries);
            var burst = MinBurst + _random.Next(MaxBurst - MinBurst + 1);
            for (var i = 0; i < burst; i++)
            {
                var category = Pick(["digital_goods", "online_marketplace"]);
                AddFraud(result, customer, 1 + (14 * _random.NextDouble()), category, country, cardPresent: false, at.AddSeconds(i * (20 + _random.Next(70))), "card_testing");
            }
        }
        else if (roll < 0.75)
        {
            // Cash-out: a large purchase of easily resold goods, mostly online and abroad, often at night.
            var category = Pick(["electronics", "jewelry", "gift_cards", "crypto", "money_transfer"]);
            var usd = customer.SpendFactor * MerchantCategories.All[category].TypicalAmountUsd * (3 + (12 * _random.NextDouble())) * Inflation(profile);
            var country = _random.NextDouble() < 0.6 ? Pick(FraudCountries) : customer.HomeCountry;
            var when = _random.NextDouble() < 0.5 ? at.Date.AddHours(_random.Next(6)).AddMinutes(_random.Next(60)) : at.DateTime;
            AddFraud(result, customer, usd, category, country, cardPresent: _random.NextDouble() < 0.2, Within(start, span, new DateTimeOffset(when, TimeSpan.Zero)), "cash_out");
        }
        else
        {
            // Skimming: a copied card used at terminals abroad.
            var category = Pick(["fuel", "money_transfer", "jewelry", "electronics"]);
            var usd = MerchantCategories.All[category].TypicalAmountUsd * customer.SpendFactor * (2 + (6 * _random.NextDouble())) * Inflation(profile);
            AddFraud(result, customer, usd, category, Pick(FraudCountries), cardPresent: true, at, "skimming");
        }
    }

    private void AddFraud(List<SimulatedTransaction> result, SimulatedCustomer customer, double usd, string category, string country, bool cardPresent, DateTimeOffset at, string pattern)
    {
        var label = _random.NextDouble() >= MissedFraudLabelRate;
        result.Add(new SimulatedTransaction(Transaction(customer, usd, category, country, cardPresent, at), IsFraud: true, Label: label, pattern, customer.HomeCountry));
    }

    private CardTransaction Transaction(SimulatedCustomer customer, double usd, string category, string country, bool cardPresent, DateTimeOffset at)
    {
        var amount = Math.Round((decimal)usd / Currencies.UsdPerUnit[customer.Currency], 2);
        var id = $"sim-{Seed}-{_random.NextInt64():x16}";
        return new CardTransaction(id, Math.Max(amount, 0.5m), customer.Currency, category, country, cardPresent, at, customer.Id);
    }

    private double Hour(SimulatedCustomer customer) => Math.Clamp(Normal(customer.ActiveHourMean, 3.5), 0, 23.5);

    private DateTimeOffset OnDay(DateTimeOffset at, SimulatedCustomer customer) =>
        new(at.UtcDateTime.Date.AddHours(Math.Clamp(Normal(customer.ActiveHourMean, 2), 8, 21)), TimeSpan.Zero);

    private static double Inflation(TrafficProfile profile) => profile == TrafficProfile.Drifted ? DriftedInflation : 1;

    private static DateTimeOffset Within(DateTimeOffset start, TimeSpan span, DateTimeOffset at) =>
        at < start ? start : at >= start + span ? start + span - TimeSpan.FromSeconds(1) : at;

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private T Pick<T>(T[] items, Func<T, double> weight)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += weight(item);
        }

        var x = _random.NextDouble() * total;
        foreach (var item in items)
        {
            x -= weight(item);
            if (x < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    // Box-Muller: two uniforms to one normal draw.
    private double Normal(double mean, double sd) =>
        mean + (sd * Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));
}
