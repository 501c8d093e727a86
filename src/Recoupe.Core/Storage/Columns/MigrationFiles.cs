using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Recoupe.Core.Storage;

/// <summary>One numbered schema step of a store: the SQL of its Migrations/NNNN_name.sql.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Reads a store's numbered migrations (each store has its own SQL dialect and its own files, embedded in its assembly
/// under a resource prefix) and checks their numbering, so every store follows one rule: add the next numbered file,
/// never edit one that has shipped.
/// </summary>
public static partial class MigrationFiles
{
    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();

    /// <summary>The migrations embedded in <paramref name="assembly"/> under <paramref name="resourcePrefix"/>, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded(Assembly assembly, string resourcePrefix)
    {
        var files = new List<(string FileName, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(resourcePrefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files.Add((resource[resourcePrefix.Length..], reader.ReadToEnd()));
        }
        return FromFiles(files);
    }

    /// <summary>Builds the ordered list from (file name, SQL) pairs; versions must run 1, 2, 3… without gaps or repeats.</summary>
    public static IReadOnlyList<Migration> FromFiles(IEnumerable<(string FileName, string Sql)> files)
    {
        var migrations = new List<Migration>();
        foreach (var (fileName, sql) in files)
        {
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
                throw new InvalidOperationException($"migration file '{fileName}' is not named NNNN_name.sql");
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, sql));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException(
                    $"migrations must be numbered 1, 2, 3… without gaps or repeats; found {migrations[i].Version} at position {i + 1}");
        }
        if (migrations.Count == 0) throw new InvalidOperationException("no schema migrations found");
        return migrations;
    }
}
