using System.Reflection;
using Autofac;
using Autofac.Core;
using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Selection;

namespace MyXtts.Host.Composition;

/// <summary>
/// One run's plugin instances, constructed when the run begins and disposed with it. Exclusive kinds that are not
/// selected are null (encoder, vocoder) or null objects (profiler, epoch reporter).
/// </summary>
public sealed class PluginRun : IDisposable
{
    internal PluginRun(ILifetimeScope scope, PluginSelection selection, RunContext context)
    {
        Scope = scope;
        Context = context;
        SpeakerEncoder = ResolveSingle<ISpeakerEncoder>(selection, PluginKind.SpeakerEncoder);
        Vocoder = ResolveSingle<IVocoder>(selection, PluginKind.Vocoder);
        LossTerms = selection.OfKind(PluginKind.LossTerm).Select(p => new NamedLossTerm(p.Name, Construct<Abstractions.Losses.ILossTerm>(p))).ToArray();
        MetricsSinks = selection.OfKind(PluginKind.MetricsSink).Select(Construct<IMetricsSink>).ToArray();
        VocoderLossTerms = selection.OfKind(PluginKind.VocoderLossTerm).Select(p => new NamedVocoderLossTerm(p.Name, Construct<IVocoderLossTerm>(p))).ToArray();
        if (selection.Single(PluginKind.Profiler) is { } profiler) Construct<object>(profiler);
        Profiler = scope.Resolve<IProfiler>();
        EpochReporter = scope.Resolve<IEpochReporter>();
    }

    /// <summary>The run's lifetime scope (tag <see cref="HostComposition.RunTag"/>), to resolve the caller's own run services.</summary>
    public ILifetimeScope Scope { get; }

    /// <summary>The run folder and id.</summary>
    public RunContext Context { get; }

    /// <summary>The selected speaker encoder, or null when none is selected.</summary>
    public ISpeakerEncoder? SpeakerEncoder { get; }

    /// <summary>The selected vocoder, or null when none is selected.</summary>
    public IVocoder? Vocoder { get; }

    /// <summary>The selected loss terms with their names, in selection order.</summary>
    public IReadOnlyList<NamedLossTerm> LossTerms { get; }

    /// <summary>The selected vocoder (stage-2) loss terms with their names, in selection order.</summary>
    public IReadOnlyList<NamedVocoderLossTerm> VocoderLossTerms { get; }

    /// <summary>The selected metrics sinks, in selection order.</summary>
    public IReadOnlyList<IMetricsSink> MetricsSinks { get; }

    /// <summary>The selected profiler behind its safety guard, or <see cref="NullProfiler"/>. Never throws.</summary>
    public IProfiler Profiler { get; }

    /// <summary>The profiler's epoch reports (guarded), or a reporter that does nothing. Never throws.</summary>
    public IEpochReporter EpochReporter { get; }

    private T? ResolveSingle<T>(PluginSelection selection, PluginKind kind) where T : class =>
        selection.Single(kind) is { } plugin ? Construct<T>(plugin) : null;

    private T Construct<T>(PluginDescriptor plugin) where T : class
    {
        try
        {
            return (T)Scope.ResolveKeyed<object>(plugin.Name);
        }
        catch (Exception e)
        {
            var cause = Innermost(e);
            throw new PluginException($"Plugin {plugin.Describe()} could not be constructed: {cause.GetType().Name}: {cause.Message}", cause);
        }
    }

    /// <summary>The plugin's own exception under Autofac's and reflection's wrappers.</summary>
    private static Exception Innermost(Exception e)
    {
        while (e is DependencyResolutionException or TargetInvocationException && e.InnerException is not null) e = e.InnerException!;
        return e;
    }

    public void Dispose() => Scope.Dispose();
}
