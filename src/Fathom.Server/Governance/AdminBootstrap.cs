using Fathom.Tracking.Governance;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Governance;

/// <summary>
/// At start with authentication on: creates the admin named by <c>FATHOM_ADMIN_USERNAME</c>/<c>FATHOM_ADMIN_PASSWORD</c>
/// if that user does not exist yet (an existing user's password is never reset from the environment), and warns
/// when the store has no admin at all. There is no built-in default password, unlike MLflow's basic_auth.ini.
/// </summary>
internal sealed partial class AdminBootstrap(IAuthStore auth, IOptions<FathomServerOptions> options, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Auth)
        {
            return;
        }

        if (settings.AdminUsername is { } username && settings.AdminPassword is { } password
            && await auth.FindUserAsync(username, cancellationToken) is null)
        {
            await auth.CreateUserAsync(username, PasswordHasher.Hash(password), isAdmin: true, cancellationToken);
            LogCreated(logger, username);
        }

        if (!(await auth.ListUsersAsync(cancellationToken)).Any(u => u.IsAdmin))
        {
            LogNoAdmin(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created admin user '{Username}' from the server configuration.")]
    private static partial void LogCreated(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication is on but no admin exists: set FATHOM_ADMIN_USERNAME and FATHOM_ADMIN_PASSWORD, or run `fathom users create-admin`.")]
    private static partial void LogNoAdmin(ILogger logger);
}
