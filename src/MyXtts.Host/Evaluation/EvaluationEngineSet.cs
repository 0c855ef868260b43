using Autofac;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Core.Evaluation.Asr;
using MyXtts.Core.Evaluation.Runs;
using MyXtts.Host.Cli;
using MyXtts.Host.Composition;
using MyXtts.Host.Speakers;

namespace MyXtts.Host.Evaluation;

/// <summary>
/// The engines an evaluation measures with, taken from a run's plugin selection: the ASR engine (<c>--plugin
/// asr_engine=NAME</c>; PocketSphinx when none is chosen, with an in-domain language model on request; none with
/// <c>asr_engine=none</c>), the speaker encoder when its weights are configured (<c>--speaker-encoder-path</c>), the
/// vocoder under test, and any selected metric and MOS predictor plugins. Owns the engine it builds.
/// </summary>
public sealed class EvaluationEngineSet : IDisposable
{
    /// <summary>Metrics every evaluation computes itself; selecting them as plugins adds nothing.</summary>
    private static readonly HashSet<string> BuiltInMetrics = ["intelligibility", "signal", "speaker_similarity", "prosody"];

    private readonly IDisposable? _owned;

    private EvaluationEngineSet(EvaluationEngines engines, IDisposable? owned) => (Engines, _owned) = (engines, owned);

    public EvaluationEngines Engines { get; }

    /// <summary>
    /// Builds the engines for <paramref name="session"/>. <paramref name="sentences"/> feed the in-domain LM;
    /// <paramref name="vocoder"/> is the vocoder under test when it is not Griffin-Lim (null otherwise).
    /// </summary>
    public static EvaluationEngineSet Create(RunSession session, IReadOnlyList<string> sentences, bool inDomainLanguageModel, string vocoderName, IVocoder? vocoder)
    {
        var (asr, description, missing, owned) = Asr(session, sentences, inDomainLanguageModel);
        var (encoder, encoderName) = (session.Plugins.SpeakerEncoder, session.Composition.Selection.Single(PluginKind.SpeakerEncoder)?.Name);
        if (encoder is not null && encoderName is not null && !string.IsNullOrWhiteSpace(session.Settings.Model.SpeakerEncoderPath))
            SpeakerEncoderWeights.Load(encoder, encoderName, session.Settings.Model.SpeakerEncoderPath, session.Configuration.Provenance.SourceOf(SpeakerEncoderChoice.PathKey));
        else encoder = null;
        var engines = new EvaluationEngines
        {
            Asr = asr, AsrDescription = description, AsrMissingReason = missing,
            SpeakerEncoder = encoder, SpeakerEncoderName = encoder is null ? "" : $"{encoderName} ({session.Settings.Model.SpeakerEncoderPath})",
            Vocoder = vocoder, VocoderName = vocoderName,
            Metrics = Resolve<IEvaluationMetric>(session, PluginKind.Metric),
            MosPredictors = Resolve<IMosPredictor>(session, PluginKind.MosPredictor),
        };
        return new EvaluationEngineSet(engines, owned);
    }

    private static (IAsrEngine?, string, string, IDisposable?) Asr(RunSession session, IReadOnlyList<string> sentences, bool inDomain)
    {
        const string none = "No ASR engine: '--plugin asr_engine=none' was given. Drop it to use pocketsphinx, or select another engine.";
        if (session.Composition.Selection.ExplicitlyNone.Contains(PluginKind.AsrEngine)) return (null, "none", none, null);
        var chosen = session.Composition.Selection.Single(PluginKind.AsrEngine);
        if (chosen is not null && chosen.Type != typeof(PocketSphinxEngine))
            return ((IAsrEngine)session.Plugins.Scope.ResolveKeyed<object>(chosen.Name), chosen.Name + (inDomain ? " (its own language model)" : ""), none, null);
        var options = chosen is not null ? (PocketSphinxOptions)PluginOptionsBinder.Bind(chosen, session.Configuration.Root)!
            : session.Configuration.Root.GetSection(PluginOptionsBinder.SectionPath("pocketsphinx")).Get<PocketSphinxOptions>() ?? new PocketSphinxOptions();
        PocketSphinxEngine engine;
        var description = "pocketsphinx, generic US English language model";
        if (inDomain)
        {
            try
            {
                engine = PocketSphinxEngine.WithInDomainLanguageModel(options, sentences, session.Log);
                description = $"pocketsphinx, in-domain bigram language model of the dataset's {sentences.Count} sentences (optimistic; compare runs under the same LM)";
            }
            catch (ArgumentException e)
            {
                session.Log.Warning("No in-domain language model ({Reason}); using the generic one", e.Message);
                engine = new PocketSphinxEngine(options, session.Log);
            }
        }
        else engine = new PocketSphinxEngine(options, session.Log);
        return (engine, description, "", engine);
    }

    private static IReadOnlyList<Named<T>> Resolve<T>(RunSession session, PluginKind kind) where T : class =>
        session.Composition.Selection.OfKind(kind).Where(p => !BuiltInMetrics.Contains(p.Name)).Select(p => new Named<T>(p.Name, (T)session.Plugins.Scope.ResolveKeyed<object>(p.Name))).ToArray();

    public void Dispose() => _owned?.Dispose();
}
