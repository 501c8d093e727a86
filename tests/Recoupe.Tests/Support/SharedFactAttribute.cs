namespace Recoupe.Tests.Support;

/// <summary>A fact that needs a file or folder under ../shared; skipped, with the reason, when it is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute(string relative)
    {
        if (SharedData.Find(relative) is null)
            Skip = $"needs ../shared/{relative}, which is not present beside this checkout";
    }
}

/// <summary>A theory that needs a file or folder under ../shared; skipped, with the reason, when it is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute(string relative)
    {
        if (SharedData.Find(relative) is null)
            Skip = $"needs ../shared/{relative}, which is not present beside this checkout";
    }
}
