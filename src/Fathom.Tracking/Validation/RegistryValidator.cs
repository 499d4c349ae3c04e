using System.Globalization;
using System.Text.RegularExpressions;
using Fathom.Core.Errors;
using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Validation;

/// <summary>MLflow 2.17's model registry input rules and messages (<c>mlflow/utils/validation.py</c>).</summary>
public static partial class RegistryValidator
{
    public const int MaxTagKeyLength = 250;
    public const int MaxTagValueLength = 5000;
    public const int MaxAliasLength = 255;

    [GeneratedRegex(@"^[\w\-]*$")]
    private static partial Regex ValidAlias();

    [GeneratedRegex(@"^[vV]\d+$")]
    private static partial Regex VersionLikeAlias();

    public static void ModelName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw FathomException.InvalidParameter("Registered model name cannot be empty.");
        }
    }

    /// <summary>
    /// A version is anything Python's <c>int()</c> reads (surrounding spaces, a sign, digit-group underscores);
    /// returns the number, or null for one too large to exist.
    /// </summary>
    public static int? Version(string? version)
    {
        var text = (version ?? "").Trim();
        var digits = text.TrimStart('+', '-');
        var pythonInt = digits.Length > 0 && text.Length - digits.Length <= 1 && char.IsAsciiDigit(digits[0])
            && char.IsAsciiDigit(digits[^1]) && !digits.Contains("__", StringComparison.Ordinal)
            && digits.All(c => char.IsAsciiDigit(c) || c == '_');
        if (!pythonInt)
        {
            throw FathomException.InvalidParameter($"Model version must be an integer, got '{version}'");
        }

        return int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }

    public static void RegisteredModelTag(Tag tag)
    {
        TagName(tag.Key);
        LengthLimit("Registered model key", MaxTagKeyLength, tag.Key);
        LengthLimit("Registered model value", MaxTagValueLength, tag.Value);
    }

    public static void ModelVersionTag(Tag tag)
    {
        TagName(tag.Key);
        if (tag.Value is null)
        {
            throw FathomException.InvalidParameter("Tag value cannot be None");
        }

        LengthLimit("Model version key", MaxTagKeyLength, tag.Key);
        LengthLimit("Model version value", MaxTagValueLength, tag.Value);
    }

    /// <summary>Tag names follow the tracking rules (characters, no path tricks).</summary>
    public static void TagName(string? key) => TrackingValidator.TagName(key);

    public static void AliasName(string? alias)
    {
        if (string.IsNullOrEmpty(alias))
        {
            throw FathomException.InvalidParameter("Registered model alias name cannot be empty.");
        }

        if (!ValidAlias().IsMatch(alias))
        {
            throw FathomException.InvalidParameter(
                $"Invalid alias name: '{alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).");
        }

        LengthLimit("Registered model alias name", MaxAliasLength, alias);
        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            throw FathomException.InvalidParameter("'latest' alias name (case insensitive) is reserved.");
        }

        if (VersionLikeAlias().IsMatch(alias))
        {
            throw FathomException.InvalidParameter($"Version alias name '{alias}' is reserved.");
        }
    }

    private static void LengthLimit(string entityName, int limit, string? value)
    {
        if (value is not null && value.Length > limit)
        {
            throw FathomException.InvalidParameter(
                $"{entityName} '{value[..Math.Min(250, value.Length)]}' had length {value.Length}, which exceeded length limit of {limit}");
        }
    }
}
