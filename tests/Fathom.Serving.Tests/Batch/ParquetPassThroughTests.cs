using System.Buffers.Binary;
using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Models.Packaging;
using Fathom.Serving.Batch;
using Fathom.Serving.Tests.Fixtures;
using Parquet;
using Parquet.Schema;

namespace Fathom.Serving.Tests.Batch;

/// <summary>Parquet in, Parquet out: kept input columns are copied as encoded pages, predictions encoded beside them.</summary>
public sealed class ParquetPassThroughTests : IDisposable
{
    private const int Groups = 16;
    private const int GroupRows = 700;
    private const long BeyondDouble = (1L << 53) + 1;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Kept_input_columns_are_copied_byte_for_byte_and_predictions_match_the_model()
    {
        var input = await WriteInputAsync();
        var output = _folder.Combine("scored.parquet");
        using var model = ModelLoader.Load(TestModels.Regressor);

        Assert.Equal(Groups * GroupRows, await BatchPredictor.RunAsync(model, input, output));

        await using var written = await ParquetReader.CreateAsync(output);
        await using var read = await ParquetReader.CreateAsync(input);
        Assert.Equal([.. TestModels.FeatureNames(), "id", "city", "seen", "prediction"], written.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(Groups, written.RowGroupCount);
        var inputBytes = await File.ReadAllBytesAsync(input);
        var outputBytes = await File.ReadAllBytesAsync(output);
        foreach (var name in new[] { "f0", "f9", "id", "city", "seen" })
        {
            for (var g = 0; g < Groups; g++)
                Assert.Equal(ChunkBytes(inputBytes, read, g, name), ChunkBytes(outputBytes, written, g, name));
        }
        var expected = (NumericColumn)model.Predict(Features(Groups * GroupRows)).Prediction;
        var predictions = (NumericColumn)(await TableReader.ReadAsync(output))["prediction"];
        for (var r = 0; r < expected.Length; r += 97) Assert.Equal(expected.Values[r], predictions.Values[r], 9);
    }

    [Fact]
    public async Task Copied_columns_keep_their_parquet_types_and_exact_values()
    {
        var input = await WriteInputAsync();
        var output = _folder.Combine("scored.parquet");
        using var model = ModelLoader.Load(TestModels.Regressor);

        await BatchPredictor.RunAsync(model, input, output);

        await using var written = await ParquetReader.CreateAsync(output);
        var fields = written.Schema.DataFields;
        Assert.Equal(typeof(long), fields.Single(f => f.Name == "id").ClrType);
        Assert.Equal(typeof(double), fields.Single(f => f.Name == "prediction").ClrType);
        using var group = written.OpenRowGroupReader(Groups - 1);
        var ids = new long[GroupRows];
        await group.ReadAsync<long>(fields.Single(f => f.Name == "id"), ids.AsMemory(), null);
        var cities = new string?[GroupRows];
        await group.ReadAsync(fields.Single(f => f.Name == "city"), cities.AsMemory(), null);
        var first = (Groups - 1) * GroupRows;
        Assert.Equal(BeyondDouble + first, ids[0]);
        Assert.Equal(Enumerable.Range(first, GroupRows).Select(City), cities);
    }

    [Fact]
    public async Task Kept_columns_are_copied_in_the_order_named_and_a_replaced_input_is_not()
    {
        var input = await WriteInputAsync();
        var output = _folder.Combine("keyed.parquet");
        using var model = ModelLoader.Load(TestModels.Regressor);

        await BatchPredictor.RunAsync(Task.FromResult<IModel>(model), input, output, new BatchOptions { KeepColumns = ["city", "id", "prediction"] });

        var table = await TableReader.ReadAsync(output);
        Assert.Equal(["city", "id", "prediction"], table.ColumnNames);
        Assert.Equal(City(1234), table["city"].Format(1234));
        // The input's stale "prediction" (all -1) gives way to the model's.
        Assert.DoesNotContain(-1.0, ((NumericColumn)table["prediction"]).Values.ToArray());
    }

    [Fact]
    public async Task The_file_ends_with_a_footer_whose_chunks_lie_in_order_between_the_magic_numbers()
    {
        var input = await WriteInputAsync();
        var output = _folder.Combine("scored.parquet");
        using var model = ModelLoader.Load(TestModels.Regressor);

        await BatchPredictor.RunAsync(model, input, output);

        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        var footerStart = bytes.Length - 8 - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        await using var written = await ParquetReader.CreateAsync(output);
        var metadata = written.Metadata!;
        Assert.Equal(Groups * GroupRows, metadata.NumRows);
        long next = 4;
        foreach (var group in metadata.RowGroups)
        {
            Assert.Equal(next, group.FileOffset);
            foreach (var chunk in group.Columns)
            {
                var meta = chunk.MetaData!;
                Assert.Equal(next, meta.DictionaryPageOffset ?? meta.DataPageOffset);
                next += meta.TotalCompressedSize;
            }
            Assert.Equal(next - group.FileOffset, group.TotalCompressedSize);
        }
        Assert.Equal(footerStart, next);
    }

    [Fact]
    public async Task Copied_columns_of_every_readable_type_keep_their_schema_elements_and_values()
    {
        var path = _folder.Combine("typed.parquet");
        var names = TestModels.FeatureNames();
        DataField[] extra = [new DataField<int>("i32"), new DataField<short?>("i16"), new DataField<byte>("u8"), new DataField<decimal>("dec"), new DataField<bool?>("flag"), new DataField<float>("f32")];
        var fields = names.Select(n => (DataField)new DataField<double>(n)).Concat(extra).ToArray();
        var features = Features(GroupRows);
        await using (var file = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < names.Length; i++) await group.WriteAsync<double>(fields[i], ((NumericColumn)features[names[i]]).Values.ToArray());
            var rows = Enumerable.Range(0, GroupRows).ToArray();
            await group.WriteAsync<int>(extra[0], rows.Select(r => r - 300).ToArray());
            await group.WriteAsync<short>(extra[1], rows.Select(r => r % 3 == 0 ? (short?)null : (short)r).ToArray());
            await group.WriteAsync<byte>(extra[2], rows.Select(r => (byte)r).ToArray());
            await group.WriteAsync<decimal>(extra[3], rows.Select(r => r / 4m).ToArray());
            await group.WriteAsync<bool>(extra[4], rows.Select(r => r % 4 == 0 ? (bool?)null : r % 2 == 0).ToArray());
            await group.WriteAsync<float>(extra[5], rows.Select(r => r / 8f).ToArray());
        }
        var output = _folder.Combine("typed-scored.parquet");
        using var model = ModelLoader.Load(TestModels.Regressor);

        await BatchPredictor.RunAsync(model, path, output);

        await using var read = await ParquetReader.CreateAsync(path);
        await using var written = await ParquetReader.CreateAsync(output);
        var before = read.Metadata!.Schema.Skip(1).ToDictionary(e => e.Name);
        foreach (var element in written.Metadata!.Schema.Skip(1).Where(e => e.Name != "prediction"))
        {
            var original = before[element.Name];
            Assert.Equal((original.Type, original.RepetitionType, original.ConvertedType, original.TypeLength, original.Scale, original.Precision),
                (element.Type, element.RepetitionType, element.ConvertedType, element.TypeLength, element.Scale, element.Precision));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(original.LogicalType), System.Text.Json.JsonSerializer.Serialize(element.LogicalType));
        }
        var expected = await TableReader.ReadAsync(path);
        var actual = await TableReader.ReadAsync(output);
        foreach (var name in extra.Select(f => f.Name))
            Assert.Equal(Enumerable.Range(0, GroupRows).Select(expected[name].Format), Enumerable.Range(0, GroupRows).Select(actual[name].Format));
    }

    private static byte[] ChunkBytes(byte[] file, ParquetReader reader, int group, string name)
    {
        var chunk = reader.RowGroups[group].GetMetadata(reader.Schema.DataFields.Single(f => f.Name == name))!.MetaData!;
        var start = chunk.DictionaryPageOffset is { } d && d > 0 && d < chunk.DataPageOffset ? d : chunk.DataPageOffset;
        return file.AsSpan(checked((int)start), checked((int)chunk.TotalCompressedSize)).ToArray();
    }

    private static string? City(int row) => row % 5 == 0 ? null : $"city-{row % 7}";

    private static DataTable Features(int rows) => new(TestModels.FeatureNames().Select((name, i) =>
        (Column)new NumericColumn(name, Enumerable.Range(0, rows).Select(r => ((r * 7919L + i * 31) % 1000) / 1000.0).ToArray())));

    /// <summary>
    /// The model's features, an int64 id beyond double precision, text with nulls, timestamps and a stale
    /// <c>prediction</c> column, in <see cref="Groups"/> row groups (more than 15, Thrift's short list header).
    /// </summary>
    private async Task<string> WriteInputAsync()
    {
        var path = _folder.Combine("input.parquet");
        var names = TestModels.FeatureNames();
        var fields = names.Select(n => (DataField)new DataField<double>(n))
            .Append(new DataField<long>("id")).Append(new DataField<string>("city"))
            .Append(new DataField<DateTime>("seen")).Append(new DataField<double>("prediction")).ToArray();
        var features = Features(Groups * GroupRows);
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file);
        for (var g = 0; g < Groups; g++)
        {
            var rows = Enumerable.Range(g * GroupRows, GroupRows).ToArray();
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < names.Length; i++)
                await group.WriteAsync<double>(fields[i], ((NumericColumn)features[names[i]]).Values.Slice(g * GroupRows, GroupRows).ToArray());
            await group.WriteAsync<long>(fields[^4], rows.Select(r => BeyondDouble + r).ToArray());
            await group.WriteAsync(fields[^3], rows.Select(City).ToArray()!);
            await group.WriteAsync<DateTime>(fields[^2], rows.Select(r => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(r)).ToArray());
            await group.WriteAsync<double>(fields[^1], Enumerable.Repeat(-1.0, GroupRows).ToArray());
        }
        return path;
    }
}
