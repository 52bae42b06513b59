using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace LlmReference.ModelServer;

/// <summary>Cross-field rules data annotations cannot express: the served model needs a valid profile.</summary>
internal sealed class ModelServerOptionsValidator : IValidateOptions<ModelServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelServerOptions options)
    {
        var failures = new List<string>();
        if (!options.Models.ContainsKey(options.Model))
        {
            failures.Add($"ModelServer:Model '{options.Model}' has no profile under ModelServer:Models (profiles: {string.Join(", ", options.Models.Keys)}).");
        }

        if (string.Equals(options.Model, options.EmbeddingModel, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("ModelServer:EmbeddingModel must differ from ModelServer:Model.");
        }

        foreach (var (model, profile) in options.Models)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(profile, new ValidationContext(profile), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"ModelServer:Models:{model}: {r.ErrorMessage}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
