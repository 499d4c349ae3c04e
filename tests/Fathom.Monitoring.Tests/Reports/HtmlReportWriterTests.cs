using System.Text;
using Fathom.Monitoring.Reports.Html;

namespace Fathom.Monitoring.Tests.Reports;

public sealed class HtmlReportWriterTests
{
    [Fact]
    public void Html_size_does_not_grow_with_the_number_of_rows()
    {
        var small = Encoding.UTF8.GetByteCount(HtmlReportWriter.Render(ReportFixtures.Build(1_000)));
        var large = Encoding.UTF8.GetByteCount(HtmlReportWriter.Render(ReportFixtures.Build(200_000)));

        Assert.True(large < 200_000, $"report is {large} bytes");
        Assert.True(Math.Abs(large - small) < small / 10, $"1k rows: {small} bytes, 200k rows: {large} bytes");
    }

    [Fact]
    public void Html_is_self_contained_and_escapes_values()
    {
        var html = HtmlReportWriter.Render(ReportFixtures.Build(300));

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }
}
