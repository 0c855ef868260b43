using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Checkpoints;
using MyXtts.Checkpoints.Modules;
using MyXtts.Plugins.SpeakerEncoders.Ecapa.FrontEnd;
using MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa;

/// <summary>
/// SpeechBrain's ECAPA-TDNN speaker encoder as <c>speechbrain/spkrec-ecapa-voxceleb</c> runs it
/// (<c>encode_batch(wavs, wav_lens, normalize=False)</c>): 80-bin Fbank at 16 kHz → sentence mean normalisation →
/// ECAPA-TDNN with masked statistics → the raw (not L2-normalised) embedding. Callers resample to <see cref="SampleRate"/>
/// first (the <see cref="ISpeakerEncoder"/> contract); padded rows are handled through their lengths as SpeechBrain does.
/// </summary>
[Plugin("ecapa_tdnn", Summary = "SpeechBrain ECAPA-TDNN (spkrec-ecapa-voxceleb embedding_model.ckpt or .safetensors): 80-bin fbank at 16 kHz, 192-dim embedding")]
public sealed class EcapaTdnnEncoder : ITrainableSpeakerEncoder
{
    private readonly ILogger _logger;
    private readonly Fbank _fbank = new();
    private EcapaTdnn? _model;
    private Device _device = CPU;

    /// <summary>Creates the encoder; it has no weights until <see cref="LoadWeights"/>.</summary>
    public EcapaTdnnEncoder(ILogger logger) => _logger = logger;

    /// <summary>The embedding size: read from the loaded checkpoint; the published model's 192 before any is loaded.</summary>
    public int EmbeddingDim { get; private set; } = (int)EcapaArchitecture.PublishedEmbeddingDim;

    /// <inheritdoc />
    public int SampleRate => Fbank.SampleRate;

    /// <summary>
    /// Loads SpeechBrain's <c>embedding_model.ckpt</c> (a plain state dict; also <c>.pth/.pt</c>) or a <c>.safetensors</c>
    /// export. The channel sizes come from the file, so reduced or enlarged ECAPA variants load too. Strict: any missing,
    /// unexpected or misshaped key fails, naming the file. Never executes code from the file.
    /// </summary>
    public void LoadWeights(string path)
    {
        using var checkpoint = CheckpointFile.Read(path);
        var stateDict = checkpoint.StateDict("state_dict", "model");
        EcapaArchitecture architecture;
        try
        {
            architecture = EcapaArchitecture.FromStateDict(stateDict, path);
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointFormatException(e.Message, e);
        }
        var model = new EcapaTdnn(architecture);
        try
        {
            StateDictLoader.LoadStrict(model, stateDict, path);
            model.eval();
            model.to(_device);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        _model?.Dispose();
        _model = model;
        EmbeddingDim = (int)architecture.EmbeddingDim;
        _logger.Information("Loaded ECAPA-TDNN weights from {Path} ({Format}): {Architecture}", path, checkpoint.Format, architecture.ToString());
    }

    /// <summary>
    /// [B, T] waveforms at 16 kHz (zero-padded on the right) and [B] valid sample counts → [B, EmbeddingDim] raw embeddings,
    /// in the caller's dispose scope. Gradients flow when the caller has not disabled them (the weights stay in eval mode).
    /// </summary>
    public Tensor Embed(Tensor waveforms, Tensor lengths)
    {
        var model = _model ?? throw new InvalidOperationException(
            "ecapa_tdnn has no weights: call LoadWeights with SpeechBrain's embedding_model.ckpt (or its .safetensors export) " +
            "first, e.g. --speaker-encoder-path path/to/embedding_model.ckpt.");
        if (waveforms.dim() != 2 || lengths.dim() != 1 || lengths.shape[0] != waveforms.shape[0])
            throw new ArgumentException(
                $"ecapa_tdnn embeds [batch, samples] waveforms with [batch] lengths; got waveforms [{string.Join(", ", waveforms.shape)}] " +
                $"and lengths [{string.Join(", ", lengths.shape)}].", nameof(waveforms));
        using var scope = NewDisposeScope();
        MoveTo(waveforms.device);
        var wav = waveforms.to(ScalarType.Float32);
        var relative = lengths.to(ScalarType.Float32, wav.device) / wav.shape[1];                // SpeechBrain's wav_lens
        var features = SentenceMeanNormalization.Apply(_fbank.Compute(wav), relative);          // [B, T', 80]
        return model.call(features, relative).squeeze(1).MoveToOuterDisposeScope();             // [B, D]
    }

    /// <summary>The ECAPA-TDNN network (state-dict keys as in <c>embedding_model.ckpt</c>), for fine-tuning; exists once weights are loaded.</summary>
    public nn.Module Module => _model ?? throw new InvalidOperationException(
        "ecapa_tdnn has no network before LoadWeights: its channel sizes come from the checkpoint. Load embedding_model.ckpt first.");

    /// <summary>Internal access for parity tests: the front end and the network.</summary>
    internal Fbank FrontEnd => _fbank;

    internal EcapaTdnn? Network => _model;

    private void MoveTo(Device device)
    {
        if (_device == device) return;
        _model?.to(device);
        _device = device;
    }

    /// <summary>Frees the network and front-end tensors.</summary>
    public void Dispose()
    {
        _model?.Dispose();
        _fbank.Dispose();
    }
}
