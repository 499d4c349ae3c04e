using System.Globalization;
using System.Reflection;
using Fathom.Core.Errors;

namespace Fathom.Training.Trainers;

/// <summary>
/// Sets <c>--param key=value</c> on a trainer's options object by field or property name: case-insensitive,
/// underscores and dashes ignored (so <c>number_of_leaves</c> finds <c>NumberOfLeaves</c>), plus LightGBM's
/// native spellings of the common ones. Only scalar options are settable; an unknown name lists the valid ones.
/// </summary>
internal static class TrainerParameters
{
    // Column-name options are wired by the pipeline, not tuned.
    private static readonly HashSet<string> Wiring = new(StringComparer.Ordinal)
    {
        "LabelColumnName", "FeatureColumnName", "ExampleWeightColumnName", "RowGroupColumnName",
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["num_leaves"] = "NumberOfLeaves", ["num_iterations"] = "NumberOfIterations", ["n_estimators"] = "NumberOfIterations",
        ["num_trees"] = "NumberOfTrees", ["min_data_in_leaf"] = "MinimumExampleCountPerLeaf", ["eta"] = "LearningRate",
        ["max_iterations"] = "MaximumNumberOfIterations",
    };

    public static void Apply(object options, IReadOnlyDictionary<string, string> parameters)
    {
        var settable = Settable(options.GetType());
        foreach (var (key, text) in parameters)
        {
            var name = Aliases.GetValueOrDefault(key, key);
            var member = settable.FirstOrDefault(m => Normalize(m.Name) == Normalize(name))
                ?? throw FathomException.InvalidParameter(
                    $"Unknown parameter '{key}' for {Describe(options.GetType())}; valid names: {string.Join(", ", settable.Select(m => m.Name).Order(StringComparer.Ordinal))}.");
            SetValue(options, member, Convert(key, text, TypeOf(member)));
        }
    }

    /// <summary>The scalar options and their current values, for logging as run params (unset nullable ones left out).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Values(object options) =>
        Settable(options.GetType())
            .Select(m => (m.Name, Value: m is FieldInfo f ? f.GetValue(options) : ((PropertyInfo)m).GetValue(options)))
            .Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Name, System.Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? ""));

    private static List<MemberInfo> Settable(Type type) =>
    [
        .. type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly && IsScalar(f.FieldType) && !Wiring.Contains(f.Name)),
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsScalar(p.PropertyType) && !Wiring.Contains(p.Name)),
    ];

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);
    }

    private static Type TypeOf(MemberInfo member) => member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;

    private static void SetValue(object target, MemberInfo member, object? value)
    {
        if (member is FieldInfo f) f.SetValue(target, value);
        else ((PropertyInfo)member).SetValue(target, value);
    }

    private static object? Convert(string key, string text, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (target.IsEnum) return Enum.Parse(target, text, ignoreCase: true);
            if (target == typeof(bool)) return bool.Parse(text);
            return System.Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            var hint = target.IsEnum ? $" (one of: {string.Join(", ", Enum.GetNames(target))})" : "";
            throw FathomException.InvalidParameter($"Parameter '{key}': '{text}' is not a valid {target.Name}{hint}.");
        }
    }

    private static string Normalize(string name) => name.Replace("_", "").Replace("-", "").ToLowerInvariant();

    private static string Describe(Type options) => options.DeclaringType?.Name ?? options.Name;
}
