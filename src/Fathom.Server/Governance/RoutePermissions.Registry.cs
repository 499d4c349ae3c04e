namespace Fathom.Server.Governance;

internal static partial class RoutePermissions
{
    /// <summary>The model registry's routes (filled in as the registry API lands).</summary>
    private static void AddRegistry(Action<string, string, RouteRule> add)
    {
    }
}
