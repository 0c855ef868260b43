using System.Diagnostics;
using MyXtts.Core.Reporting.Html;
using SkiaSharp;

namespace MyXtts.Core.Tests.Reporting;

/// <summary>Renders a report in headless Chromium and checks the screenshot shows a page, not a blank one. Skipped without Chromium.</summary>
public sealed class ChromiumRenderingTests
{
    private static string? Chromium() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }.Select(Which).FirstOrDefault(p => p is not null);

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    [SkippableFact]
    public void A_report_renders_in_headless_chromium_as_a_non_blank_page()
    {
        var chromium = Chromium();
        Skip.If(chromium is null, "Chromium is not installed (Debian: apt-get install chromium); the rendering check needs a browser.");
        using var run = new TempDirectory();
        ReportFolder.Write(run.Path);
        var report = RunReport.Write(run.Path);
        var screenshot = run.File("shot.png");

        var start = new ProcessStartInfo(chromium!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--user-data-dir={run.File("profile")}",
                     "--window-size=1200,2400", $"--screenshot={screenshot}", "file://" + report })
            start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "Chromium did not finish within 60 s");
        }

        using var bitmap = SKBitmap.Decode(screenshot);
        Assert.NotNull(bitmap);
        var pixels = bitmap.Pixels;
        var inked = pixels.Count(p => p.Red < 200 || p.Green < 200 || p.Blue < 200);
        var colours = pixels.Select(p => (uint)p).Distinct().Count();
        Assert.True(inked > pixels.Length / 100, $"only {inked} of {pixels.Length} pixels are not near-white: the page looks blank");
        Assert.True(colours > 50, $"only {colours} distinct colours: no text or charts were drawn");
    }
}
