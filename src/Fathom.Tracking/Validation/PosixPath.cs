namespace Fathom.Tracking.Validation;

/// <summary>Python's <c>posixpath.normpath</c>: MLflow rejects key names that a file system would rewrite.</summary>
internal static class PosixPath
{
    public static string Normalize(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        // POSIX keeps exactly two leading slashes; one or three-plus collapse to one.
        var leading = path.StartsWith('/') ? (path.StartsWith("//") && !path.StartsWith("///") ? 2 : 1) : 0;
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part != ".." || (leading == 0 && parts.Count == 0) || (parts.Count > 0 && parts[^1] == ".."))
            {
                parts.Add(part);
            }
            else if (parts.Count > 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }
        }

        var normalized = new string('/', leading) + string.Join('/', parts);
        return normalized.Length == 0 ? "." : normalized;
    }
}
