using System.Globalization;
using System.Text.RegularExpressions;
using Fathom.Models.Signatures;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fathom.Models.Packaging;

/// <summary>
/// MLmodel YAML to and from <see cref="MlModelFile"/>. Plain scalars are resolved the way PyYAML's safe loader
/// resolves them (null, booleans, integers, floats), and strings that would resolve to something else are
/// single-quoted on write, so Python reads back exactly the types Fathom wrote.
/// </summary>
internal static partial class MlModelYaml
{
    private static readonly string[] Known =
    [
        "artifact_path", "run_id", "model_uuid", "utc_time_created", "mlflow_version", "fathom_version", "flavors",
        "signature", "saved_input_example_info", "model_size_bytes", "metadata",
    ];

    public static MlModelFile Parse(string yaml, string source)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw FathomException.InvalidParameter($"{source}: expected one YAML mapping.");
        }
        catch (YamlException e)
        {
            throw FathomException.InvalidParameter($"{source}: not valid YAML: {e.Message}");
        }
        var values = (IDictionary<string, object?>)ToObject(root)!;
        var file = new MlModelFile
        {
            ArtifactPath = Text(values, "artifact_path"),
            RunId = Text(values, "run_id"),
            ModelUuid = Text(values, "model_uuid") ?? "",
            UtcTimeCreated = Text(values, "utc_time_created") ?? "",
            MlflowVersion = Text(values, "mlflow_version"),
            FathomVersion = Text(values, "fathom_version"),
            SavedInputExampleInfo = values.TryGetValue("saved_input_example_info", out var info) ? info as IDictionary<string, object?> : null,
            ModelSizeBytes = values.TryGetValue("model_size_bytes", out var size) && size is long n ? n : null,
            Metadata = values.TryGetValue("metadata", out var meta) ? meta as IDictionary<string, object?> : null,
        };
        if (values.TryGetValue("flavors", out var flavors) && flavors is IDictionary<string, object?> map)
        {
            foreach (var (name, config) in map)
                file.Flavors[name] = config as IDictionary<string, object?> ?? new SortedDictionary<string, object?>(StringComparer.Ordinal);
        }
        if (values.TryGetValue("signature", out var sig) && sig is IDictionary<string, object?> signature)
            file.Signature = ReadSignature(signature, source);
        foreach (var (key, value) in values) if (!Known.Contains(key)) file.Extra[key] = value;
        return file;
    }

    public static string Write(MlModelFile file)
    {
        var root = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        void Put(string key, object? value) { if (value is not null) root[key] = value; }
        Put("artifact_path", file.ArtifactPath);
        Put("run_id", file.RunId);
        Put("model_uuid", file.ModelUuid);
        Put("utc_time_created", file.UtcTimeCreated);
        Put("mlflow_version", file.MlflowVersion);
        Put("fathom_version", file.FathomVersion);
        root["flavors"] = file.Flavors.ToDictionary(f => f.Key, f => (object?)f.Value);
        if (file.Signature is { } s)
        {
            root["signature"] = new Dictionary<string, object?>
            {
                ["inputs"] = s.Inputs.ToJson(),
                ["outputs"] = s.Outputs?.ToJson(),
                ["params"] = s.ParamsJson,
            };
        }
        Put("saved_input_example_info", file.SavedInputExampleInfo);
        Put("model_size_bytes", file.ModelSizeBytes);
        Put("metadata", file.Metadata);
        foreach (var (key, value) in file.Extra) root.TryAdd(key, value);
        var stream = new YamlStream(new YamlDocument(ToNode(root)));
        var writer = new StringWriter { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        // YamlDotNet closes every document with "...": PyYAML's safe_dump does not, and the file reads the same without it.
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static ModelSignature ReadSignature(IDictionary<string, object?> signature, string source)
    {
        if (signature.Get("inputs") is not string inputs)
            throw FathomException.InvalidParameter($"{source}: the signature has no inputs.");
        var outputs = signature.Get("outputs") as string;
        return new ModelSignature(ModelSchema.Parse(inputs), outputs is null ? null : ModelSchema.Parse(outputs),
            signature.Get("params") as string);
    }

    private static string? Text(IDictionary<string, object?> values, string key) =>
        values.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    private static object? ToObject(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            c => ((YamlScalarNode)c.Key).Value ?? "", c => ToObject(c.Value), StringComparer.Ordinal),
        YamlSequenceNode seq => seq.Children.Select(ToObject).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain } s => Resolve(s.Value ?? ""),
        YamlScalarNode s => s.Value,
        _ => null,
    };

    private static object? Resolve(string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL") return null;
        if (plain is "true" or "True" or "TRUE") return true;
        if (plain is "false" or "False" or "FALSE") return false;
        if (IntPattern().IsMatch(plain) && long.TryParse(plain.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        if (FloatPattern().IsMatch(plain) && double.TryParse(plain.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return plain;
    }

    private static YamlNode ToNode(object? value) => value switch
    {
        null => new YamlScalarNode("null"),
        bool b => new YamlScalarNode(b ? "true" : "false"),
        string s => new YamlScalarNode(s) { Style = NeedsQuotes(s) ? ScalarStyle.SingleQuoted : ScalarStyle.Any },
        IFormattable f and not DateTime => new YamlScalarNode(f.ToString(null, CultureInfo.InvariantCulture)),
        System.Collections.IDictionary map => ToMapping(map),
        System.Collections.IEnumerable list => new YamlSequenceNode(list.Cast<object?>().Select(ToNode)),
        _ => new YamlScalarNode(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static YamlMappingNode ToMapping(System.Collections.IDictionary map)
    {
        var node = new YamlMappingNode();
        foreach (var key in map.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)!).Order(StringComparer.Ordinal))
            node.Add(new YamlScalarNode(key), ToNode(map[key]));
        return node;
    }

    private static bool NeedsQuotes(string s) =>
        s.Length == 0 || Resolve(s) is not string || TimestampPattern().IsMatch(s) || s is "yes" or "no" or "on" or "off" or "Yes" or "No";

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")]
    private static partial Regex TimestampPattern();
}
