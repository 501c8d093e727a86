using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Recoupe.Web.Alerts;
using Recoupe.Web.Api;
using Recoupe.Web.Hosting;
using Recoupe.Web.Ingest;
using Recoupe.Web.Storage;
using Recoupe.Web.Stories;
using Recoupe.Web.Watch;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Recoupe.Web;

/// <summary>
/// Builds the Recoupe server: the JSON API under /api, its OpenAPI description at /openapi/v1.json, and the page.
/// One writer (<see cref="IngestQueue"/>) and pooled readers (<see cref="ReadStores"/>) share one SQLite file in WAL mode.
/// </summary>
public static class RecoupeWebApp
{
    /// <summary>Name of the API key's security scheme in the OpenAPI description.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Where the server listens unless told otherwise: this machine only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Pages served by the app, by route, and the embedded file each one is.</summary>
    public static readonly IReadOnlyDictionary<string, string> Pages = new Dictionary<string, string>
    {
        ["/"] = "index.html",
        ["/search"] = "index.html",
        ["/articles/{id:long:min(1)}"] = "article.html",
        ["/stories/{id:length(1,100)}"] = "story.html",
        ["/sources"] = "sources.html",
    };

    /// <param name="args">Command-line configuration (<c>--urls URL</c>, <c>--Recoupe:Db PATH</c>, <c>--Recoupe:ApiKey KEY</c>).</param>
    /// <param name="configure">A last say over the builder (tests, <c>recoupe serve</c>).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(RecoupeWebApp).Assembly.GetName().Name,
        });
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);
        RefuseOpenWithoutKey(builder.Configuration);
        AddServices(builder);

        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RecoupeWebOptions>()
            .Bind(builder.Configuration.GetSection(RecoupeWebOptions.Section))
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrEmpty(options.ApiKey)) options.ApiKey = configuration[RecoupeWebOptions.ApiKeyEnvironment];
            });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var limit = context.Configuration.GetValue<long?>($"{RecoupeWebOptions.Section}:{nameof(RecoupeWebOptions.MaxRequestBytes)}");
            kestrel.Limits.MaxRequestBodySize = limit ?? new RecoupeWebOptions().MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });

        services.AddSingleton<WriteStore>();
        services.AddSingleton<ReadStores>();
        services.AddSingleton<StoryCatalogService>();
        services.AddSingleton<StoryDigests>();
        services.AddSingleton<WebAlerts>();
        services.AddSingleton<DevelopingArticles>();
        services.TryAddSingleton(new ServerWatch());
        services.AddSingleton<WatchService>();
        services.AddHostedService(provider => provider.GetRequiredService<WatchService>());
        services.AddHostedService<HookDeliveryService>();
        services.AddSingleton<IngestQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<IngestQueue>());
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<StoreChanges>();
        services.AddSingleton<WriteBudget>();
        services.AddSingleton<QueueMonitor>();
        services.AddSingleton<QueuePublishing>();
        services.AddWriteRateLimits();

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // Accents stay readable, but <, >, &, quotes are escaped: an answer sniffed as HTML would still be inert.
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Recoupe API";
            document.Info.Description =
                "Push articles in (one or a batch: text, HTML, JSON, JSON Lines, RSS/Atom) and read them back with their " +
                "annotations; search articles and quotations. Write endpoints need the X-Api-Key header when the server has a key. " +
                "Errors are RFC 7807 problem details.";
            document.AddComponent<IOpenApiSecurityScheme>(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyFilter.Header,
                Description = "Required by write endpoints when the server has a key (Recoupe:ApiKey or RECOUPE_API_KEY).",
            });
            return Task.CompletedTask;
        }));
    }

    private static void UsePipeline(WebApplication app)
    {
        // Open the write store (and migrate the schema) before the first request, and fail at start when it cannot open.
        _ = app.Services.GetRequiredService<WriteStore>();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseCrossSiteWriteGuard(app.Services.GetRequiredService<IOptions<RecoupeWebOptions>>().Value);
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapApi();
        app.MapAlerts();
        app.MapDeveloping();
        app.MapHealth();
        app.MapUiStrings();
        app.MapStaticAssets(Pages);

        app.Lifetime.ApplicationStarted.Register(() => AnnounceListening(app));
    }

    /// <summary>Where the server will listen: <c>urls</c> (semicolon-separated) and every Kestrel endpoint in the configuration.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls;
    }

    /// <summary>Without an API key anyone who reaches the server can write: refuse to listen beyond this machine.</summary>
    private static void RefuseOpenWithoutKey(IConfiguration configuration)
    {
        var key = configuration[$"{RecoupeWebOptions.Section}:{nameof(RecoupeWebOptions.ApiKey)}"];
        if (string.IsNullOrEmpty(key)) key = configuration[RecoupeWebOptions.ApiKeyEnvironment];
        if (!string.IsNullOrEmpty(key)) return;
        var open = ConfiguredUrls(configuration).Where(url => !IsLoopback(url)).ToList();
        if (open.Count > 0)
            throw new InvalidOperationException(
                $"refusing to listen on {string.Join(", ", open)} without an API key: anyone who can reach it could write articles. " +
                "Give a key (--api-key, Recoupe:ApiKey or RECOUPE_API_KEY) or listen on loopback (http://127.0.0.1:PORT).");
    }

    /// <summary>Says at start who can write; stops a server that ended up listening beyond this machine without a key.</summary>
    private static void AnnounceListening(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RecoupeWebOptions>>().Value;
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Recoupe.Web");
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            log.LogInformation("listening on {Addresses}; writes need the API key", string.Join(", ", addresses));
            return;
        }
        var open = addresses.Where(a => !IsLoopback(a)).ToList();
        if (open.Count > 0)
        {
            log.LogCritical("listening on {Addresses} beyond this machine with no API key: stopping (give a key or listen on loopback)",
                string.Join(", ", open));
            app.Lifetime.StopApplication();
            return;
        }
        log.LogInformation("listening on loopback only ({Addresses}): no API key, so only this machine can reach the server " +
                           "(give a key with --api-key, Recoupe:ApiKey or RECOUPE_API_KEY to listen beyond it)", string.Join(", ", addresses));
    }

    /// <summary>True for http://127.x.x.x, http://[::1] and http://localhost addresses.</summary>
    public static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri))
            return false;
        if (uri.IsLoopback) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
