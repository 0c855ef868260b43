using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Abstractions.Vocoders.Training;

namespace MyXtts.Host.Plugins;

/// <summary>The one table of extension points: which contract means which kind, and how each kind is named.</summary>
public static class PluginKinds
{
    /// <summary>Kind contracts. A profiler may implement either or both profiler interfaces; both count as one kind.</summary>
    private static readonly (Type Contract, PluginKind Kind)[] Contracts =
    [
        (typeof(ISpeakerEncoder), PluginKind.SpeakerEncoder),
        (typeof(IVocoder), PluginKind.Vocoder),
        (typeof(ILossTerm), PluginKind.LossTerm),
        (typeof(ICacheProfiler), PluginKind.Profiler),
        (typeof(IOperationProfiler), PluginKind.Profiler),
        (typeof(IMetricsSink), PluginKind.MetricsSink),
        (typeof(IEvaluationMetric), PluginKind.Metric),
        (typeof(IAsrEngine), PluginKind.AsrEngine),
        (typeof(IMosPredictor), PluginKind.MosPredictor),
        (typeof(IVocoderLossTerm), PluginKind.VocoderLossTerm),
    ];

    /// <summary>Every kind, in listing order.</summary>
    public static IReadOnlyList<PluginKind> All { get; } = Enum.GetValues<PluginKind>();

    /// <summary>The distinct kinds <paramref name="type"/> implements (a valid plugin has exactly one).</summary>
    public static IReadOnlyList<PluginKind> Implemented(Type type) =>
        Contracts.Where(c => c.Contract.IsAssignableFrom(type)).Select(c => c.Kind).Distinct().ToArray();

    /// <summary>The contract a plugin of this kind is registered as; null for profilers (the host wraps them into one <see cref="IProfiler"/>).</summary>
    public static Type? RegistrationContract(PluginKind kind) => kind switch
    {
        PluginKind.SpeakerEncoder => typeof(ISpeakerEncoder),
        PluginKind.Vocoder => typeof(IVocoder),
        PluginKind.LossTerm => typeof(ILossTerm),
        PluginKind.MetricsSink => typeof(IMetricsSink),
        PluginKind.Metric => typeof(IEvaluationMetric),
        PluginKind.AsrEngine => typeof(IAsrEngine),
        PluginKind.MosPredictor => typeof(IMosPredictor),
        PluginKind.VocoderLossTerm => typeof(IVocoderLossTerm),
        _ => null,
    };

    /// <summary>Exclusive kinds take at most one plugin per run; the others add up.</summary>
    public static bool IsExclusive(PluginKind kind) =>
        kind is PluginKind.SpeakerEncoder or PluginKind.Vocoder or PluginKind.Profiler or PluginKind.AsrEngine;

    /// <summary>"speaker encoder", "loss term"...</summary>
    public static string DisplayName(PluginKind kind) => Token(kind).Replace('_', ' ');

    /// <summary>"Speaker encoders", "Loss terms"...</summary>
    public static string PluralTitle(PluginKind kind)
    {
        var name = DisplayName(kind);
        return char.ToUpperInvariant(name[0]) + name[1..] + "s";
    }

    /// <summary>The snake case spelling used on the command line (<c>--plugin profiler=none</c>).</summary>
    public static string Token(PluginKind kind) => kind switch
    {
        PluginKind.SpeakerEncoder => "speaker_encoder",
        PluginKind.Vocoder => "vocoder",
        PluginKind.LossTerm => "loss_term",
        PluginKind.Profiler => "profiler",
        PluginKind.MetricsSink => "metrics_sink",
        PluginKind.Metric => "metric",
        PluginKind.AsrEngine => "asr_engine",
        PluginKind.MosPredictor => "mos_predictor",
        PluginKind.VocoderLossTerm => "vocoder_loss_term",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind spelled <paramref name="token"/>, or null.</summary>
    public static PluginKind? FromToken(string token) =>
        All.Cast<PluginKind?>().FirstOrDefault(k => Token(k!.Value) == token);

    /// <summary>For messages: the contracts that make a class a plugin.</summary>
    public static string ContractList =>
        "ISpeakerEncoder, IVocoder, ILossTerm, ICacheProfiler and/or IOperationProfiler (profiler), IMetricsSink, " +
        "IEvaluationMetric, IAsrEngine, IMosPredictor or IVocoderLossTerm";
}
