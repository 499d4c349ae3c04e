using System.Globalization;

namespace Fathom.Models.Signatures;

/// <summary>
/// Checks an input table against a model's input schema before scoring, as MLflow's <c>_enforce_schema</c> does,
/// and returns the columns in schema order. Every error is INVALID_PARAMETER_VALUE and names the column.
/// <para>
/// Fathom tables hold every number as a double and know whether a column held only whole numbers, so types are
/// checked on the values: a <c>long</c> or <c>integer</c> column must hold whole numbers (in range, for
/// <c>integer</c>) with none missing; <c>float</c> and <c>double</c> take any numbers (the safe widenings
/// integer → long → double); <c>string</c> and <c>binary</c> take text; <c>boolean</c> takes the text values
/// true/false; <c>datetime</c> takes timestamps, or text in ISO 8601 (as JSON requests carry them; MLflow converts
/// such strings too), read as UTC unless they name an offset. Unlike MLflow, which drops extra columns silently, an extra column
/// is an error unless <c>rejectExtraColumns</c> is false.
/// </para>
/// </summary>
public static class SignatureEnforcer
{
    /// <summary>Checks <paramref name="input"/> against <paramref name="schema"/>.</summary>
    /// <param name="schema">The model's input schema.</param>
    /// <param name="input">The data to score.</param>
    /// <param name="rejectExtraColumns">False ignores columns the schema does not name, as MLflow does.</param>
    /// <returns>The schema's columns, in schema order (optional columns that are absent are left out).</returns>
    /// <exception cref="FathomException">INVALID_PARAMETER_VALUE naming the first offending column.</exception>
    public static DataTable Enforce(ModelSchema schema, DataTable input, bool rejectExtraColumns = true) =>
        schema.IsTensorBased
            ? EnforceTensors(schema.Tensors, input, rejectExtraColumns)
            : EnforceColumns(schema.Columns, input, rejectExtraColumns);

    private static DataTable EnforceColumns(IReadOnlyList<ColumnSpec> specs, DataTable input, bool rejectExtra)
    {
        var ordered = new List<Column>(specs.Count);
        foreach (var spec in specs)
        {
            // A request usually names the columns in the signature's order with the signature's own strings (the
            // serving parser reuses them): the column at the next position is tried first, by reference, not by text.
            var name = spec.Name;
            var at = ordered.Count;
            Column column;
            if (name is not null && at < input.Columns.Count && ReferenceEquals(input.Columns[at].Name, name)) column = input.Columns[at];
            else if (name is null || !input.TryGetColumn(name, out column))
            {
                if (!spec.Required) continue;
                throw FathomException.InvalidParameter(
                    $"The input column '{spec.Name}' is required by the model signature but missing from the input data.");
            }
            if (spec.IsArray)
                throw FathomException.InvalidParameter($"Input column '{spec.Name}' is declared as {spec.TypeName}; Fathom tables hold scalar columns only.");
            if (spec.Type == ColumnType.Datetime && column is CategoricalColumn text) column = ParseTimestamps(name, text);
            CheckColumn(name, spec.Type, column);
            ordered.Add(column);
        }
        if (rejectExtra && input.Columns.Count != ordered.Count) RejectExtra(input, specs.Select(s => s.Name!));
        return ordered.Count == input.Columns.Count && SameOrder(ordered, input) ? input : new DataTable(ordered);
    }

    private static DataTable EnforceTensors(IReadOnlyList<TensorSpec> tensors, DataTable input, bool rejectExtra)
    {
        if (tensors.Count == 1 && (tensors[0].Name is null || !input.Contains(tensors[0].Name!)))
        {
            // One tensor fed from the table's columns in order, as MLflow feeds DataFrame.values to a single input.
            var tensor = tensors[0];
            var width = tensor.Shape.Count == 2 ? tensor.Shape[1] : 1;
            if (width > 0 && (input.Columns.Count < width || (rejectExtra && input.Columns.Count != width)))
                throw FathomException.InvalidParameter(
                    $"The model takes one tensor '{tensor.Name}' of {tensor.Describe()}, fed from {width} input column(s) in order; the input has {input.Columns.Count}: {string.Join(", ", input.ColumnNames)}.");
            var used = width > 0 ? input.Columns.Take((int)width).ToArray() : input.Columns.ToArray();
            foreach (var column in used) CheckTensorColumn(column.Name, tensor, column);
            return used.Length == input.Columns.Count ? input : new DataTable(used);
        }
        var ordered = new List<Column>(tensors.Count);
        foreach (var tensor in tensors)
        {
            if (!input.TryGetColumn(tensor.Name ?? "", out var column))
                throw FathomException.InvalidParameter(
                    $"The input column '{tensor.Name}' is required by the model signature but missing from the input data.");
            if (tensor.Shape.Count > 2 || (tensor.Shape.Count == 2 && tensor.Shape[1] != 1))
                throw FathomException.InvalidParameter(
                    $"Input '{tensor.Name}' is a tensor of {tensor.Describe()}; a table column can feed only shape [-1] or [-1, 1].");
            CheckTensorColumn(tensor.Name!, tensor, column);
            ordered.Add(column);
        }
        if (rejectExtra && input.Columns.Count != ordered.Count) RejectExtra(input, tensors.Select(t => t.Name!));
        return new DataTable(ordered);
    }

