namespace Fathom.Models.Signatures;

/// <summary>MLflow's column data types (<c>mlflow.types.DataType</c>), written on the wire by their lower-case names.</summary>
public enum ColumnType
{
    /// <summary><c>boolean</c>.</summary>
    Boolean,

    /// <summary><c>integer</c>: 32-bit signed.</summary>
    Integer,

    /// <summary><c>long</c>: 64-bit signed.</summary>
    Long,

    /// <summary><c>float</c>: 32-bit floating point.</summary>
    Float,

    /// <summary><c>double</c>: 64-bit floating point.</summary>
    Double,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>binary</c>: bytes, base64 in JSON.</summary>
    Binary,

    /// <summary><c>datetime</c>.</summary>
    Datetime,
}

/// <summary>MLflow's names for <see cref="ColumnType"/> and the safe widenings its schema enforcement allows.</summary>
public static class ColumnTypes
{
    /// <summary>The MLflow name, e.g. <c>double</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The lower-case name MLflow writes.</returns>
    public static string Name(this ColumnType type) => type switch
    {
        ColumnType.Boolean => "boolean",
        ColumnType.Integer => "integer",
        ColumnType.Long => "long",
        ColumnType.Float => "float",
        ColumnType.Double => "double",
        ColumnType.String => "string",
        ColumnType.Binary => "binary",
        _ => "datetime",
    };

    /// <summary>Parses an MLflow type name.</summary>
    /// <param name="name">e.g. <c>long</c>.</param>
    /// <returns>The type.</returns>
    /// <exception cref="FathomException">INVALID_PARAMETER_VALUE for a name MLflow does not define.</exception>
    public static ColumnType Parse(string name) => name switch
    {
        "boolean" => ColumnType.Boolean,
        "integer" => ColumnType.Integer,
        "long" => ColumnType.Long,
        "float" => ColumnType.Float,
        "double" => ColumnType.Double,
        "string" => ColumnType.String,
        "binary" => ColumnType.Binary,
        "datetime" => ColumnType.Datetime,
        _ => throw FathomException.InvalidParameter(
            $"Unknown column type '{name}'; expected one of boolean, integer, long, float, double, string, binary, datetime."),
    };

    /// <summary>
    /// Whether a value of type <paramref name="from"/> may be given where <paramref name="to"/> is declared without
    /// losing information: MLflow's upcasts integer to long or double and float to double, plus long to double
    /// (MLflow's scoring server casts JSON numbers to the declared type before it enforces, so it accepts that too).
    /// </summary>
    /// <param name="from">The type of the data.</param>
    /// <param name="to">The declared type.</param>
    /// <returns>True when the same or a safe widening.</returns>
    public static bool CanWiden(ColumnType from, ColumnType to) => from == to || (from, to) switch
    {
        (ColumnType.Integer, ColumnType.Long or ColumnType.Double) => true,
        (ColumnType.Long or ColumnType.Float, ColumnType.Double) => true,
        _ => false,
    };

    /// <summary>Whether the type is a number.</summary>
    /// <param name="type">The type.</param>
    /// <returns>True for integer, long, float and double.</returns>
    public static bool IsNumeric(this ColumnType type) =>
        type is ColumnType.Integer or ColumnType.Long or ColumnType.Float or ColumnType.Double;
}
