namespace LlmReference.SloRules;

/// <summary>
/// The repository the tool works on: the nearest folder at or above the current directory that holds
/// <c>LlmReference.sln</c>, so <c>dotnet run --project SloRules</c> behaves the same from any folder of the clone.
/// </summary>
internal static class RepositoryRoot
{
    public const string Marker = "LlmReference.sln";

    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
