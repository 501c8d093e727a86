using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Recoupe.Web.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven through its ChromeDriver (packages chromium and chromium-driver, installed by
/// .ci/run). Nothing is downloaded: both programs are given by path, and each browser gets a new, empty profile.
/// </summary>
public sealed class Chromium : IDisposable
{
    public const string Binary = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile;

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason =>
        !File.Exists(Binary) ? $"needs Debian's chromium at {Binary} (apt-get install -y chromium chromium-driver)"
        : !File.Exists(DriverPath) ? $"needs Debian's chromium-driver at {DriverPath} (apt-get install -y chromium-driver)"
        : null;

    /// <param name="language">The browser's language (its Accept-Language and navigator.languages), e.g. "fr-FR"; Chromium's own when null.</param>
    public Chromium(int width = 1400, int height = 1000, string? language = null)
    {
        _profile = Path.Combine(Path.GetTempPath(), "recoupe-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_profile);
        var options = new ChromeOptions { BinaryLocation = Binary };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={_profile}",
            $"--window-size={width},{height}");
        if (language is not null)
        {
            options.AddArgument($"--lang={language}");
            options.AddUserProfilePreference("intl.accept_languages", language);
        }
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Opens a page and waits until its script marks it ready (body[data-ready]).</summary>
    public void Open(string url)
    {
        Driver.Navigate().GoToUrl(url);
        new WebDriverWait(Driver, TimeSpan.FromSeconds(30)).Until(d =>
            d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");
    }

    public object? Script(string script, params object[] args) => ((IJavaScriptExecutor)Driver).ExecuteScript(script, args);

    /// <summary>Saves a PNG of the window under the repository's TestResults/browser/ and returns its path.</summary>
    public string Screenshot(string name)
    {
        var folder = Path.Combine(Recoupe.Tests.Support.SharedData.RepoRoot, "TestResults", "browser");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        try { Driver.Quit(); } catch (WebDriverException) { }
        Driver.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A test that needs Chromium; skipped, with the reason, when it is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.MissingReason is { } reason) Skip = reason;
    }
}

/// <summary>A browser test that also needs a folder of ../shared (the seeds); skipped with the reason when either is missing.</summary>
public sealed class BrowserSharedFactAttribute : FactAttribute
{
    public BrowserSharedFactAttribute(string relative)
    {
        if (Chromium.MissingReason is { } reason) Skip = reason;
        else if (Recoupe.Tests.Support.SharedData.Find(relative) is null)
            Skip = $"needs ../shared/{relative}, which is not present beside this checkout";
    }
}
