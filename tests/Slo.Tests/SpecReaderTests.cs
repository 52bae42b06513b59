namespace LlmReference.Slo.Tests;

public class SpecReaderTests
{
    [Fact]
    public void RepositorySpecsAreValid()
    {
        var specs = SloSpecReader.ReadDirectory(Repository.Path("slo"));
        Assert.Contains(specs, s => s.Name == "chatapi-availability" && s.Objective == 0.999 && s.Service == "chatapi");
        Assert.All(specs, s => Assert.Equal(TimeSpan.FromDays(30), s.Period));
    }
}
