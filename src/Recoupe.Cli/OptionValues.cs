using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Recoupe.Cli;

/// <summary>
/// Parsers and checks for the values of options and arguments. A bad value becomes one parse error naming the option
/// and the value as typed (the CLI then prints the usage and exits 2), never an exception: System.CommandLine's own
/// conversion errors name a .NET type, and a validator that reads a value it failed to convert throws.
/// Checks read the raw tokens for that reason.
/// </summary>
public static class OptionValues
{
    /// <summary>Parses a whole number from <paramref name="min"/> to <paramref name="max"/>; null when nothing was given.</summary>
    public static Func<ArgumentResult, int?> WholeNumber(int min, int max = int.MaxValue) => result =>
        SingleToken(result) is { } token && InRange(result, token, min, max, out var value) ? (int)value : null;

    /// <summary>Parses an id: a whole number, 1 or more.</summary>
    public static Func<ArgumentResult, long> Id() => result =>
        SingleToken(result) is { } token && InRange(result, token, 1, long.MaxValue, out var value) ? value : 0;

    /// <summary>Parses comma-separated ids ("1, 2,3"); at least one.</summary>
    public static Func<ArgumentResult, IReadOnlyList<long>?> IdList() => result =>
    {
        if (SingleToken(result) is not { } token) return null;
        var ids = new List<long>();
        foreach (var part in token.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                result.AddError($"{Label(result)}: '{part}' is not an article id (a whole number, 1 or more)");
                return null;
            }
            ids.Add(id);
        }
        if (ids.Count == 0) result.AddError($"{Label(result)}: '{token}' holds no article id");
        return ids;
    };

    /// <summary>Refuses any value not among <paramref name="allowed"/> (ordinal), naming the ones that are.</summary>
    public static void OneOf(Option<string> option, IReadOnlyList<string> allowed) =>
        Check(option, value => allowed.Contains(value, StringComparer.Ordinal), "is not one of " + string.Join(", ", allowed));

    /// <summary>Refuses a value for which <paramref name="check"/> answers an error (null: the value is good).</summary>
    public static void Check(Option option, Func<string, string?> check) =>
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (check(token.Value) is { } problem) result.AddError($"{option.Name}: '{token.Value}' {problem}");
        });

    /// <summary>Refuses a value for which <paramref name="isGood"/> is false, saying <paramref name="problem"/>.</summary>
    public static void Check(Option option, Func<string, bool> isGood, string problem) =>
        Check(option, value => isGood(value) ? null : problem);

    /// <summary>Refuses an argument value for which <paramref name="check"/> answers an error (null: the value is good).</summary>
    public static void Check(Argument argument, Func<string, string?> check) =>
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (check(token.Value) is { } problem) result.AddError($"<{argument.Name}>: '{token.Value}' {problem}");
        });

    /// <summary>What is wrong with a path that must name an existing file; null when it does.</summary>
    public static string? ExistingFile(string path) =>
        File.Exists(path) ? null : Directory.Exists(path) ? "is a folder, not a file" : "does not exist";

    /// <summary>What is wrong with a path that must name an existing folder; null when it does.</summary>
    public static string? ExistingFolder(string path) =>
        Directory.Exists(path) ? null : File.Exists(path) ? "is a file, not a folder" : "does not exist";

    /// <summary>What is wrong with a path that must name an existing file or folder; null when it does.</summary>
    public static string? ExistingPath(string path) => File.Exists(path) || Directory.Exists(path) ? null : "does not exist";

    /// <summary>
    /// What is wrong with a list of listening addresses (semicolon-separated, as ASP.NET Core's <c>urls</c>); null when
    /// each is an http:// or https:// URL with a host, an optional port and no path. "*" and "+" stand for every address.
    /// </summary>
    public static string? ListenUrls(string value)
    {
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return "names no address (e.g. http://127.0.0.1:5080)";
        foreach (var part in parts)
        {
            // Kestrel's wildcard hosts are not host names to Uri: check the rest of the address with a stand-in.
            var candidate = part.Replace("://*", "://any-host", StringComparison.Ordinal).Replace("://+", "://any-host", StringComparison.Ordinal);
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                return part == value ? "is not an http:// or https:// URL (e.g. http://127.0.0.1:5080)" : $"holds '{part}', which is not an http:// or https:// URL";
            if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
                return (part == value ? "is not" : $"holds '{part}', which is not") + " an address to listen on (a scheme, a host and a port, nothing else)";
        }
        return null;
    }

    /// <summary>The one token given, or null (with an error when there are several).</summary>
    private static string? SingleToken(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        if (result.Tokens.Count > 1)
        {
            result.AddError($"{Label(result)}: given {result.Tokens.Count} values ({string.Join(", ", result.Tokens.Select(t => $"'{t.Value}'"))}), expected one");
            return null;
        }
        return result.Tokens[0].Value;
    }

    private static bool InRange(ArgumentResult result, string token, long min, long max, out long value)
    {
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return true;
        var range = max == int.MaxValue || max == long.MaxValue ? $"{min} or more" : $"{min} to {max}";
        result.AddError($"{Label(result)}: '{token}' is not a whole number ({range})");
        return false;
    }

    /// <summary>How an error names what was given: the option's name, or the argument's in angle brackets as the usage shows it.</summary>
    private static string Label(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : $"<{result.Argument.Name}>";
}

/// <summary>Options that several commands declare the same way.</summary>
public static class SharedOptions
{
    /// <summary><c>--limit N</c> (<c>-n</c>) of a listing: text shows <paramref name="defaultRows"/> unless given, JSON all.</summary>
    public static Option<int?> Limit(string what, int defaultRows) => new("--limit", "-n")
    {
        Description = $"Show at most N {what} (text: {defaultRows} unless given; JSON: all unless given)",
        HelpName = "N",
        CustomParser = OptionValues.WholeNumber(0),
    };

    /// <summary>Most threads a command may run the pipeline on.</summary>
    public const int MaxParallel = 256;

    /// <summary><c>--parallel N</c>: threads running the pipeline; null when not given (one per core).</summary>
    public static Option<int?> Parallel() => new("--parallel")
    {
        Description = "Threads running the pipeline (default: one per core)",
        HelpName = "N",
        CustomParser = OptionValues.WholeNumber(1, MaxParallel),
    };
}