    private static void CheckTensorColumn(string name, TensorSpec tensor, Column column)
    {
        var type = tensor.ElementType ?? throw FathomException.InvalidParameter(
            $"Input '{tensor.Name}' has dtype {tensor.DType}, which a table column cannot feed.");
        CheckColumn(name, type, column);
    }

    /// <summary>Checks one column's values against a declared type.</summary>
    internal static void CheckColumn(string name, ColumnType declared, Column column)
    {
        switch (declared)
        {
            case ColumnType.Float or ColumnType.Double when column is NumericColumn:
            case ColumnType.String or ColumnType.Binary when column is CategoricalColumn:
            case ColumnType.Datetime when column is TimestampColumn:
                return;
            case ColumnType.Long or ColumnType.Integer when column is NumericColumn numbers:
                CheckWhole(name, declared, numbers);
                return;
            case ColumnType.Boolean when column is CategoricalColumn text:
                var bad = text.Categories.FirstOrDefault(c => !bool.TryParse(c, out _));
                if (bad is null) return;
                throw FathomException.InvalidParameter(
                    $"Incompatible input types for column '{name}': expected boolean, found the value '{bad}'.");
            default:
                throw FathomException.InvalidParameter(
                    $"Incompatible input types for column '{name}': can not safely convert {KindName(column)} to {declared.Name()}.");
        }
    }

    /// <summary>Text to UTC timestamps, each distinct value parsed once; a value that is not a date names the column.</summary>
    private static TimestampColumn ParseTimestamps(string name, CategoricalColumn text)
    {
        var ticks = new long[text.Categories.Count];
        for (var i = 0; i < ticks.Length; i++)
        {
            if (!DateTime.TryParse(text.Categories[i], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
                throw FathomException.InvalidParameter(
                    $"Incompatible input types for column '{name}': can not convert the string '{text.Categories[i]}' to datetime (expected ISO 8601, e.g. 2024-05-01T13:30:00Z).");
            ticks[i] = time.Ticks;
        }
        var codes = text.Codes;
        var values = new long[codes.Length];
        for (var row = 0; row < values.Length; row++) values[row] = codes[row] < 0 ? TimestampColumn.MissingTicks : ticks[codes[row]];
        return new TimestampColumn(name, values);
    }

    private static void CheckWhole(string name, ColumnType declared, NumericColumn numbers)
    {
        var values = numbers.Values;
        if (!numbers.IsInteger)
        {
            var fraction = FirstFraction(values);
            if (fraction >= 0)
                throw FathomException.InvalidParameter(
                    $"Incompatible input types for column '{name}': can not safely convert double to {declared.Name()} (row {fraction} is {values[fraction].ToString("R", CultureInfo.InvariantCulture)}).");
            if (numbers.MissingCount > 0)
                throw FathomException.InvalidParameter(
                    $"Incompatible input types for column '{name}': {declared.Name()} columns can not hold missing values (row {IndexOfMissing(values)}). " +
                    "Declare the column as double if it may have missing values.");
        }
        if (declared != ColumnType.Integer) return;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is < int.MinValue or > int.MaxValue)
                throw FathomException.InvalidParameter(
                    $"Incompatible input types for column '{name}': row {i} value {values[i].ToString("R", CultureInfo.InvariantCulture)} does not fit an integer (32-bit); declare the column as long.");
        }
    }

    private static int FirstFraction(ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
            if (!double.IsNaN(values[i]) && (Math.Floor(values[i]) != values[i] || double.IsInfinity(values[i]))) return i;
        return -1;
    }

    private static int IndexOfMissing(ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++) if (double.IsNaN(values[i])) return i;
        return -1;
    }

    private static void RejectExtra(DataTable input, IEnumerable<string> expected)
    {
        var known = expected.ToHashSet(StringComparer.Ordinal);
        var extra = input.ColumnNames.First(n => !known.Contains(n));
        throw FathomException.InvalidParameter(
            $"The input column '{extra}' is not in the model signature (expected: {string.Join(", ", known)}).");
    }

    private static bool SameOrder(List<Column> ordered, DataTable input)
    {
        for (var i = 0; i < ordered.Count; i++) if (!ReferenceEquals(ordered[i], input.Columns[i])) return false;
        return true;
    }

    /// <summary>The MLflow type name of what a column holds, for messages.</summary>
    internal static string KindName(Column column) => column switch
    {
        NumericColumn { IsInteger: true } => "long",
        NumericColumn => "double",
        TimestampColumn => "datetime",
        _ => "string",
    };
}
