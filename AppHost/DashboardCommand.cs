using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>A dashboard command that POSTs to one of the resource's own HTTP endpoints.</summary>
/// <param name="Name">Command name (stable: tests and <c>ResourceCommandService</c> callers use it).</param>
/// <param name="Path">Path and query on the resource's <c>http</c> endpoint.</param>
/// <param name="DisplayName">Label in the dashboard.</param>
/// <param name="Icon">Fluent UI icon name.</param>
/// <param name="Description">Tooltip.</param>
/// <param name="ConfirmationMessage">Asked before a destructive command runs; null runs it at once.</param>
public sealed record DashboardCommand(string Name, string Path, string DisplayName, string Icon, string Description, string? ConfirmationMessage = null);

public static class DashboardCommandExtensions
{
    /// <summary>Adds each command as an HTTP POST to the resource's <c>http</c> endpoint.</summary>
    public static IResourceBuilder<ProjectResource> WithPostCommands(
        this IResourceBuilder<ProjectResource> resource,
        IEnumerable<DashboardCommand> commands,
        Func<HttpCommandRequestContext, Task>? prepareRequest = null)
    {
        foreach (var command in commands)
        {
            // WithHttpCommand escapes its path, so a query string is put on the request when the command runs.
            var (path, query) = command.Path.IndexOf('?') is var q and >= 0
                ? (command.Path[..q], command.Path[(q + 1)..])
                : (command.Path, null);

            resource.WithHttpCommand(
                path,
                command.DisplayName,
                endpointName: "http",
                commandName: command.Name,
                commandOptions: new HttpCommandOptions
                {
                    Method = HttpMethod.Post,
                    Description = command.Description,
                    IconName = command.Icon,
                    ConfirmationMessage = command.ConfirmationMessage,
                    // Usable whenever the process runs: "Heal" matters most when the resource is not Healthy.
                    UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
                        ? ResourceCommandState.Enabled
                        : ResourceCommandState.Disabled,
                    PrepareRequest = async context =>
                    {
                        if (query is not null && context.Request.RequestUri is { } uri)
                        {
                            context.Request.RequestUri = new UriBuilder(uri) { Query = query }.Uri;
                        }

                        if (prepareRequest is not null)
                        {
                            await prepareRequest(context);
                        }
                    },
                });
        }

        return resource;
    }
}
