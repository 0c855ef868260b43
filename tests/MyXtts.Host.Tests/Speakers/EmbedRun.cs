using System.Text.Json.Nodes;
using MyXtts.Host.Cli;

namespace MyXtts.Host.Tests.Speakers;

/// <summary>Runs <c>myxtts embed</c> in-process with its run folders under a temporary directory, capturing stdout and stderr.</summary>
internal sealed class EmbedRun(string outputDirectory)
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>The <c>--json</c> document.</summary>
        public JsonObject Json => JsonNode.Parse(Output)!.AsObject();

        /// <summary>The cosine matrix of the <c>--json</c> document.</summary>
        public double[][] Cosine => Json["cosine"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
    }

    public Result Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new Dictionary<string, string?>());
        var exitCode = CliApplication.RunAsync(["embed", "--output-dir", outputDirectory, .. args], context).GetAwaiter().GetResult();
        return new Result(exitCode, output.ToString(), error.ToString());
    }
}
