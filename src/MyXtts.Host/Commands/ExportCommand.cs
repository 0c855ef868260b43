using System.CommandLine;
using System.Globalization;
using MyXtts.Core.Inference;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;

namespace MyXtts.Host.Commands;

/// <summary>
/// <c>myxtts export --checkpoint FILE --out FILE.safetensors</c>: the acoustic model's weights of a training checkpoint as
/// safetensors (state-dict keys; vocabulary, mel definition and step in the metadata), for Python tools and for
/// <c>myxtts train --init-weights</c>. Needs no device, data or plugins.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "Acoustic-model checkpoint (.ckpt from a training run's checkpoints/ folder).", Required = true, HelpName = "file" };
        var output = new Option<FileInfo>("--out") { Description = "The .safetensors file to write (replaced atomically if it exists).", Required = true, HelpName = "file" };
        var command = new Command("export", "Write a checkpoint's model weights to .safetensors (readable with Python's safetensors; loaded back with train --init-weights).")
        {
            checkpoint, output,
        };
        command.SetAction(parse =>
        {
            try
            {
                var written = CheckpointExport.ToSafetensors(parse.GetValue(checkpoint)!.FullName, parse.GetValue(output)!.FullName);
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {written.Path}: {written.Tensors} tensors, {written.Parameters:N0} parameters, step {written.Step} ({written.Model})"));
                return 0;
            }
            catch (Exception e) when (e is CheckpointException or IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }
}
