using Fathom.Models.Signatures;

namespace Fathom.Models.Tests.Signatures;

public class SchemaJsonTests
{
    [Fact]
    public void Column_schema_is_written_as_mlflow_writes_it()
    {
        var schema = ModelSchema.OfColumns([
            new ColumnSpec("age", ColumnType.Long),
            new ColumnSpec("city", ColumnType.String, Required: false),
            new ColumnSpec("Score", ColumnType.Float, IsArray: true),
        ]);

        Assert.Equal(
            "[{\"type\": \"long\", \"name\": \"age\", \"required\": true}, {\"type\": \"string\", \"name\": \"city\", \"required\": false}, " +
            "{\"type\": \"array\", \"items\": {\"type\": \"float\"}, \"name\": \"Score\", \"required\": true}]",
            schema.ToJson());
    }

    [Fact]
    public void Tensor_schema_is_written_as_mlflow_writes_it()
    {
        var schema = ModelSchema.OfTensors([new TensorSpec("float_input", "float32", [-1, 4])]);

        Assert.Equal("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 4]}, \"name\": \"float_input\"}]", schema.ToJson());
    }

    [Theory]
    [InlineData("[{\"type\": \"double\", \"name\": \"x\", \"required\": true}, {\"type\": \"array\", \"items\": {\"type\": \"float\"}, \"name\": \"s\", \"required\": true}]")]
    [InlineData("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [-1]}, \"name\": \"label\"}]")]
    public void Schemas_round_trip_through_their_json(string json) =>
        Assert.Equal(json, ModelSchema.Parse(json).ToJson());

    [Fact]
    public void Schemas_written_by_old_mlflow_without_required_default_to_required()
    {
        var schema = ModelSchema.Parse("[{\"name\": \"x\", \"type\": \"integer\"}]");

        Assert.Equal(new ColumnSpec("x", ColumnType.Integer, Required: true), schema.Columns[0]);
    }

    [Theory]
    [InlineData("{\"type\": \"double\"}")]
    [InlineData("[{\"type\": \"decimal\", \"name\": \"x\"}]")]
    [InlineData("[{\"name\": \"x\"}]")]
    [InlineData("[{\"type\": \"tensor\", \"name\": \"x\"}]")]
    [InlineData("not json")]
    public void Malformed_schemas_are_invalid_parameter_errors(string json)
    {
        var e = Assert.Throws<FathomException>(() => ModelSchema.Parse(json));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, e.Code);
    }

    [Fact]
    public void Duplicate_column_names_are_rejected() =>
        Assert.Throws<FathomException>(() => ModelSchema.OfColumns(("a", ColumnType.Double), ("a", ColumnType.Long)));

    [Theory]
    [InlineData(ColumnType.Integer, ColumnType.Long, true)]
    [InlineData(ColumnType.Integer, ColumnType.Double, true)]
    [InlineData(ColumnType.Long, ColumnType.Double, true)]
    [InlineData(ColumnType.Float, ColumnType.Double, true)]
    [InlineData(ColumnType.Double, ColumnType.Float, false)]
    [InlineData(ColumnType.Long, ColumnType.Integer, false)]
    [InlineData(ColumnType.Double, ColumnType.Long, false)]
    [InlineData(ColumnType.String, ColumnType.Double, false)]
    public void Widening_follows_mlflow_upcasts(ColumnType from, ColumnType to, bool allowed) =>
        Assert.Equal(allowed, ColumnTypes.CanWiden(from, to));
}
