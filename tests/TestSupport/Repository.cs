namespace LlmReference.TestSupport;

/// <summary>Paths in the repository the test assembly was built from (found by walking up to <c>LlmReference.sln</c>).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LlmReference.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (LlmReference.sln) was not found above " + AppContext.BaseDirectory);
    }
}
