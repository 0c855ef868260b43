using MyXtts.Abstractions.Configuration;

namespace MyXtts.Core.Models;

/// <summary>
/// The sizes the acoustic models (<see cref="XttsAcousticModel"/>, <see cref="Autoregressive.AutoregressiveAcousticModel"/>)
/// are built from: <c>model.*</c> settings plus the tokenizer's vocabulary size.
/// </summary>
public sealed record AcousticModelOptions
{
    public required int VocabSize { get; init; }
    public int NMels { get; init; } = 80;
    public int TextDim { get; init; } = 128;
    public int TextLayers { get; init; } = 2;
    public int TextHeads { get; init; } = 2;
    public int AudioDim { get; init; } = 128;
    public int AudioLayers { get; init; } = 2;
    public int AudioHeads { get; init; } = 2;
    public int DecoderDim { get; init; } = 192;
    public int DecoderLayers { get; init; } = 3;
    public int DecoderHeads { get; init; } = 3;
    public int SpeakerDim { get; init; } = 128;
    public bool VoiceConditioning { get; init; } = true;
    public int ResamplerLayers { get; init; } = 1;
    public int ConditioningLatents { get; init; } = 32;
    public bool Gst { get; init; } = true;
    public int GstTokens { get; init; } = 10;
    public int ReductionFactor { get; init; } = 2;
    public double Dropout { get; init; } = 0.1;
    public double VoiceDropout { get; init; } = 0.1;
    public string DecoderStrategy { get; init; } = "non_autoregressive";

    /// <summary>Non-autoregressive: a per-token pitch predictor and pitch embedding (<c>model.use_pitch_predictor</c>). Off unless asked, so hand-built options keep the plain model.</summary>
    public bool PitchPredictor { get; init; }

    /// <summary>Non-autoregressive: a per-token energy predictor and energy embedding (<c>model.use_energy_predictor</c>).</summary>
    public bool EnergyPredictor { get; init; }

    /// <summary>Non-autoregressive: the duration predictor reads the reference's speaking rate (<c>model.reference_rate_conditioning</c>).</summary>
    public bool ReferenceRate { get; init; }

    /// <summary>
    /// Embedding size of the pretrained speaker encoder whose embedding the model also reads (through
    /// <c>speaker_projection</c>); 0 = no pretrained speaker conditioning. Comes from the encoder, not from a setting.
    /// </summary>
    public int PretrainedSpeakerDim { get; init; }

    /// <summary>Autoregressive: stop when the stop token's probability exceeds this.</summary>
    public double StopThreshold { get; init; } = 0.5;

    /// <summary>Autoregressive: the most mel frames synthesised per input token (the length cap if no stop fires).</summary>
    public double MaxFramesPerToken { get; init; } = 20;

    /// <summary>
    /// Autoregressive: dropout of the decoder prenet, on at inference too (Tacotron 2: it keeps the decoder from leaning on
    /// its own previous frame). Not a setting; tests set 0 to make decoding deterministic.
    /// </summary>
    public double PrenetDropout { get; init; } = 0.5;

    /// <summary>
    /// The options <paramref name="model"/> describes for a vocabulary of <paramref name="vocabSize"/> symbols, with a
    /// <c>speaker_projection</c> from a <paramref name="pretrainedSpeakerDim"/>-dim pretrained embedding when it is above 0.
    /// Throws for combinations the model cannot build.
    /// </summary>
    public static AcousticModelOptions From(ModelSettings model, int vocabSize, int pretrainedSpeakerDim = 0)
    {
        Divides("model.text_encoder_dim", model.TextEncoderDim, "model.text_encoder_heads", model.TextEncoderHeads);
        Divides("model.audio_encoder_dim", model.AudioEncoderDim, "model.audio_encoder_heads", model.AudioEncoderHeads);
        Divides("model.decoder_dim", model.DecoderDim, "model.decoder_heads", model.DecoderHeads);
        // The perceiver resampler attends at the decoder's width with the audio encoder's heads.
        Divides("model.decoder_dim", model.DecoderDim, "model.audio_encoder_heads", model.AudioEncoderHeads);
        if (model.DecoderStrategy == "non_autoregressive" && !model.UseDurationPredictor)
            throw new ArgumentException("model.decoder_strategy=non_autoregressive needs the duration predictor; set model.use_duration_predictor=true (or choose decoder_strategy=autoregressive).");
        return new AcousticModelOptions
        {
            VocabSize = vocabSize, NMels = model.NMels,
            TextDim = model.TextEncoderDim, TextLayers = model.TextEncoderLayers, TextHeads = model.TextEncoderHeads,
            AudioDim = model.AudioEncoderDim, AudioLayers = model.AudioEncoderLayers, AudioHeads = model.AudioEncoderHeads,
            DecoderDim = model.DecoderDim, DecoderLayers = model.DecoderLayers, DecoderHeads = model.DecoderHeads,
            SpeakerDim = model.SpeakerEmbeddingDim, VoiceConditioning = model.UseVoiceConditioning,
            ResamplerLayers = model.VoiceConditioningLayers, ConditioningLatents = model.NumConditioningLatents,
            Gst = model.UseGst, GstTokens = model.GstNumTokens, ReductionFactor = model.ReductionFactor,
            Dropout = model.Dropout, VoiceDropout = model.VoiceEncoderDropout, DecoderStrategy = model.DecoderStrategy,
            StopThreshold = model.StopThreshold, MaxFramesPerToken = model.MaxFramesPerToken, PretrainedSpeakerDim = pretrainedSpeakerDim,
            PitchPredictor = model.UsePitchPredictor, EnergyPredictor = model.UseEnergyPredictor, ReferenceRate = model.ReferenceRateConditioning,
        };
    }

    private static void Divides(string widthKey, int width, string headsKey, int heads)
    {
        if (width % heads != 0)
            throw new ArgumentException($"{widthKey}={width} is not divisible by {headsKey}={heads}: attention splits the width evenly across heads. " +
                                        $"Choose heads that divide {width} (e.g. {string.Join(", ", Enumerable.Range(1, 32).Where(h => width % h == 0).TakeLast(4))}).");
    }
}
