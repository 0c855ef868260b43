using MyXtts.Core.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Autoregressive;

/// <summary>
/// The autoregressive mel decoder (Transformer-TTS / XTTS-like): the previous stacked frame goes through the
/// <c>prenet</c> and <c>input</c>, the voice vector through <c>condition</c>, sinusoidal step positions are added, then
/// N <see cref="CausalDecoderLayer"/>s (<c>layers.i</c>), a final <c>norm</c>, and two heads: <c>mel_projection</c>
/// (the next r frames, standardised and stacked) and <c>stop_projection</c> (the stop-token logit).
/// Teacher forcing runs every step at once (<see cref="forward"/>); inference runs one step at a time against a
/// key/value cache (<see cref="Start"/>, <see cref="Step"/>); both give the same numbers. Shapes: previous frames
/// [B, T', rM], voice [B, S].
/// </summary>
public sealed class AutoregressiveDecoder : nn.Module
{
    private readonly DecoderPrenet prenet;
    private readonly Linear input;
    private readonly Linear condition;
    private readonly ModuleList<CausalDecoderLayer> layers;
    private readonly LayerNorm norm;
    private readonly Linear mel_projection;
    private readonly Linear stop_projection;
    private readonly long _dim;

    public AutoregressiveDecoder(string name, long frameChannels, long dim, int layerCount, long heads, long speakerDim, bool conditioning, double dropout, double prenetDropout)
        : base(name)
    {
        _dim = dim;
        prenet = new DecoderPrenet("prenet", frameChannels, dim, prenetDropout);
        input = nn.Linear(dim, dim);
        condition = nn.Linear(speakerDim, dim);
        layers = nn.ModuleList(Enumerable.Range(0, layerCount).Select(i => new CausalDecoderLayer($"{i}", dim, heads, dropout, conditioning)).ToArray());
        norm = nn.LayerNorm(dim);
        mel_projection = nn.Linear(dim, frameChannels);
        stop_projection = nn.Linear(dim, 1);
        RegisterComponents();
    }

    /// <summary>
    /// Teacher forcing: step t reads <paramref name="previous"/>[:, t] (the go frame, then the target shifted by one step).
    /// <paramref name="stepPadding"/> [B, T'] is true on padded steps (null = none); the attention over the text is
    /// averaged over layers and heads.
    /// </summary>
    public DecoderStepOutputs forward(Tensor previous, Tensor voice, DecoderMemory memory, Tensor? stepPadding)
    {
        using var scope = NewDisposeScope();
        var steps = previous.shape[1];
        var x = Embed(previous, voice, 0);
        var causal = ones(steps, steps, dtype: ScalarType.Bool, device: previous.device).triu(1);   // true = a later step: forbidden
        Tensor? alignment = null;
        foreach (var layer in layers)
        {
            var (output, weights) = layer.forward(x, causal, stepPadding, layer.Project(memory));
            x = output;
            alignment = alignment is null ? weights : alignment + weights;
        }
        return Heads(x, alignment! / layers.Count).MoveToOuterDisposeScope();
    }

    /// <summary>Begins incremental decoding: projects the memory once per layer and opens an empty cache per layer.</summary>
    public DecodingState Start(Tensor voice, DecoderMemory memory) =>
        new(voice, layers.Select(l => l.Project(memory)).ToArray(), layers.Count);

    /// <summary>One step of incremental decoding: <paramref name="previous"/> [B, 1, rM] is the last frame (the go frame first).</summary>
    public DecoderStepOutputs Step(DecodingState state, Tensor previous)
    {
        using var scope = NewDisposeScope();
        var x = Embed(previous, state.Voice, state.Position);
        Tensor? alignment = null;
        for (var i = 0; i < layers.Count; i++)
        {
            var (output, weights) = layers[i].Step(x, state.Caches[i], state.Memory[i]);
            x = output;
            alignment = alignment is null ? weights : alignment + weights;
        }
        state.Advance();
        return Heads(x, alignment! / layers.Count).MoveToOuterDisposeScope();
    }

    /// <summary>prenet → input + voice + positions from <paramref name="offset"/> on: [B, T, D].</summary>
    private Tensor Embed(Tensor previous, Tensor voice, long offset)
    {
        var steps = previous.shape[1];
        var positions = SinusoidalPositions.Table(offset + steps, _dim, previous.device)[(int)offset..].to(previous.dtype);
        return input.call(prenet.call(previous)) + condition.call(voice).unsqueeze(1) + positions;
    }

    private DecoderStepOutputs Heads(Tensor x, Tensor alignment)
    {
        var h = norm.call(x);
        return new DecoderStepOutputs(mel_projection.call(h), stop_projection.call(h).squeeze(2), alignment);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            prenet.Dispose(); input.Dispose(); condition.Dispose(); layers.Dispose(); norm.Dispose();
            mel_projection.Dispose(); stop_projection.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// The state of one incremental decoding: the voice vector, each layer's projected memory and key/value cache, and the
/// next step's position. Dispose it when decoding ends (it owns the caches).
/// </summary>
public sealed class DecodingState : IDisposable
{
    internal DecodingState(Tensor voice, IReadOnlyList<ProjectedMemory> memory, int layerCount)
    {
        Voice = voice;
        Memory = memory;
        Caches = Enumerable.Range(0, layerCount).Select(_ => new SelfAttentionCache()).ToArray();
    }

    internal Tensor Voice { get; }
    internal IReadOnlyList<ProjectedMemory> Memory { get; }
    internal IReadOnlyList<SelfAttentionCache> Caches { get; }

    /// <summary>Steps decoded so far (the position of the next one).</summary>
    public long Position { get; private set; }

    internal void Advance() => Position++;

    public void Dispose()
    {
        foreach (var cache in Caches) cache.Dispose();
    }
}
