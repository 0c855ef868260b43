using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>The channels, kernel size and dilation of one TDNN/SE-Res2Net block.</summary>
internal sealed record EcapaBlockShape(long InChannels, long OutChannels, long KernelSize, long Dilation);

/// <summary>
/// ECAPA-TDNN hyperparameters. Channel counts, kernel sizes, the Res2Net scale, SE and attention widths and the
/// embedding size are read from the checkpoint's tensor shapes (the parity fixture is a reduced model); dilations are
/// not stored in a checkpoint and follow SpeechBrain's defaults [1, 2, 3, …, 1], as in spkrec-ecapa-voxceleb.
/// </summary>
internal sealed record EcapaArchitecture(
    EcapaBlockShape Stem,
    IReadOnlyList<EcapaBlockShape> SeRes2NetBlocks,
    int Res2NetScale,
    long SeChannels,
    EcapaBlockShape Mfa,
    long AttentionChannels,
    bool GlobalContext,
    long EmbeddingDim)
{
    /// <summary>The size of <c>speechbrain/spkrec-ecapa-voxceleb</c>'s embedding_model.ckpt.</summary>
    public static readonly long PublishedEmbeddingDim = 192;

    /// <summary>Reads the architecture from <paramref name="stateDict"/>'s shapes; <paramref name="source"/> names the file in errors.</summary>
    public static EcapaArchitecture FromStateDict(IReadOnlyDictionary<string, Tensor> stateDict, string source)
    {
        long[] Shape(string key) => stateDict.TryGetValue(key, out var t) ? t.shape : throw new InvalidDataException(
            $"'{Path.GetFileName(source)}' is not a SpeechBrain ECAPA-TDNN embedding_model checkpoint: it has no '{key}' " +
            $"(first keys: {string.Join(", ", stateDict.Keys.Take(5))}). Use the embedding_model.ckpt of speechbrain/spkrec-ecapa-voxceleb " +
            "or a .safetensors export of it.");

        var stemWeight = Shape("blocks.0.conv.conv.weight");                                   // [C0, input, k0]
        var stem = new EcapaBlockShape(stemWeight[1], stemWeight[0], stemWeight[2], 1);
        var blocks = new List<EcapaBlockShape>();
        for (int i = 1; stateDict.ContainsKey($"blocks.{i}.tdnn1.conv.conv.weight"); i++)
        {
            var tdnn1 = Shape($"blocks.{i}.tdnn1.conv.conv.weight");                           // [C, C_in, 1]
            var res2net = Shape($"blocks.{i}.res2net_block.blocks.0.conv.conv.weight");        // [C/scale, C/scale, k]
            blocks.Add(new EcapaBlockShape(tdnn1[1], tdnn1[0], res2net[2], i + 1));
        }
        if (blocks.Count == 0) Shape("blocks.1.tdnn1.conv.conv.weight");                       // throws naming the key
        int scale = 1 + Enumerable.Range(0, int.MaxValue).TakeWhile(j => stateDict.ContainsKey($"blocks.1.res2net_block.blocks.{j}.conv.conv.weight")).Count();
        var mfaWeight = Shape("mfa.conv.conv.weight");                                         // [C_last, ΣC, k]
        var attention = Shape("asp.tdnn.conv.conv.weight");                                    // [A, 3·C_last or C_last, 1]
        return new EcapaArchitecture(
            stem, blocks, scale,
            SeChannels: Shape("blocks.1.se_block.conv1.conv.weight")[0],
            Mfa: new EcapaBlockShape(mfaWeight[1], mfaWeight[0], mfaWeight[2], 1),
            AttentionChannels: attention[0],
            GlobalContext: attention[1] == 3 * mfaWeight[0],
            EmbeddingDim: Shape("fc.conv.weight")[0]);
    }

    /// <summary>"channels [64, 64, 64, 64, 192], attention 16, embedding 32" for logs.</summary>
    public override string ToString() =>
        $"channels [{string.Join(", ", new[] { Stem.OutChannels }.Concat(SeRes2NetBlocks.Select(b => b.OutChannels)).Append(Mfa.OutChannels))}], " +
        $"res2net scale {Res2NetScale}, attention {AttentionChannels}, embedding {EmbeddingDim}";
}
