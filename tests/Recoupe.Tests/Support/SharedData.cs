namespace Recoupe.Tests.Support;

/// <summary>
/// Finds ../shared (seeds, corpora, gold sets) beside the repository, or where RECOUPE_SHARED points.
/// Tests that need it call <see cref="RequireDirectory"/> and are skipped with the reason when it is absent.
/// </summary>
public static class SharedData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string? Root { get; } = FindShared();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Recoupe.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Recoupe.sln not found above the test binaries");
    }

    private static string? FindShared()
    {
        var fromEnv = Environment.GetEnvironmentVariable("RECOUPE_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv)) return Path.GetFullPath(fromEnv);
        var candidate = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        return Directory.Exists(Path.Combine(candidate, "seeds")) ? candidate : null;
    }

    /// <summary>The full path of a folder or file under shared/, or null when shared/ or that entry is missing.</summary>
    public static string? Find(string relative)
    {
        if (Root is null) return null;
        var full = Path.Combine(Root, relative);
        return File.Exists(full) || Directory.Exists(full) ? full : null;
    }

    public static string SamplesDir => Path.Combine(RepoRoot, "samples");
}
