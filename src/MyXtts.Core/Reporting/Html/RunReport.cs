using System.Text;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Reporting.Html;

/// <summary>Writes <c>report.html</c> into a run or evaluation folder from the files there (see <see cref="ReportSources"/>).</summary>
public static class RunReport
{
    /// <summary>Writes the report for <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder)
    {
        var sources = ReportSources.Locate(folder);
        var html = Encoding.UTF8.GetBytes(HtmlReport.Render(sources));
        var path = Path.Combine(sources.Folder, TrainingRunFolder.ReportFile);
        AtomicFile.Write(path, s => s.Write(html));
        return path;
    }
}
