using System.Globalization;
using System.Text;
using Fathom.Core.Tables;
using Fathom.Serving.Protocol;

namespace Fathom.Serving.Tests.Protocol;

public sealed class NumericSplitReaderTests
{
    private static readonly string[] Names = ["f0", "f1", "größe", "x y"];

    [Fact]
    public void Numeric_splits_are_read_into_the_same_table_as_the_one_pass_parse()
    {
        var random = new Random(8);
        for (var i = 0; i < 500; i++)
        {
            var json = RandomSplit(random);
            var bytes = Encoding.UTF8.GetBytes(json);

            var table = NumericSplitReader.TryRead(bytes, Names);
            var expected = ScoringJsonParser.ParseInOnePass(bytes, Names).Table;

            Assert.True(table is not null, json);
            Assert.Equal(expected.ColumnNames, table.ColumnNames);
            Assert.Equal(expected.RowCount, table.RowCount);
            for (var c = 0; c < expected.Columns.Count; c++)
            {
                var want = Assert.IsType<NumericColumn>(expected.Columns[c]);
                var got = Assert.IsType<NumericColumn>(table.Columns[c]);
                Assert.Same(want.Name, got.Name);
                Assert.Equal(want.IsInteger, got.IsInteger);
                Assert.Equal(want.Values.ToArray().Select(BitConverter.DoubleToInt64Bits), got.Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    [Fact]
    public void The_parser_answers_numeric_splits_through_the_scan()
    {
        var input = ScoringJsonParser.Parse("""{"dataframe_split": {"columns": ["f1", "f0"], "data": [[1, -2.5], [3, 0]]}}"""u8, Names);

        Assert.Equal("dataframe_split", input.Format);
        Assert.Null(input.Params);
        Assert.Equal(["f1", "f0"], input.Table.ColumnNames);
        Assert.True(((NumericColumn)input.Table["f1"]).IsInteger);
        Assert.Equal([-2.5, 0.0], ((NumericColumn)input.Table["f0"]).Values.ToArray());
    }

    [Theory]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1e3]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1234567890123456]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[01]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1.]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[.5]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[-]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[+1]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[null]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [["1"]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[true]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[[1]]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f\u0030"], "data": [[1]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f9"], "data": [[1]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0", "f0"], "data": [[1, 2]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0", "f1"], "data": [[1]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1, 2]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": []}}""")]
    [InlineData("""{"dataframe_split": {"columns": [], "data": [[]]}}""")]
    [InlineData("""{"dataframe_split": {"data": [[1]], "columns": ["f0"]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "index": [0], "data": [[1]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1]], "index": [0]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1]]}, "params": {"k": 1}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1]]}} x""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1]]}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1],]}}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], /* c */ "data": [[1]]}}""")]
    [InlineData("""{"dataframe_split":{"columns":["f0"],"data":[[1]]}}""" + "\f")]
    [InlineData("""{"dataframe_records": [{"f0": 1}]}""")]
    [InlineData("""{"dataframe_split": {"columns": ["f0"], "data": [[1]]}, "dataframe_split": {"columns": ["f1"], "data": [[2]]}}""")]
    public void Anything_but_a_plain_numeric_split_of_the_models_inputs_is_left_to_the_parser(string json)
    {
        Assert.Null(NumericSplitReader.TryRead(Encoding.UTF8.GetBytes(json), Names));
    }

    [Fact]
    public void A_body_with_a_byte_order_mark_or_a_raw_control_character_in_a_name_is_left_to_the_parser()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF, .. """{"dataframe_split": {"columns": ["f0"], "data": [[1]]}}"""u8];
        Assert.Null(NumericSplitReader.TryRead(bom, Names));
        Assert.Null(NumericSplitReader.TryRead(Encoding.UTF8.GetBytes("{\"dataframe_split\": {\"columns\": [\"a\tb\"], \"data\": [[1]]}}"), ["a\tb"]));
        Assert.Null(NumericSplitReader.TryRead("""{"dataframe_split": {"columns": ["f0"], "data": [[1]]}}"""u8, null));
    }

    /// <summary>A numeric split of a random subset and order of <see cref="Names"/>, 1-20 rows, JSON whitespace anywhere.</summary>
    private static string RandomSplit(Random random)
    {
        var columns = Names.OrderBy(_ => random.Next()).Take(random.Next(1, Names.Length + 1)).ToArray();
        var rows = random.Next(1, 21);
        var text = new StringBuilder();
        void Space()
        {
            for (var n = random.Next(3) == 0 ? random.Next(1, 4) : 0; n > 0; n--) text.Append(" \t\n\r"[random.Next(4)]);
        }
        void Add(string piece)
        {
            Space();
            text.Append(piece);
        }
        Add("{"); Add("\"dataframe_split\""); Add(":"); Add("{"); Add("\"columns\""); Add(":"); Add("[");
        for (var c = 0; c < columns.Length; c++)
        {
            if (c > 0) Add(",");
            Add($"\"{columns[c]}\"");
        }
        Add("]"); Add(","); Add("\"data\""); Add(":"); Add("[");
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) Add(",");
            Add("[");
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0) Add(",");
                Add(RandomNumber(random));
            }
            Add("]");
        }
        Add("]"); Add("}"); Add("}"); Space();
        return text.ToString();
    }

    private static string RandomNumber(Random random) => random.Next(6) switch
    {
        0 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
        1 => "0",
        2 => "-0",
        3 => (random.NextDouble() * 200 - 100).ToString("0.############", CultureInfo.InvariantCulture),
        4 => (random.NextDouble() * 1e-3).ToString("0.############", CultureInfo.InvariantCulture),
        _ => (random.NextInt64(-999_999_999_999_999, 999_999_999_999_999) / 1000.0).ToString("0.###", CultureInfo.InvariantCulture),
    };
}
