using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;
using Serilog;

namespace MyXtts.TestPlugins.Good;

/// <summary>Appends scalars to <c>fixture_sink.tsv</c> in the run folder; says when the host disposes it.</summary>
[Plugin("fixture_sink", Summary = "Fixture: metrics to a TSV file")]
public sealed class FixtureSink(RunContext run, ILogger log) : IMetricsSink
{
    private readonly string _path = Path.Combine(run.RunDirectory, "fixture_sink.tsv");

    public void WriteScalars(long step, IReadOnlyDictionary<string, double> scalars) =>
        File.AppendAllLines(_path, scalars.Select(kv => $"{step}\t{kv.Key}\t{kv.Value}"));

    public void Dispose() => log.Information("Fixture sink disposed for run {RunId}", run.RunId);
}
