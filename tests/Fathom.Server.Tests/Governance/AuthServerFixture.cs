using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Fathom.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Tests.Governance;

/// <summary>
/// A real server with <c>--auth</c> on, its admin bootstrapped from the options (as from FATHOM_ADMIN_*), and one
/// HTTP client per identity. Users are created through the REST API, as an admin would.
/// </summary>
public sealed class AuthServerFixture : ServerFixture
{
    public const string AdminName = "root";
    public const string AdminPassword = "root-password-1";
    public const string Password = "user-password-1";

    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly HashSet<string> _created = [];

    /// <summary>Every line the server logged, to prove that no secret reaches the log.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    protected override void Configure(FathomServerOptions options)
    {
        options.Auth = true;
        options.RequestLogging = true;
        options.ConfigureLogging = logging => logging.AddProvider(new CapturingLoggerProvider(Log));
        options.AdminUsername = AdminName;
        options.AdminPassword = AdminPassword;
    }

    /// <summary>An admin's API, through HTTP Basic.</summary>
    public MlflowApi Admin => As(AdminName, AdminPassword);

    public MlflowApi Anonymous => new(Client("", null));

    public MlflowApi As(string username, string password = Password) =>
        new(Client(username + ":" + password, new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")))));

    public MlflowApi WithToken(string token) => new(Client("token:" + token, new AuthenticationHeaderValue("Bearer", token)));

    /// <summary>Creates a user (as the admin) unless this fixture already did.</summary>
    public async Task EnsureUserAsync(string username, string password = Password)
    {
        lock (_created)
        {
            if (!_created.Add(username))
            {
                return;
            }
        }

        var response = await Admin.PostAsync("users/create", MlflowApi.Json(new { username, password }));
        Assert.True(response.Status == System.Net.HttpStatusCode.OK || response.Body.Contains("RESOURCE_ALREADY_EXISTS"), response.Body);
    }

    private HttpClient Client(string key, AuthenticationHeaderValue? authorization)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(key, out var client))
            {
                client = new HttpClient { BaseAddress = Http.BaseAddress };
                client.DefaultRequestHeaders.Authorization = authorization;
                _clients[key] = client;
            }

            return client;
        }
    }
}

/// <summary>Keeps every formatted log line, with its exception, in memory.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
