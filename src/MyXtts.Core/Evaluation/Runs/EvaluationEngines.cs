using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Core.Audio.Vocoding;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>A metric or predictor plugin with the name it was selected by.</summary>
public sealed record Named<T>(string Name, T Value);

/// <summary>
/// What an evaluation measures with. The caller owns (and disposes) everything here. Absent engines make their metrics
/// unavailable with a reason, never zero.
/// </summary>
public sealed record EvaluationEngines
{
    /// <summary>Speech recognition for WER/CER; null = none (intelligibility unavailable with <see cref="AsrMissingReason"/>).</summary>
    public IAsrEngine? Asr { get; init; }
    /// <summary>How reports name the engine and its language model (e.g. "pocketsphinx, in-domain bigram LM of 120 sentences").</summary>
    public string AsrDescription { get; init; } = "none";
    /// <summary>Why there is no ASR engine, and the fix.</summary>
    public string AsrMissingReason { get; init; } = "No ASR engine is selected (--plugin asr_engine=none); select one, e.g. pocketsphinx.";
    /// <summary>The speaker encoder (with weights loaded) for speaker similarity; null = the weights-free MFCC statistics.</summary>
    public ISpeakerEncoder? SpeakerEncoder { get; init; }
    /// <summary>How reports name the speaker encoder.</summary>
    public string SpeakerEncoderName { get; init; } = "";
    /// <summary>The vocoder under test when it is not Griffin-Lim: it is also run on the ground-truth mels (its own ceiling).</summary>
    public IVocoder? Vocoder { get; init; }
    /// <summary>How reports name the vocoder.</summary>
    public string VocoderName { get; init; } = "griffin_lim";
    /// <summary>Griffin-Lim for the ground-truth-mel ceiling.</summary>
    public GriffinLimOptions GriffinLim { get; init; } = new();
    /// <summary>Further metric plugins, run on the same utterances.</summary>
    public IReadOnlyList<Named<IEvaluationMetric>> Metrics { get; init; } = [];
    /// <summary>Naturalness predictors; none ships, so the <c>mos</c> group is usually unavailable.</summary>
    public IReadOnlyList<Named<IMosPredictor>> MosPredictors { get; init; } = [];
}

/// <summary>How an evaluation runs.</summary>
public sealed record EvaluationRunOptions
{
    /// <summary>Lines (the first ones) whose ground truth and reference are copied and whose mel and alignment images are drawn for the report.</summary>
    public int ShowcaseLines { get; init; } = 4;
    /// <summary>Seed of every synthesis request (the same checkpoint and set always give the same audio).</summary>
    public long Seed { get; init; }
    /// <summary>
    /// Load each prompt with its transcript, so outputs take the prompt's speaking rate (<see cref="MyXtts.Core.Inference.VoiceReference.SpeakingRate"/>);
    /// false measures the model's own pace for each voice.
    /// </summary>
    public bool ReferenceTranscripts { get; init; } = true;
}
