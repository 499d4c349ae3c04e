using Fathom.Monitoring.Reports.Html;
using Microsoft.Playwright;

namespace Fathom.Monitoring.Tests.Reports;

/// <summary>Opens the HTML report in Debian's Chromium (headless, through Playwright) from a file, with the network blocked.</summary>
public sealed class HtmlReportBrowserTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-html-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Report_opens_without_console_errors_or_requests_and_shows_the_drifted_columns()
    {
        var path = Path.Combine(_dir, "report.html");
        HtmlReportWriter.Write(ReportFixtures.Build(800), path);
        var page = await _browser!.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Dialog += (_, dialog) => errors.Add("dialog: " + dialog.Message);
        await page.RouteAsync("**/*", async route =>
        {
            if (!route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) requests.Add(route.Request.Url);
            await route.ContinueAsync();
        });

        await page.GotoAsync(new Uri(path).AbsoluteUri);

        Assert.Empty(errors);
        Assert.Empty(requests);
        Assert.StartsWith("Dataset drift detected: 2 of 3 columns drifted", await page.TextContentAsync("#dataset-drift"));
        Assert.Equal(["income", "segment"], await page.Locator("#drifted-columns li a").AllTextContentsAsync());
        Assert.True(await page.Locator("#column-1 svg rect").CountAsync() >= 20);
    }

    [Fact]
    public async Task Classification_report_shows_confusion_matrices_and_roc_curves_without_errors()
    {
        var path = Path.Combine(_dir, "classification.html");
        var report = Fathom.Monitoring.Reports.MonitoringReportBuilder.Build(
            Performance.PerformanceData.Binary(20_000, 1), Performance.PerformanceData.Binary(20_000, 2, skill: 0.6), new Fathom.Monitoring.Mapping.ColumnMapping());
        HtmlReportWriter.Write(report, path);
        var page = await _browser!.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(path).AbsoluteUri);

        Assert.Empty(errors);
        Assert.StartsWith("Classification (target): accuracy", await page.TextContentAsync("#classification-summary"));
        Assert.Equal(["0", "1"], await page.Locator("#confusion-current thead th:not(:first-child)").AllTextContentsAsync());
        var cells = (await page.Locator("#confusion-current tbody td").AllTextContentsAsync()).Select(long.Parse).ToList();
        Assert.Equal(report.Classification!.Current.Rows, cells.Sum());
        Assert.Equal(4, await page.Locator("#curves polyline.series").CountAsync());
        var box = await page.Locator("#curves svg").First.BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 });
        Assert.True(await page.Locator("#class-table tbody tr").CountAsync() == 2);
    }

    [Fact]
    public async Task Clicking_a_header_sorts_the_drift_table()
    {
        var path = Path.Combine(_dir, "sorted.html");
        HtmlReportWriter.Write(ReportFixtures.Build(800), path);
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(path).AbsoluteUri);

        await page.ClickAsync("#drift-table th:nth-child(1)");
        Assert.Equal(["age", "income", "segment"], await page.Locator("#drift-table tbody tr td:first-child").AllTextContentsAsync());
        await page.ClickAsync("#drift-table th:nth-child(1)");
        Assert.Equal(["segment", "income", "age"], await page.Locator("#drift-table tbody tr td:first-child").AllTextContentsAsync());
    }
}
