using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LifeOS.Security.Tests;

/// <summary>One embedded server on a fresh data folder with a known JWT signing key (so tests can forge tokens with
/// and without it) and the owner's bootstrap token.</summary>
public sealed class SecureServer : WebApplicationFactory<Program>
{
    public const string OwnerToken = "owner-token-for-the-security-tests";
    public const string Issuer = "lifeos";
    public const string Audience = "lifeos-api";
    public const string Password = "correct horse battery staple";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _keepDataDir;

    /// <param name="kestrel">Serve on a real Kestrel socket (size limits, WebSocket handshakes as clients see them) instead of the test server.</param>
    public SecureServer(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? dataDir = null, bool kestrel = false)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        _keepDataDir = dataDir is not null;
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("lifeos-security-").FullName;
        if (kestrel)
        {
            UseKestrel(0);
            StartServer();
            // Port 0 picked a free port; clients need the one Kestrel actually listens on.
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            ClientOptions.BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>The server's address (ws:// for WebSockets).</summary>
    public Uri Address => ClientOptions.BaseAddress;

    public string DataDir { get; }

    /// <summary>The HS256 key the server signs access tokens with.</summary>
    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(64);

    public ConcurrentQueue<string> LoggedErrors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("LifeOS:DataDir", DataDir);
        builder.UseSetting("LifeOS:Auth:BootstrapToken", OwnerToken);
        builder.UseSetting("LifeOS:Auth:Jwt:SigningKey", Convert.ToBase64String(SigningKey));
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is not null)
            builder.ConfigureTestServices(_services);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new ErrorCollector(LoggedErrors));
        });
    }

    public HttpClient Client(string? token = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Registers an account and logs it in.</summary>
    public async Task<User> SignUpAsync(string login)
    {
        using var anonymous = Client();
        using var registered = await anonymous.PostAsJsonAsync("/v1/auth/register", new { login, password = Password });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, $"register {login}: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        var id = (await registered.Content.ReadFromJsonAsync<JsonObject>())!["userId"]!.GetValue<string>();
        var tokens = await LoginAsync(login);
        return new User(id, login, tokens["accessToken"]!.GetValue<string>(), tokens["refreshToken"]!.GetValue<string>());
    }

    public async Task<JsonObject> LoginAsync(string login, string password = Password)
    {
        using var anonymous = Client();
        using var response = await anonymous.PostAsJsonAsync("/v1/auth/login", new { login, password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login {login}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Waits until every consumer group has processed everything acknowledged so far.</summary>
    public async Task WaitForPersistenceAsync()
    {
        using var client = Client(OwnerToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var groups = (await client.GetFromJsonAsync<JsonObject>("/v1/pipeline"))!["groups"]!.AsArray();
            if (groups.All(g => g!["lag"]!.GetValue<long>() == 0))
                return;
            await Task.Delay(20);
        }

        Assert.Fail("the pipeline did not catch up in time");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keepDataDir)
            return;
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle released a moment late; the OS temp cleaner gets the folder.
        }
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                errors.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message));
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>A registered, logged-in account.</summary>
public sealed record User(string Id, string Login, string AccessToken, string RefreshToken);
