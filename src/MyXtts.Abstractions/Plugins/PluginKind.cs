namespace MyXtts.Abstractions.Plugins;

/// <summary>The extension points. A plugin's kind is the contract its class implements.</summary>
public enum PluginKind
{
    /// <summary><see cref="SpeakerEncoders.ISpeakerEncoder"/>: waveform to speaker embedding. At most one per run.</summary>
    SpeakerEncoder,
    /// <summary><see cref="Vocoders.IVocoder"/>: mel to waveform. At most one per run.</summary>
    Vocoder,
    /// <summary><see cref="Losses.ILossTerm"/>: a weighted training objective. Any number per run.</summary>
    LossTerm,
    /// <summary><see cref="Profiling.ICacheProfiler"/> and/or <see cref="Profiling.IOperationProfiler"/>. At most one per run.</summary>
    Profiler,
    /// <summary><see cref="Metrics.IMetricsSink"/>: experiment tracking. Any number per run.</summary>
    MetricsSink,
    /// <summary><see cref="Evaluation.IEvaluationMetric"/>: a measurement of synthesized speech. Any number per run.</summary>
    Metric,
    /// <summary><see cref="Evaluation.IAsrEngine"/>: speech recognition for WER/CER. At most one per run.</summary>
    AsrEngine,
    /// <summary><see cref="Evaluation.IMosPredictor"/>: a learned naturalness predictor. Any number per run.</summary>
    MosPredictor,
    /// <summary><see cref="Vocoders.Training.IVocoderLossTerm"/>: a weighted objective of GAN vocoder training (stage 2). Any number per run.</summary>
    VocoderLossTerm,
}
