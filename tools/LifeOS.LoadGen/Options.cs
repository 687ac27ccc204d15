using System.CommandLine;
using System.CommandLine.Parsing;
using System.Security.Cryptography;

namespace LifeOS.LoadGen;

/// <summary>Wire format of an ingest request body.</summary>
public enum PayloadFormat
{
    Json,
    Ndjson,
}

/// <summary>Everything one run needs, parsed from the command line.</summary>
public sealed record LoadGenOptions(
    Uri? Url,
    string? Token,
    int Devices,
    int Seconds,
    int Batch,
    int Concurrency,
    PayloadFormat Format,
    long? BaselineRows,
    int Seed,
    string RunTag,
    bool Json);

/// <summary>The command line: every option with its help text, defaults and checks.</summary>
public static class LoadGenCommand
{
    public static RootCommand Create(Func<LoadGenOptions, CancellationToken, Task<int>> run)
    {
        var url = new Option<string?>("--url")
        {
            Description = "Base URL of a running LifeOS server (e.g. http://127.0.0.1:5080). When omitted, the built "
                + "services/LifeOS.Server is started on a free loopback port with a fresh temp data dir and a random "
                + "token, and stopped (dir deleted) at the end.",
            HelpName = "uri",
        };
        var token = new Option<string?>("--token")
        {
            Description = "Bearer token allowed to ingest and query. Required with --url.",
            HelpName = "token",
        };
        var devices = Positive(new Option<int>("--devices")
        {
            HelpName = "n",
            Description = "Simulated devices: half phones (accelerometer 50 Hz, GPS 1 Hz, an app event every ~30 s), "
                + "half watches (heart rate 1 Hz, steps every 60 s, accelerometer 50 Hz).",
            DefaultValueFactory = _ => 20,
        });
        var seconds = Positive(new Option<int>("--seconds")
        {
            HelpName = "s",
            Description = "How long to send, in real seconds. Simulated time runs as fast as the server acknowledges.",
            DefaultValueFactory = _ => 20,
        });
        var batch = Positive(new Option<int>("--batch")
        {
            HelpName = "events",
            Description = "Events per ingest request.",
            DefaultValueFactory = _ => 1000,
        });
        var concurrency = Positive(new Option<int>("--concurrency")
        {
            HelpName = "n",
            Description = "Requests in flight at once. Each in-flight request owns a disjoint share of the devices, "
                + "so every device's seqs reach the server in order; capped at --devices.",
            DefaultValueFactory = _ => 8,
        });
        var format = new Option<string>("--format")
        {
            Description = "Request body: a JSON array (application/json) or one event per line (application/x-ndjson).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "ndjson");
        var baselineRows = new Option<long?>("--baseline-rows")
        {
            Description = "Rows the SQLite baseline inserts (same rows the run generated: id, type, device, seq, "
                + "time in unix microseconds, data as JSON text; WAL, synchronous=FULL, one prepared INSERT, "
                + "10,000 rows per transaction). Default: the number of events the run acknowledged. 0 skips it.",
            HelpName = "rows",
        };
        baselineRows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() < 0)
                r.AddError("--baseline-rows must be 0 or more.");
        });
        var seed = new Option<int>("--seed")
        {
            HelpName = "n",
            Description = "Seed for the simulated data; the same seed gives the same events, so runs compare.",
            DefaultValueFactory = _ => 42,
        };
        var runTag = new Option<string?>("--run-tag")
        {
            Description = "Prefix of device names and event ids (letters and digits). Default: 6 random hex digits, "
                + "so repeated runs against one --url server do not collide with earlier devices' seqs.",
            HelpName = "tag",
        };
        runTag.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string?>() ?? "";
            if (value.Length is 0 or > 32 || !value.All(char.IsAsciiLetterOrDigit))
                r.AddError("--run-tag must be 1 to 32 ASCII letters or digits.");
        });
        var json = new Option<bool>("--json")
        {
            Description = "Print the summary as one JSON object on stdout instead of text (progress stays on stderr).",
        };

        var command = new RootCommand(
            "Pushes simulated multi-device life data at a LifeOS server (POST /v1/ingest), waits until "
            + "GET /v1/pipeline reports every consumer group caught up, then times a plain SQLite bulk insert of "
            + "the same rows on this machine and prints both rates and their ratio. Exit code 1 when any event "
            + "was rejected, any request failed or persistence did not finish within 120 s.")
        {
            url, token, devices, seconds, batch, concurrency, format, baselineRows, seed, runTag, json,
        };
        command.Validators.Add(result =>
        {
            var urlText = result.GetValue(url);
            if (urlText is null)
                return;
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                result.AddError("--url must be an absolute http:// or https:// URL.");
            if (string.IsNullOrWhiteSpace(result.GetValue(token)))
                result.AddError("--token is required with --url.");
        });

        command.SetAction((parse, cancellationToken) =>
        {
            var options = new LoadGenOptions(
                parse.GetValue(url) is { } u ? new Uri(u, UriKind.Absolute) : null,
                parse.GetValue(token),
                parse.GetValue(devices),
                parse.GetValue(seconds),
                parse.GetValue(batch),
                Math.Min(parse.GetValue(concurrency), parse.GetValue(devices)),
                parse.GetValue(format) == "ndjson" ? PayloadFormat.Ndjson : PayloadFormat.Json,
                parse.GetValue(baselineRows),
                parse.GetValue(seed),
                parse.GetValue(runTag) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)),
                parse.GetValue(json));
            return run(options, cancellationToken);
        });
        return command;
    }

    private static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError($"{option.Name} must be 1 or more.");
        });
        return option;
    }
}
