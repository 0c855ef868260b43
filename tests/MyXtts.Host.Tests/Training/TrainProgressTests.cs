using MyXtts.Core.Training;
using MyXtts.Core.Training.Reporting;
using MyXtts.Host.Commands;
using Spectre.Console;

namespace MyXtts.Host.Tests.Training;

public sealed class TrainProgressTests
{
    [Fact]
    public void The_progress_bar_shows_every_active_loss_term_the_requested_extras_and_the_gradient_norm()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.Yes, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        var progress = new TrainProgress(console, ["w_duration_loss"]);
        LossTermSummary[] terms = [new("duration_loss", 0.1, "test"), new("mel_loss", 35, "test"), new("attention_loss", 0.1, "test")];
        var metrics = new Dictionary<string, double>
        {
            ["loss"] = 1, ["mel_loss"] = 0.5, ["duration_loss"] = 0.25, ["attention_loss"] = 0.125, ["w_duration_loss"] = 0.025, ["grad_norm"] = 2.5,
        };

        progress.Run(() =>
        {
            progress.RunStarted(new RunSummary("m", 1, 1, "cpu", "fp32", terms, "constant", "adamw", 4, 0, 2, 1, 2, 1, null, null, new TrainingProgress()));
            progress.EpochStarted(0, 2, 0);
            progress.StepCompleted(new StepReport(1, 0, 1, 2, 1e-3, false, metrics));
            progress.StepCompleted(new StepReport(2, 0, 2, 2, 1e-3, false, metrics));
            progress.EpochCompleted(new EpochReport(0, 2, metrics, null, 0, 1.0, false));
            return TrainingOutcome.Completed;
        });

        Assert.Contains("epoch 1/1 step 2/2 loss=1.0000 mel=0.5000 duration=0.2500 attention=0.1250 w_duration=0.0250 lr=1.00e-03 grad_norm=2.5", output.ToString());
    }
}
