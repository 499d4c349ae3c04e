namespace Fathom.Models.Signatures;

/// <summary>
/// The inputs or outputs of a model (MLflow's <c>Schema</c>): either named columns or tensors, never both.
/// Serialised as the JSON list MLflow keeps inside the MLmodel YAML.
/// </summary>
public sealed class ModelSchema
{
    private ModelSchema(IReadOnlyList<ColumnSpec> columns, IReadOnlyList<TensorSpec> tensors)
    {
        Columns = columns;
        Tensors = tensors;
    }

    /// <summary>The columns of a column-based schema; empty for a tensor-based one.</summary>
    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>The tensors of a tensor-based schema; empty for a column-based one.</summary>
    public IReadOnlyList<TensorSpec> Tensors { get; }

    /// <summary>Whether this schema lists tensors rather than columns.</summary>
    public bool IsTensorBased => Tensors.Count > 0;

    /// <summary>A column-based schema.</summary>
    /// <param name="columns">The columns, in order; names must be unique.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="FathomException">INVALID_PARAMETER_VALUE when empty or when a name repeats.</exception>
    public static ModelSchema OfColumns(IEnumerable<ColumnSpec> columns)
    {
        var list = columns.ToArray();
        if (list.Length == 0) throw FathomException.InvalidParameter("A schema needs at least one column.");
        var duplicate = list.Where(c => c.Name is not null).GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw FathomException.InvalidParameter($"Column '{duplicate.Key}' appears more than once in the schema.");
        return new ModelSchema(list, []);
    }

    /// <summary>A column-based schema from (name, type) pairs, every column required.</summary>
    /// <param name="columns">The columns, in order.</param>
    /// <returns>The schema.</returns>
    public static ModelSchema OfColumns(params (string Name, ColumnType Type)[] columns) =>
        OfColumns(columns.Select(c => new ColumnSpec(c.Name, c.Type)));

    /// <summary>A tensor-based schema.</summary>
    /// <param name="tensors">The tensors, in order.</param>
    /// <returns>The schema.</returns>
    public static ModelSchema OfTensors(IEnumerable<TensorSpec> tensors)
    {
        var list = tensors.ToArray();
        if (list.Length == 0) throw FathomException.InvalidParameter("A schema needs at least one tensor.");
        return new ModelSchema([], list);
    }

    /// <summary>The JSON list MLflow writes, e.g. <c>[{"type": "double", "name": "x", "required": true}]</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => SchemaJson.Write(this);

    /// <summary>Parses MLflow's JSON list of column or tensor specs.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="FathomException">INVALID_PARAMETER_VALUE when the text is not such a list.</exception>
    public static ModelSchema Parse(string json) => SchemaJson.Read(json);

    /// <inheritdoc/>
    public override string ToString() => ToJson();
}
