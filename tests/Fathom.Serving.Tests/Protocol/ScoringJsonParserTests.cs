using System.Text;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Serving.Protocol;

namespace Fathom.Serving.Tests.Protocol;

public sealed class ScoringJsonParserTests
{
    private static ScoringInput Parse(string json, IReadOnlyList<string>? names = null) =>
        ScoringJsonParser.Parse(Encoding.UTF8.GetBytes(json), names);

    private static FathomException Fails(string json, IReadOnlyList<string>? names = null) =>
        Assert.Throws<FathomException>(() => Parse(json, names));

    [Fact]
    public void Dataframe_split_reads_columns_and_rows_into_typed_columns()
    {
        var input = Parse("""{"dataframe_split": {"columns": ["a", "b", "c"], "data": [[1, "x", true], [2.5, "y", null]]}}""");
        Assert.Equal("dataframe_split", input.Format);
        Assert.Equal(2, input.Table.RowCount);
        var a = Assert.IsType<NumericColumn>(input.Table["a"]);
        Assert.Equal([1.0, 2.5], a.Values.ToArray());
        Assert.Equal("y", input.Table["b"].Format(1));
        Assert.Equal("true", input.Table["c"].Format(0));
        Assert.True(input.Table["c"].IsMissing(1));
    }

    [Fact]
    public void Dataframe_split_accepts_data_before_columns_and_ignores_index()
    {
        var input = Parse("""{"dataframe_split": {"data": [[1, 2]], "index": [7], "columns": ["x", "y"]}}""");
        Assert.Equal(["x", "y"], input.Table.ColumnNames);
        Assert.Equal(2.0, ((NumericColumn)input.Table["y"]).Values[0]);
    }

    [Fact]
    public void Dataframe_split_without_columns_names_positions_by_the_model_inputs()
    {
        var input = Parse("""{"dataframe_split": {"data": [[1, 2]]}}""", ["f1", "f2"]);
        Assert.Equal(["f1", "f2"], input.Table.ColumnNames);
    }

    [Fact]
    public void Dataframe_split_rejects_unknown_keys_as_mlflow_does()
    {
        var e = Fails("""{"dataframe_split": {"columns": ["a"], "data": [[1]], "rows": 1}}""");
        Assert.Equal(ErrorCode.BAD_REQUEST, e.Code);
        Assert.Contains("must have 'data' field", e.Message);
        Assert.StartsWith("Invalid input.", e.Message);
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_named()
    {
        var e = Fails("""{"dataframe_split": {"columns": ["a", "b"], "data": [[1, 2], [3]]}}""");
        Assert.Contains("Row 2", e.Message);
    }

    [Fact]
    public void Text_in_a_numeric_column_names_the_column_and_row()
    {
        var e = Fails("""{"dataframe_records": [{"age": 30}, {"age": 31}, {"age": "old"}]}""");
        Assert.Equal(ErrorCode.BAD_REQUEST, e.Code);
        Assert.Contains("Column 'age', row 3", e.Message);
        Assert.Contains("'old'", e.Message);
    }

    [Fact]
    public void Numeric_strings_in_a_numeric_column_are_read_as_numbers()
    {
        var input = Parse("""{"dataframe_records": [{"a": 1}, {"a": "2.5"}]}""");
        Assert.Equal([1.0, 2.5], ((NumericColumn)input.Table["a"]).Values.ToArray());
    }

    [Fact]
    public void Dataframe_records_fills_absent_keys_with_missing_values()
    {
        var input = Parse("""{"dataframe_records": [{"a": 1}, {"b": "x"}, {"a": 3, "b": "y"}]}""");
        Assert.Equal(3, input.Table.RowCount);
        Assert.True(input.Table["a"].IsMissing(1));
        Assert.True(input.Table["b"].IsMissing(0));
        Assert.Equal("y", input.Table["b"].Format(2));
    }

    [Fact]
    public void Dataframe_records_must_be_a_list()
    {
        var e = Fails("""{"dataframe_records": {"a": 1}}""");
        Assert.Contains("Dataframe records format must be a list of records. Got dictionary.", e.Message);
    }

    [Fact]
    public void Instances_of_objects_become_columns()
    {
        var input = Parse("""{"instances": [{"a": 1, "b": 2}, {"a": 3, "b": 4}]}""");
        Assert.Equal([2.0, 4.0], ((NumericColumn)input.Table["b"]).Values.ToArray());
    }

    [Fact]
    public void Instances_of_bare_values_feed_a_one_input_model()
    {
        var input = Parse("""{"instances": [1, 2, 3]}""", ["x"]);
        Assert.Equal(["x"], input.Table.ColumnNames);
        Assert.Equal(3, input.Table.RowCount);
    }

    [Fact]
    public void Positional_rows_of_the_wrong_width_name_the_model_inputs()
    {
        var e = Fails("""{"instances": [[1, 2, 3]]}""", ["a", "b"]);
        Assert.Contains("takes 2 inputs (a, b)", e.Message);
    }

    [Fact]
    public void Inputs_as_a_dictionary_of_columns_is_columnar()
    {
        var input = Parse("""{"inputs": {"a": [1, 2], "b": ["x", "y"]}}""");
        Assert.Equal(2, input.Table.RowCount);
        Assert.Equal("y", input.Table["b"].Format(1));
    }

    [Fact]
    public void Inputs_with_uneven_columns_are_rejected_naming_their_lengths()
    {
        var e = Fails("""{"inputs": {"a": [1, 2], "b": [1]}}""");
        Assert.Contains("'a' has 2, 'b' has 1", e.Message);
    }

    [Fact]
    public void Params_are_kept_beside_the_data()
    {
        var input = Parse("""{"params": {"threshold": 0.7}, "dataframe_split": {"columns": ["a"], "data": [[1]]}}""");
        Assert.Equal(0.7, input.Params!["threshold"].GetDouble());
    }

    [Theory]
    [InlineData("""{"columns": ["a"], "data": [[1]]}""")]
    [InlineData("""{"dataframe_split": {"data": [[1]]}, "inputs": [[1]]}""")]
    public void Exactly_one_input_field_is_required(string json)
    {
        var e = Fails(json);
        Assert.Equal(ErrorCode.BAD_REQUEST, e.Code);
        Assert.Contains("exactly one of the input fields", e.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "Received a list.")]
    [InlineData("""{"dataframe_split": """, "valid JSON")]
    [InlineData("""{"dataframe_split": {"data": [[1]]}} trailing""", "valid JSON")]
    [InlineData("", "valid JSON")]
    public void Malformed_bodies_are_bad_requests(string json, string expected)
    {
        var e = Fails(json);
        Assert.Equal(ErrorCode.BAD_REQUEST, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Nested_values_in_a_cell_are_rejected_naming_the_column()
    {
        var e = Fails("""{"dataframe_records": [{"a": [1, 2]}]}""");
        Assert.Contains("Column 'a', row 1", e.Message);
    }

    [Fact]
    public void Csv_bodies_infer_numeric_and_text_columns()
    {
        var input = ScoringCsvParser.Parse("a,b\n1,x\n,y\n"u8);
        Assert.Equal(2, input.Table.RowCount);
        Assert.True(input.Table["a"].IsMissing(1));
        Assert.Equal(ColumnKind.Categorical, input.Table["b"].Kind);
    }

    [Fact]
    public void Large_requests_keep_every_value_and_a_later_request_on_the_thread_does_not_overwrite_them()
    {
        static string Body(int sign, int rows) =>
            "{\"dataframe_split\": {\"columns\": [\"a\", \"b\", \"t\"], \"data\": ["
            + string.Join(",", Enumerable.Range(0, rows).Select(i => $"[{sign * i}, {sign * i * 0.5}, {(i % 3 == 0 ? "null" : $"\"v{i % 5}\"")}]")) + "]}}";

