using Fathom.Tracking.Governance;

namespace Fathom.Server.Governance;

/// <summary>Everything an access rule may look at: the caller, the bound request, and the permission resolver.</summary>
internal sealed record AccessRequest(Caller Caller, EndpointFilterInvocationContext Context, PermissionResolver Resolver, CancellationToken Ct)
{
    public IServiceProvider Services => Context.HttpContext.RequestServices;
}

/// <summary>Finds the resources a request touches; null means it touches none a permission can be granted on (admins only).</summary>
internal delegate ValueTask<IReadOnlyList<ResourceRef>?> ResourceLocator(AccessRequest request);

/// <summary>Who may call a route. Admins pass every rule, as in MLflow's auth app.</summary>
internal abstract record Access
{
    public static readonly Access AnyUser = new AnyUserAccess();
    public static readonly Access AdminOnly = new AdminAccess();

    /// <summary>The user named in <paramref name="field"/> themself, or an admin (MLflow's <c>username_is_sender</c>).</summary>
    public static Access Self(string field = "username") => new SelfAccess(field);

    public static Access On(ResourceLocator locator, Capability capability) => new ResourceAccess(locator, capability);

    public async ValueTask<bool> AllowsAsync(AccessRequest request) => request.Caller.IsAdmin || await CheckAsync(request);

    protected abstract ValueTask<bool> CheckAsync(AccessRequest request);

    private sealed record AnyUserAccess : Access
    {
        protected override ValueTask<bool> CheckAsync(AccessRequest request) => ValueTask.FromResult(true);
    }

    private sealed record AdminAccess : Access
    {
        protected override ValueTask<bool> CheckAsync(AccessRequest request) => ValueTask.FromResult(false);
    }

    private sealed record SelfAccess(string Field) : Access
    {
        protected override ValueTask<bool> CheckAsync(AccessRequest request) =>
            ValueTask.FromResult(RequestFields.GetString(request.Context, Field) == request.Caller.Username);
    }

    private sealed record ResourceAccess(ResourceLocator Locator, Capability Capability) : Access
    {
        protected override async ValueTask<bool> CheckAsync(AccessRequest request)
        {
            if (await Locator(request) is not { } resources)
            {
                return false;
            }

            foreach (var resource in resources)
            {
                if (!await request.Resolver.AllowsAsync(request.Caller, resource, Capability, request.Ct))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
