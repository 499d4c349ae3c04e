using System.Text.Json;
using Fathom.Monitoring.Reports;

namespace Fathom.Monitoring.Tests.Reports;

public sealed class ReportJsonWriterTests
{
    private static readonly JsonElement Json = JsonDocument.Parse(ReportJsonWriter.ToJson(ReportFixtures.Build(600))).RootElement;

    [Fact]
    public void Data_drift_section_has_the_documented_shape()
    {
        var drift = Json.GetProperty("data_drift");
        Assert.Equal(["columns", "number_of_columns", "number_of_drifted_columns", "share_of_drifted_columns", "dataset_drift", "drift_share"],
            drift.EnumerateObject().Select(p => p.Name));
        var first = drift.GetProperty("columns")[0];
        Assert.Equal(["column", "column_type", "test", "statistic", "drift_score", "threshold", "drifted", "distribution"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("age", first.GetProperty("column").GetString());
        Assert.Equal("num", first.GetProperty("column_type").GetString());
        Assert.Equal("ks", first.GetProperty("test").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("drift_score").ValueKind);
        Assert.Equal(2, drift.GetProperty("number_of_drifted_columns").GetInt32());
        Assert.True(drift.GetProperty("dataset_drift").GetBoolean());
    }

    [Fact]
    public void Target_drift_and_quality_sections_are_present_with_the_all_preset()
    {
        Assert.Equal("target", Json.GetProperty("target_drift").GetProperty("column").GetString());
        Assert.Equal("target", Json.GetProperty("column_mapping").GetProperty("target").GetString());
        var quality = Json.GetProperty("data_quality");
        Assert.Equal(600, quality.GetProperty("current").GetProperty("rows").GetInt32());
        var segment = quality.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "segment");
        Assert.Equal(["<script>alert(1)</script>"], segment.GetProperty("new_categories").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void The_drift_preset_leaves_out_the_quality_section()
    {
        var json = JsonDocument.Parse(ReportJsonWriter.ToJson(ReportFixtures.Build(100, ReportPreset.Drift))).RootElement;

        Assert.False(json.TryGetProperty("data_quality", out _));
        Assert.Equal("drift", json.GetProperty("preset").GetString());
    }
}
