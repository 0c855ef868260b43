using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;
using TorchSharp;
using TorchSharp.Modules;

namespace MyXtts.Core.Metrics;

/// <summary>
/// TensorBoard event files in <c>&lt;run&gt;/tensorboard</c>, written with TorchSharp's <c>SummaryWriter</c>: one scalar
/// series per name (<c>train/mel_loss</c>, <c>train/w_mel_loss</c>, <c>train/lr</c>, <c>train/grad_norm</c>…).
/// View with <c>tensorboard --logdir runs</c>.
/// </summary>
[Plugin("tensorboard", Summary = "TensorBoard event files in <run>/tensorboard (built-in)")]
public sealed class TensorBoardMetricsSink(RunContext run) : IMetricsSink
{
    /// <summary>The folder in the run folder.</summary>
    public const string FolderName = "tensorboard";

    private readonly SummaryWriter _writer = torch.utils.tensorboard.SummaryWriter(Path.Combine(run.RunDirectory, FolderName));

    /// <summary>The event-file folder.</summary>
    public string LogDirectory => _writer.LogDir;

    public void WriteScalars(long step, IReadOnlyDictionary<string, double> scalars)
    {
        // SummaryWriter's default wall time is 0; TensorBoard wants seconds since the Unix epoch.
        var wallTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (name, value) in scalars)
            _writer.add_scalar(name, (float)value, (int)Math.Min(step, int.MaxValue), wallTime);
    }

    public void Dispose() { }   // SummaryWriter opens and closes its file on every write
}
