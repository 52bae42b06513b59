using LlmReference.LoadGenerator.Scheduling;

namespace LlmReference.LoadGenerator.Tests.Scheduling;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void ConstantRateSpacesArrivalsEvenly()
    {
        var times = ArrivalSchedule.Constant(4, TimeSpan.FromSeconds(2)).IntendedTimes().ToList();

        Assert.Equal([0, 250, 500, 750, 1000, 1250, 1500, 1750], times.Select(t => t.TotalMilliseconds));
    }

    [Fact]
    public void SteppedRateChangesSpacingAtEachStep()
    {
        var schedule = ArrivalSchedule.Parse("2@1s,10@0.5s,1@2s", TimeSpan.Zero);

        Assert.Equal([0, 500, 1000, 1100, 1200, 1300, 1400, 1500, 2500], schedule.IntendedTimes().Select(t => t.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(3.5), schedule.Duration);
    }

    [Fact]
    public void LongRunsDoNotDriftFromTheRate()
    {
        // 3/s does not divide a tick evenly; times come from the step start, so the 10,800th arrival is still exact.
        var last = ArrivalSchedule.Constant(3, TimeSpan.FromHours(1)).IntendedTimes().Last();

        Assert.Equal(TimeSpan.FromHours(1) - TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond / 3.0)), last);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("5@0s")]
    [InlineData("fast")]
    [InlineData("99999")]
    public void RejectsRatesThatAreNotPositiveAndBounded(string rate) =>
        Assert.ThrowsAny<Exception>(() => ArrivalSchedule.Parse(rate, TimeSpan.FromSeconds(10)));
}
