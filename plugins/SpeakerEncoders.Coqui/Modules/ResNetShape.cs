namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>
/// The sizes of a <c>ResNetSpeakerEncoder</c>, read from checkpoint shapes (published files and fixtures differ).
/// </summary>
/// <param name="InputDim">Mel bands (<c>input_dim</c>, 64 in YourTTS).</param>
/// <param name="Filters">Channels of layer1..4 (<c>num_filters</c>).</param>
/// <param name="Blocks">Blocks per layer (<c>layers</c>, [3, 4, 6, 3]).</param>
/// <param name="SeReduced">Hidden size of each layer's SE bottleneck (channels / 8).</param>
/// <param name="AttentionChannels">Hidden channels of the attention (128).</param>
/// <param name="ProjDim">Embedding size (<c>proj_dim</c>).</param>
/// <param name="AttentiveStatistics">ASP (mean and deviation) rather than SAP (mean only).</param>
internal sealed record ResNetShape(
    int InputDim, int[] Filters, int[] Blocks, int[] SeReduced, int AttentionChannels, int ProjDim, bool AttentiveStatistics)
{
    /// <summary>Frequency bins left after three stride-2 stages (<c>outmap_size</c>).</summary>
    public int OutMapSize => InputDim / 8;

    /// <summary>Channels entering the attention: layer4 channels × <see cref="OutMapSize"/>.</summary>
    public int PooledChannels => Filters[3] * OutMapSize;
}
