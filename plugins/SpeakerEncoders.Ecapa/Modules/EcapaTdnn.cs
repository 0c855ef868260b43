using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>
/// SpeechBrain <c>ECAPA_TDNN</c> (lobes/models/ECAPA_TDNN.py): TDNN stem, SE-Res2Net blocks, multi-layer feature
/// aggregation over blocks 1.., attentive statistics pooling, BatchNorm, and a k=1 conv to the embedding.
/// Field names are the checkpoint keys. Input [B, T, n_mels] features and [B] relative lengths; output [B, 1, D].
/// </summary>
internal sealed class EcapaTdnn : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly ModuleList<nn.Module> blocks;
    private readonly TdnnBlock mfa;
    private readonly AttentiveStatisticsPooling asp;
    private readonly SbBatchNorm1d asp_bn;
    private readonly SbConv1d fc;
#pragma warning restore IDE1006

    public EcapaTdnn(EcapaArchitecture architecture) : base(nameof(EcapaTdnn))
    {
        var stem = architecture.Stem;
        blocks = new ModuleList<nn.Module>();
        blocks.Add(new TdnnBlock(stem.InChannels, stem.OutChannels, stem.KernelSize, stem.Dilation));
        foreach (var block in architecture.SeRes2NetBlocks)
            blocks.Add(new SeRes2NetBlock(block, architecture.Res2NetScale, architecture.SeChannels));
        var m = architecture.Mfa;
        long channels = m.OutChannels;
        mfa = new TdnnBlock(m.InChannels, channels, m.KernelSize, m.Dilation);
        asp = new AttentiveStatisticsPooling(channels, architecture.AttentionChannels, architecture.GlobalContext);
        asp_bn = new SbBatchNorm1d(channels * 2);
        fc = new SbConv1d(channels * 2, architecture.EmbeddingDim, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor features, Tensor relativeLengths) => Forward(features, relativeLengths, trace: null);

    /// <summary>The forward pass; when <paramref name="trace"/> is given, it receives the intermediates named as the
    /// reference fixtures name them (block0…, mfa, asp, asp_bn), owned by the caller's dispose scope.</summary>
    public Tensor Forward(Tensor features, Tensor relativeLengths, IDictionary<string, Tensor>? trace)
    {
        using var scope = NewDisposeScope();
        var x = features.transpose(1, 2);                                                       // [B, n_mels, T]
        var outputs = new List<Tensor>();
        for (int i = 0; i < blocks.Count; i++)
        {
            x = blocks[i] switch
            {
                TdnnBlock tdnn => tdnn.call(x),
                SeRes2NetBlock se => se.call(x, relativeLengths),
                _ => throw new InvalidOperationException($"unexpected block type {blocks[i].GetType().Name}"),
            };
            outputs.Add(Keep(trace, $"block{i}", x));
        }
        x = Keep(trace, "mfa", mfa.call(cat(outputs.Skip(1).ToArray(), dim: 1)));              // [B, C_last, T]
        x = Keep(trace, "asp", asp.call(x, relativeLengths));                                   // [B, 2C, 1]
        x = Keep(trace, "asp_bn", asp_bn.call(x));
        return fc.call(x).transpose(1, 2).MoveToOuterDisposeScope();                            // [B, 1, D]
    }

    private static Tensor Keep(IDictionary<string, Tensor>? trace, string name, Tensor value)
    {
        if (trace is not null) trace[name] = value.detach().clone().MoveToOuterDisposeScope();
        return value;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            blocks.Dispose();
            mfa.Dispose();
            asp.Dispose();
            asp_bn.Dispose();
            fc.Dispose();
        }
        base.Dispose(disposing);
    }
}
