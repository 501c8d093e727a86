using System.Globalization;

namespace Recoupe.Cli.Output;

/// <summary>How the text tables write values.</summary>
public static class CellFormat
{
    public static string Value(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Kind<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
