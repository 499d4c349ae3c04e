using Fathom.Models.Signatures;

namespace Fathom.Models.Tests.Signatures;

public class SignatureEnforcerTests
{
    private static readonly ModelSchema Schema = ModelSchema.OfColumns(
        ("age", ColumnType.Long), ("income", ColumnType.Double), ("city", ColumnType.String));

    private static DataTable Table(params Column[] columns) => new(columns);

    private static NumericColumn Longs(string name, params double[] v) => new(name, v, isInteger: true);

    private static NumericColumn Doubles(string name, params double[] v) => new(name, v);

    private static CategoricalColumn Text(string name, params string[] v) =>
        new(name, v.Select((_, i) => i).ToArray(), v);

    private static FathomException Fails(ModelSchema schema, DataTable table)
    {
        var e = Assert.Throws<FathomException>(() => SignatureEnforcer.Enforce(schema, table));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, e.Code);
        return e;
    }

    [Fact]
    public void Matching_input_is_returned_in_schema_order()
    {
        var result = SignatureEnforcer.Enforce(Schema, Table(Text("city", "Oslo"), Doubles("income", 1.5), Longs("age", 30)));

        Assert.Equal(["age", "income", "city"], result.ColumnNames);
    }

    [Fact]
    public void Columns_named_with_the_signatures_own_strings_or_copies_of_them_are_found_alike()
    {
        var names = Schema.Columns.Select(c => c.Name!).ToArray();
        var own = SignatureEnforcer.Enforce(Schema, Table(Longs(names[0], 30), Doubles(names[1], 1.5), Text(names[2], "Oslo")));
        var copies = SignatureEnforcer.Enforce(Schema,
            Table(Longs(new string(names[0].AsSpan()), 30), Text(new string(names[2].AsSpan()), "Oslo"), Doubles(new string(names[1].AsSpan()), 1.5)));

        Assert.Equal(["age", "income", "city"], own.ColumnNames);
        Assert.Equal(["age", "income", "city"], copies.ColumnNames);
        Assert.Equal(1.5, ((NumericColumn)copies["income"]).Values[0]);
    }

    [Fact]
    public void Missing_column_is_named()
    {
        var e = Fails(Schema, Table(Longs("age", 30), Text("city", "Oslo")));
        Assert.Contains("'income'", e.Message);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void Extra_column_is_named()
    {
        var e = Fails(Schema, Table(Longs("age", 30), Doubles("income", 1), Text("city", "Oslo"), Doubles("zip", 1)));
        Assert.Contains("'zip'", e.Message);
    }

    [Fact]
    public void Extra_column_is_ignored_when_asked_as_mlflow_does()
    {
        var result = SignatureEnforcer.Enforce(Schema,
            Table(Longs("age", 30), Doubles("income", 1), Text("city", "Oslo"), Doubles("zip", 1)), rejectExtraColumns: false);

        Assert.Equal(3, result.Columns.Count);
    }

    [Fact]
    public void Text_for_a_number_is_a_wrong_type_naming_the_column()
    {
        var e = Fails(Schema, Table(Text("age", "thirty"), Doubles("income", 1), Text("city", "Oslo")));
        Assert.Contains("'age'", e.Message);
        Assert.Contains("string to long", e.Message);
    }

    [Fact]
    public void Number_for_text_is_a_wrong_type()
    {
        var e = Fails(Schema, Table(Longs("age", 1), Doubles("income", 1), Longs("city", 7)));
        Assert.Contains("'city'", e.Message);
    }

    [Fact]
    public void Fractional_value_for_a_long_column_is_rejected_with_its_row()
    {
        var e = Fails(Schema, Table(Doubles("age", 30, 30.5), Doubles("income", 1, 2), Text("city", "a", "b")));
        Assert.Contains("'age'", e.Message);
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void Missing_value_in_a_long_column_gets_mlflow_hint()
    {
        var e = Fails(Schema, Table(Doubles("age", 30, double.NaN), Doubles("income", 1, 2), Text("city", "a", "b")));
        Assert.Contains("missing values", e.Message);
    }

    [Fact]
    public void Whole_numbers_widen_to_double_and_float()
    {
        var schema = ModelSchema.OfColumns(("x", ColumnType.Double), ("y", ColumnType.Float));

        var result = SignatureEnforcer.Enforce(schema, Table(Longs("x", 1), Longs("y", 2)));

        Assert.Equal(2, result.Columns.Count);
    }

    [Fact]
    public void Integer_columns_reject_values_beyond_32_bits()
    {
        var schema = ModelSchema.OfColumns(("n", ColumnType.Integer));

        SignatureEnforcer.Enforce(schema, Table(Longs("n", int.MaxValue)));
        var e = Fails(schema, Table(Longs("n", 3_000_000_000)));
        Assert.Contains("32-bit", e.Message);
    }

    [Fact]
    public void Boolean_columns_take_true_and_false_text_only()
    {
        var schema = ModelSchema.OfColumns(("flag", ColumnType.Boolean));

        SignatureEnforcer.Enforce(schema, Table(Text("flag", "true", "false")));
        var e = Fails(schema, Table(Text("flag", "true", "maybe")));
        Assert.Contains("'maybe'", e.Message);
    }

    [Fact]
    public void Optional_column_may_be_absent()
    {
        var schema = ModelSchema.OfColumns([new ColumnSpec("a", ColumnType.Double), new ColumnSpec("b", ColumnType.Double, Required: false)]);

        var result = SignatureEnforcer.Enforce(schema, Table(Doubles("a", 1)));

        Assert.Equal(["a"], result.ColumnNames);
    }

    [Fact]
    public void Single_tensor_input_is_fed_by_column_count()
    {
        var schema = ModelSchema.OfTensors([new TensorSpec("float_input", "float32", [-1, 2])]);

        SignatureEnforcer.Enforce(schema, Table(Doubles("a", 1), Doubles("b", 2)));
        var e = Fails(schema, Table(Doubles("a", 1)));
        Assert.Contains("float_input", e.Message);
    }

    [Fact]
    public void Named_tensor_inputs_need_their_columns()
    {
        var schema = ModelSchema.OfTensors([new TensorSpec("age", "float32", [-1, 1]), new TensorSpec("income", "float32", [-1, 1])]);

        var e = Fails(schema, Table(Doubles("age", 1), Doubles("salary", 2)));
        Assert.Contains("'income'", e.Message);
    }
}
