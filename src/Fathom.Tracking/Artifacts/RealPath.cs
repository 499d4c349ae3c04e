using Fathom.Core.Errors;

namespace Fathom.Tracking.Artifacts;

/// <summary>
/// Resolves every symbolic link along a path, like POSIX <c>realpath</c> but portable and tolerant of components
/// that do not exist yet (they are kept as written). The local repository compares the result with its root.
/// </summary>
internal static class RealPath
{
    // The same bound as Linux's MAXSYMLINKS: past it the links form a loop.
    private const int MaxLinkHops = 40;

    public static string Resolve(string path)
    {
        var hops = 0;
        return Resolve(path, ref hops);
    }

    /// <summary>True when <paramref name="candidate"/> is <paramref name="root"/> or below it (both real paths).</summary>
    public static bool IsUnder(string candidate, string root) =>
        candidate == root || candidate.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Resolve(string path, ref int hops)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var segment in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++hops > MaxLinkHops)
                throw FathomException.InvalidParameter($"Invalid path: too many symbolic links at '{next}'.");
            // A relative target is relative to the link's folder, which is already real, so resolving it from
            // there (GetFullPath folds '..' lexically) is exact.
            current = Resolve(Path.Combine(current, target), ref hops);
        }
        return current;
    }
}