        var first = Parse(Body(1, 300)).Table;
        var second = Parse(Body(-1, 1000)).Table;

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (double)i), ((NumericColumn)first["a"]).Values.ToArray());
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i * 0.5), ((NumericColumn)first["b"]).Values.ToArray());
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? null : $"v{i % 5}"), Enumerable.Range(0, 300).Select(first["t"].Format));
        Assert.Equal(-999.0, ((NumericColumn)second["a"]).Values[999]);
        Assert.Equal(["a", "b", "t"], second.ColumnNames);
    }

    [Fact]
    public void Column_names_of_the_signature_are_its_own_strings()
    {
        var names = new[] { "f1", "f2" };
        var input = Parse("""{"dataframe_records": [{"f2": 1, "f1": 2}, {"f1": 3, "f2": 4}]}""", names);
        Assert.Same(names[1], input.Table.Columns[0].Name);
        Assert.Same(names[0], input.Table.Columns[1].Name);
        Assert.Equal([1.0, 4.0], ((NumericColumn)input.Table["f2"]).Values.ToArray());
    }
    [Theory]
    [InlineData("""{"dataframe_split": {"index": [0, 1], "columns": ["a", "b"], "data": [[1, "x"], [-2.5e3, null]]}, "params": {"k": 1}}""")]
    [InlineData("""{"params": {"k": 1}, "dataframe_split": {"data": [[1, 2]]}, "other": [1, {"x": 2}]}""")]
    [InlineData("""{"dataframe_records": [{"a": 1, "b": "x"}, {"b": "y"}]}""")]
    [InlineData("""{"instances": [[1, 2], [3, 4]]}""")]
    [InlineData("""{"inputs": {"a": [1, 2], "b": ["x", "y"]}}""")]
    [InlineData("""{"inputs": 7}""")]
    public void Usual_payloads_are_read_in_one_pass_into_the_same_table_as_the_checked_parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        string[] names = ["a", "b"];

        var fast = ScoringJsonParser.ParseInOnePass(bytes, json.Contains("\"inputs\": 7") ? ["a"] : names);
        var checkedParse = ScoringJsonParser.ParseChecked(bytes, json.Contains("\"inputs\": 7") ? ["a"] : names);

        Assert.Equal(checkedParse.Format, fast.Format);
        Assert.Equal(checkedParse.Params?.Keys, fast.Params?.Keys);
        Assert.Equal(checkedParse.Table.ColumnNames, fast.Table.ColumnNames);
        Assert.Equal(checkedParse.Table.RowCount, fast.Table.RowCount);
        foreach (var column in checkedParse.Table.Columns)
        {
            Assert.Equal(column.Kind, fast.Table[column.Name].Kind);
            Assert.Equal(Enumerable.Range(0, column.Length).Select(column.Format), Enumerable.Range(0, column.Length).Select(fast.Table[column.Name].Format));
        }
    }

    [Theory]
    [InlineData("""{"dataframe_split": {"data": [[1, 2]], "columns": ["x", "y"]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["a"], "data": [[1]], "extra": 1}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["a"], "data": [[1]]}, "instances": [[1]]}""")]
    [InlineData("""{"dataframe_split": {"columns": ["a"], "data": [[1], ["x"]]}}""")]
    public void Payloads_the_one_pass_cannot_answer_alone_are_left_to_the_checked_parse(string json)
    {
        Assert.ThrowsAny<Exception>(() => ScoringJsonParser.ParseInOnePass(Encoding.UTF8.GetBytes(json), null));
    }
}
