using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LlmReference.Slo.Tests;

/// <summary>A Prometheus rules file read back with YamlDotNet, so tests assert on its structure rather than its text.</summary>
internal sealed class RulesYaml
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    public List<Group> Groups { get; set; } = [];

    public static RulesYaml Parse(string text) => Yaml.Deserialize<RulesYaml>(text);

    public Group GroupFor(string slo) => Assert.Single(Groups, g => g.Name == $"slo-{slo}");

    internal sealed class Group
    {
        public string Name { get; set; } = string.Empty;

        public List<Rule> Rules { get; set; } = [];

        public Rule Recording(string name) => Assert.Single(Rules, r => r.Record == name);

        public IReadOnlyList<Rule> Alerts => [.. Rules.Where(r => r.Alert is not null)];

        public Rule? Alert(string severity) => Alerts.SingleOrDefault(r => r.Labels["severity"] == severity);
    }

    internal sealed class Rule
    {
        public string? Record { get; set; }

        public string? Alert { get; set; }

        public string Expr { get; set; } = string.Empty;

        public string? For { get; set; }

        public Dictionary<string, string> Labels { get; set; } = [];

        public Dictionary<string, string> Annotations { get; set; } = [];
    }
}
