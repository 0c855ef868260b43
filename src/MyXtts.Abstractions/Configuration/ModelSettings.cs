using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Audio;

namespace MyXtts.Abstractions.Configuration;

/// <summary>Model architecture (<c>model.*</c>), after the original's <c>ModelConfig</c>.</summary>
public sealed record ModelSettings
{
    /// <summary>Width of the text encoder.</summary>
    [ConfigurationKeyName("text_encoder_dim"), Range(8, 8192)]
    public int TextEncoderDim { get; init; } = 512;

    /// <summary>Transformer layers in the text encoder.</summary>
    [ConfigurationKeyName("text_encoder_layers"), Range(1, 64)]
    public int TextEncoderLayers { get; init; } = 8;

    /// <summary>Attention heads in the text encoder; must divide <see cref="TextEncoderDim"/>.</summary>
    [ConfigurationKeyName("text_encoder_heads"), Range(1, 128)]
    public int TextEncoderHeads { get; init; } = 8;

    /// <summary>
    /// Text input: <c>phonemes</c> (espeak-ng IPA), <c>characters</c>, or <c>auto</c> = phonemes when espeak-ng is
    /// installed, else characters (logged). The vocabulary is built from the training data and saved with the model.
    /// </summary>
    [ConfigurationKeyName("tokenizer_type"), AllowedValues("auto", "phonemes", "characters")]
    public string TokenizerType { get; init; } = "auto";

    /// <summary>Width of the reference-audio (conditioning) encoder.</summary>
    [ConfigurationKeyName("audio_encoder_dim"), Range(8, 8192)]
    public int AudioEncoderDim { get; init; } = 768;

    /// <summary>Transformer layers in the audio encoder.</summary>
    [ConfigurationKeyName("audio_encoder_layers"), Range(1, 64)]
    public int AudioEncoderLayers { get; init; } = 8;

    /// <summary>Attention heads in the audio encoder; must divide <see cref="AudioEncoderDim"/>.</summary>
    [ConfigurationKeyName("audio_encoder_heads"), Range(1, 128)]
    public int AudioEncoderHeads { get; init; } = 12;

    /// <summary>Width of the mel decoder.</summary>
    [ConfigurationKeyName("decoder_dim"), Range(8, 8192)]
    public int DecoderDim { get; init; } = 1536;

    /// <summary>Transformer layers in the mel decoder.</summary>
    [ConfigurationKeyName("decoder_layers"), Range(1, 128)]
    public int DecoderLayers { get; init; } = 16;

    /// <summary>Attention heads in the mel decoder; must divide <see cref="DecoderDim"/>.</summary>
    [ConfigurationKeyName("decoder_heads"), Range(1, 128)]
    public int DecoderHeads { get; init; } = 24;

    /// <summary>
    /// <c>non_autoregressive</c> (duration predictor + parallel decoder, alignment learned by monotonic alignment
    /// search) or <c>autoregressive</c> (XTTS-like causal decoder).
    /// </summary>
    [ConfigurationKeyName("decoder_strategy"), AllowedValues("autoregressive", "non_autoregressive")]
    public string DecoderStrategy { get; init; } = "non_autoregressive";

    /// <summary>Mel frames predicted per decoder step (Tacotron's reduction factor); 2 halves decoder and alignment cost.</summary>
    [ConfigurationKeyName("reduction_factor"), Range(1, 8)]
    public int ReductionFactor { get; init; } = 2;

    /// <summary>Autoregressive decoder: synthesis stops at the first step whose stop-token probability exceeds this.</summary>
    [ConfigurationKeyName("stop_threshold"), Range(0.01, 0.99)]
    public double StopThreshold { get; init; } = 0.5;

    /// <summary>
    /// Autoregressive decoder: the length cap, in mel frames per input token; synthesis of a text of L tokens ends after
    /// at most ceil(L · this) frames when no stop token fires.
    /// </summary>
    [ConfigurationKeyName("max_frames_per_token"), Range(1.0, 1000.0)]
    public double MaxFramesPerToken { get; init; } = 20;

    /// <summary>Dropout in the text encoder, duration predictor, decoder and postnet.</summary>
    [ConfigurationKeyName("dropout"), Range(0.0, 0.9)]
    public double Dropout { get; init; } = 0.1;

    /// <summary>Global Style Tokens: a style embedding from the reference (or explicit token weights at inference).</summary>
    [ConfigurationKeyName("use_gst")]
    public bool UseGst { get; init; } = true;

    /// <summary>Number of learned style tokens when <see cref="UseGst"/> is on.</summary>
    [ConfigurationKeyName("gst_num_tokens"), Range(1, 256)]
    public int GstNumTokens { get; init; } = 10;

    /// <summary>Conditioning latents the perceiver resampler makes of the reference (the decoder cross-attends to them).</summary>
    [ConfigurationKeyName("num_conditioning_latents"), Range(1, 1024)]
    public int NumConditioningLatents { get; init; } = 32;

    /// <summary>Train and use a duration predictor for alignment (required by <c>non_autoregressive</c>).</summary>
    [ConfigurationKeyName("use_duration_predictor")]
    public bool UseDurationPredictor { get; init; } = true;

    /// <summary>
    /// Non-autoregressive: a per-token pitch predictor (FastSpeech 2 variance adaptor) trained on YIN F0 averaged over
    /// each token's aligned frames; the pitch (target in training, predicted at inference) is embedded into the token
    /// states before length regulation. Ignored by the autoregressive strategy.
    /// </summary>
    [ConfigurationKeyName("use_pitch_predictor")]
    public bool UsePitchPredictor { get; init; } = true;

