using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer.FrontEnd;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer.Loading;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer.Modules;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Resemblyzer;

/// <summary>
/// Resemblyzer's VoiceEncoder (<c>pretrained.pt</c>): 40-band mel power at 16 kHz, 3-layer LSTM, projection, ReLU, L2
/// norm, applied to 1.6 s partial windows whose embeddings are averaged and renormalised (<c>embed_utterance</c>).
/// </summary>
[Plugin("resemblyzer", Options = typeof(ResemblyzerOptions),
    Summary = "Resemblyzer VoiceEncoder (pretrained.pt): 256-dim embeddings from 16 kHz audio, partial windows averaged")]
public sealed class ResemblyzerEncoder : ITrainableSpeakerEncoder
{
    private readonly VoiceEncoderNetwork _network = new();
    private readonly ResemblyzerMel _mel = new();
    private readonly UtteranceEmbedder _embedder;
    private readonly ILogger _logger;

    public ResemblyzerEncoder(ResemblyzerOptions options, ILogger logger)
    {
        options.Validate();
        _logger = logger;
        _network.eval();
        _embedder = new UtteranceEmbedder(_network, _mel, options);
    }

    /// <inheritdoc />
    public int EmbeddingDim => VoiceEncoderNetwork.EmbeddingSize;

    /// <inheritdoc />
    public int SampleRate => ResemblyzerMel.SampleRate;

    /// <summary>The VoiceEncoder network (<c>lstm</c>, <c>linear</c>: the keys of <c>pretrained.pt</c>'s model_state), for fine-tuning.</summary>
    public nn.Module Module => _network;

    /// <inheritdoc />
    public void LoadWeights(string path)
    {
        VoiceEncoderWeights.Load(_network, path);
        _logger.Information("Loaded Resemblyzer VoiceEncoder weights from {Path}", path);
    }

    /// <inheritdoc />
    public Tensor Embed(Tensor waveforms, Tensor lengths)
    {
        MoveNetworkTo(waveforms.device);
        return _embedder.Embed(waveforms, lengths);
    }

    public void Dispose()
    {
        _network.Dispose();
        _mel.Dispose();
    }

    // The contract has no device: the network follows its input.
    private void MoveNetworkTo(Device device)
    {
        if (_network.parameters().First().device != device) _network.to(device);
    }
}
