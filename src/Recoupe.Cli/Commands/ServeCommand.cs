using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Recoupe.Web;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>serve [--urls URL] [--db PATH] [--api-key KEY] [--watch]</c>: the HTTP API and the page, on this machine only unless told
/// otherwise; an address beyond loopback needs an API key (refused at start without one, see <see cref="RecoupeWebApp"/>).
/// Stops on Ctrl+C (or SIGTERM) after storing what it had accepted.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (semicolon-separated); loopback by default, and only loopback without an API key",
            HelpName = "URL",
            DefaultValueFactory = _ => RecoupeWebApp.DefaultUrls,
        };
        OptionValues.Check(urls, OptionValues.ListenUrls);
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "Require this key in the X-Api-Key header for writes (default: Recoupe:ApiKey or RECOUPE_API_KEY)",
            HelpName = "KEY",
        };

        var watch = new Option<bool>("--watch") { Description = "Also poll the watched sources (`recoupe sources`), as `recoupe watch` does" };

        // The same options as `worker` and `status`: POSTed (and watched) articles are published there instead of stored,
        // and /api/status shows the queue's depth, workers and dead letters.
        var queue = QueueCommands.QueueOption();
        queue.Description = "Publish POSTed and watched articles to this RabbitMQ work queue for `recoupe worker` instead of storing them (default: RECOUPE_QUEUE)";
        var queueName = QueueCommands.QueueNameOption();

        var command = new Command("serve", "Serve the HTTP API (/api, /openapi/v1.json) and the web page");
        command.Options.Add(queue);
        command.Options.Add(queueName);
        command.Options.Add(urls);
        command.Options.Add(apiKey);
        command.Options.Add(watch);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var listen = parse.GetValue(urls) ?? RecoupeWebApp.DefaultUrls;
            var settings = new Dictionary<string, string?>
            {
                ["urls"] = listen,
                ["Recoupe:Db"] = context.DbPath,
            };
            if (parse.GetValue(apiKey) is { Length: > 0 } key) settings["Recoupe:ApiKey"] = key;
            if (parse.GetValue(watch)) settings["Recoupe:Watch"] = "true";
            if (parse.GetValue(queue) is { Length: > 0 } queueUrl)
            {
                settings["Recoupe:Queue"] = queueUrl;
                settings["Recoupe:QueueName"] = parse.GetValue(queueName);
            }

            WebApplication app;
            try
            {
                app = RecoupeWebApp.Create([], builder => builder.Configuration.AddInMemoryCollection(settings));
            }
            catch (InvalidOperationException e)
            {
                throw new CliException(e.Message);
            }
            using (app as IDisposable)
            {
                try
                {
                    app.Start();
                }
                catch (IOException e)
                {
                    throw new CliException($"cannot listen on {listen}: {e.Message}");
                }
                context.Error.WriteLine($"recoupe: serving {context.DbName} on {string.Join(", ", app.Urls)} (Ctrl+C to stop)");
                app.WaitForShutdown();
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