    /// <summary>
    /// Non-autoregressive: a per-token energy predictor (frame energy = mean log-mel over bands, averaged per token),
    /// embedded like the pitch. Ignored by the autoregressive strategy.
    /// </summary>
    [ConfigurationKeyName("use_energy_predictor")]
    public bool UseEnergyPredictor { get; init; } = true;

    /// <summary>
    /// Non-autoregressive: the duration predictor also reads how fast the reference speaks (the log mean spectral flux of
    /// its mel, through a <c>reference_rate</c> layer), so a fast reference can give faster speech. Off: on the 30-minute
    /// bar it did not yet clone tempo and did not help length at 2,400 core-seconds (docs/quality.md, fourth run).
    /// </summary>
    [ConfigurationKeyName("reference_rate_conditioning")]
    public bool ReferenceRateConditioning { get; init; }

    /// <summary>Mel bands.</summary>
    [ConfigurationKeyName("n_mels"), Range(8, 512)]
    public int NMels { get; init; } = 80;

    /// <summary>FFT size.</summary>
    [ConfigurationKeyName("n_fft"), Range(64, 16384)]
    public int NFft { get; init; } = 1024;

    /// <summary>Samples between mel frames.</summary>
    [ConfigurationKeyName("hop_length"), Range(16, 8192)]
    public int HopLength { get; init; } = 256;

    /// <summary>Analysis window length; at most <see cref="NFft"/>.</summary>
    [ConfigurationKeyName("win_length"), Range(16, 16384)]
    public int WinLength { get; init; } = 1024;

    /// <summary>Audio sample rate in Hz (audio is resampled to it on load).</summary>
    [ConfigurationKeyName("sample_rate"), Range(8000, 192000)]
    public int SampleRate { get; init; } = 22050;

    /// <summary>Lowest mel filter edge in Hz.</summary>
    [ConfigurationKeyName("mel_fmin"), Range(0.0, 96000.0)]
    public double MelFmin { get; init; } = 0;

    /// <summary>Highest mel filter edge in Hz; at most half the sample rate.</summary>
    [ConfigurationKeyName("mel_fmax"), Range(1.0, 96000.0)]
    public double MelFmax { get; init; } = 8000;

    /// <summary>Size of the speaker embedding the decoder is conditioned on.</summary>
    [ConfigurationKeyName("speaker_embedding_dim"), Range(8, 4096)]
    public int SpeakerEmbeddingDim { get; init; } = 512;

    /// <summary>
    /// The speaker encoder plugin, by name: <c>ecapa_tdnn</c>, <c>resemblyzer</c>, <c>coqui</c> or any third-party speaker
    /// encoder plugin (<c>myxtts plugins list</c>). Used by <c>myxtts embed</c> and for pretrained speaker conditioning.
    /// </summary>
    [ConfigurationKeyName("speaker_encoder_type")]
    public string SpeakerEncoderType { get; init; } = "ecapa_tdnn";

    /// <summary>
    /// Weights of the speaker encoder: a PyTorch <c>.pth/.pt/.ckpt</c> or a <c>.safetensors</c> file (loaded without
    /// executing code). None means no pretrained weights.
    /// </summary>
    [ConfigurationKeyName("speaker_encoder_path")]
    public string? SpeakerEncoderPath { get; init; }

    /// <summary>
    /// Also condition the acoustic model on the pretrained speaker encoder's embedding of the reference clip (projected
    /// and added to the voice vector). A <see cref="SpeakerEncoderPath"/> given while this key is at its default turns it
    /// on (logged); an explicit false wins over a path.
    /// </summary>
    [ConfigurationKeyName("use_pretrained_speaker_encoder")]
    public bool UsePretrainedSpeakerEncoder { get; init; }

    /// <summary>
    /// Keep the pretrained speaker encoder's weights fixed: no gradient, no optimizer state, each clip embedded once and
    /// cached. False fine-tunes it with the model at <c>training.speaker_encoder_learning_rate</c> and stores its weights
    /// in the checkpoints.
    /// </summary>
    [ConfigurationKeyName("freeze_speaker_encoder")]
    public bool FreezeSpeakerEncoder { get; init; } = true;

    /// <summary>Condition the model on a reference voice (off: one voice, no audio encoder or style tokens).</summary>
    [ConfigurationKeyName("use_voice_conditioning")]
    public bool UseVoiceConditioning { get; init; } = true;

    /// <summary>Cross-attention layers of the perceiver resampler that turns the reference into conditioning latents.</summary>
    [ConfigurationKeyName("voice_conditioning_layers"), Range(0, 32)]
    public int VoiceConditioningLayers { get; init; } = 4;

    /// <summary>Dropout inside the voice (reference audio) encoder.</summary>
    [ConfigurationKeyName("voice_encoder_dropout"), Range(0.0, 0.9)]
    public double VoiceEncoderDropout { get; init; } = 0.1;

    /// <summary>Longest input text in characters.</summary>
    [ConfigurationKeyName("max_text_length"), Range(1, 100_000)]
    public int MaxTextLength { get; init; } = 500;

    /// <summary>Longest token sequence attended to.</summary>
    [ConfigurationKeyName("max_attention_sequence_length"), Range(8, 100_000)]
    public int MaxAttentionSequenceLength { get; init; } = 512;

    /// <summary>Language codes the model is trained for.</summary>
    [ConfigurationKeyName("languages")]
    public IReadOnlyList<string> Languages { get; init; } =
        ["en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar", "zh", "ja", "hu", "ko"];

    /// <summary>The mel definition these settings describe (shared with vocoders and checkpoints).</summary>
    public MelSettings ToMelSettings() => new()
    {
        SampleRate = SampleRate, NFft = NFft, HopLength = HopLength, WinLength = WinLength,
        NMels = NMels, FMin = MelFmin, FMax = MelFmax,
    };
}
