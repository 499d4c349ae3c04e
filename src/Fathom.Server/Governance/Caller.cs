using Fathom.Core.Errors;

namespace Fathom.Server.Governance;

/// <summary>
/// Who is making the request. With authentication off every request comes from <see cref="Unrestricted"/>, which
/// passes every permission check but cannot manage users (there is nobody to be).
/// </summary>
internal sealed record Caller(long UserId, string? Username, bool IsAdmin)
{
    public static readonly Caller Unrestricted = new(0, null, IsAdmin: true);

    public bool IsAuthenticated => Username is not null;

    /// <summary>The caller's name, or FEATURE_DISABLED when authentication is off (user management needs a user).</summary>
    public string RequireUsername() => Username ?? throw new FathomException(ErrorCode.FEATURE_DISABLED,
        "Authentication is off on this server; start it with `fathom server --auth` to manage users, tokens and permissions.");
}

internal static class CallerContext
{
    private static readonly object Key = new();

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;

    /// <summary>The caller set by <see cref="AuthenticationMiddleware"/>; unrestricted when authentication is off.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var caller) && caller is Caller known ? known : Governance.Caller.Unrestricted;
}
