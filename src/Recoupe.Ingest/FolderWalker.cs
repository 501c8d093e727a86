namespace Recoupe.Ingest;

/// <summary>
/// Lists the files of a folder that we read, recursively, in a fixed order: each folder's entries sorted by ordinal
/// name, sub-folders walked where they sort. Hidden entries (dot names or the hidden attribute) and files with
/// extensions we do not read are skipped without a word. A folder reached twice through links is walked once.
/// </summary>
internal static class FolderWalker
{
    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Each entry is a readable file path, or a failure for a folder that could not be listed.</summary>
    public static IEnumerable<(string? File, ReadFailure? Failure)> Walk(string root)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { RealPath(new DirectoryInfo(root)) };
        return Walk(root, visited);
    }

    private static IEnumerable<(string?, ReadFailure?)> Walk(string folder, HashSet<string> visited)
    {
        List<FileSystemInfo> entries;
        string? error = null;
        try
        {
            entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", ListOptions).ToList();
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            entries = [];
            error = ArticleReader.Describe(ex);
        }
        if (error is not null)
        {
            yield return (null, new ReadFailure(folder, $"cannot list folder: {error}"));
            yield break;
        }

        foreach (var entry in entries)
        {
            if (IsHidden(entry)) continue;
            var path = Path.Combine(folder, entry.Name);
            if (entry is DirectoryInfo directory)
            {
                if (!visited.Add(RealPath(directory))) continue;
                foreach (var found in Walk(path, visited)) yield return found;
            }
            else if (entry.Attributes.HasFlag(FileAttributes.Directory))
            {
                continue; // a link to a folder reported as a file entry: walk it only through DirectoryInfo
            }
            else
            {
                FormatDetector.FromFileName(entry.Name, out var known);
                if (known) yield return (path, null);
            }
        }
    }

    private static bool IsHidden(FileSystemInfo entry) =>
        entry.Name.StartsWith('.') || entry.Attributes.HasFlag(FileAttributes.Hidden);

    private static string RealPath(DirectoryInfo directory)
    {
        try
        {
            var target = directory.LinkTarget is null ? null : directory.ResolveLinkTarget(returnFinalTarget: true);
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath((target ?? directory).FullName));
        }
        catch (IOException)
        {
            return Path.GetFullPath(directory.FullName);
        }
    }
}
