using System.CommandLine;
using MyXtts.Core.Reporting.Html;
using MyXtts.Host.Cli;

namespace MyXtts.Host.Commands;

/// <summary>
/// <c>myxtts report RUN_DIR</c>: (re)writes <c>RUN_DIR/report.html</c> from the files of a training run folder (its
/// configuration, metrics.jsonl, latest evaluation and validation samples) or of an evaluation folder
/// (<c>myxtts evaluate --out</c>). Needs no model, device or plugins.
/// </summary>
public static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("RUN_DIR") { Description = "A training run folder or an evaluation folder (myxtts evaluate --out)." };
        var command = new Command("report", "Write report.html (self-contained: charts, metrics, audio, mel and alignment images) for a run or evaluation folder.") { folder };
        command.SetAction(parse =>
        {
            try
            {
                var path = RunReport.Write(parse.GetValue(folder)!);
                context.Out.WriteLine($"Wrote {path}");
                return 0;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException or IOException)
            {
                context.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }
}
