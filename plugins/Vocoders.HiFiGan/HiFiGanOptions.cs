namespace MyXtts.Plugins.Vocoders.HiFiGan;

/// <summary>Settings of the <c>hifigan</c> vocoder, bound from the configuration section <c>plugins:hifigan</c>.</summary>
public sealed record HiFiGanOptions
{
    /// <summary>Generator configuration: V1 (best quality), V2 (small), V3 (fastest) or the path of a hifi-gan config.json. Default V1.</summary>
    public string Config { get; init; } = "V1";

    /// <summary>Generator weights loaded when the vocoder is created (g_XXXXXXXX, a state dict or safetensors); empty to load later.</summary>
    public string Checkpoint { get; init; } = "";

    /// <summary>Key prefix of the generator inside the file (XTTS: <c>waveform_decoder.</c>); empty for a generator file.</summary>
    public string KeyPrefix { get; init; } = "";

    /// <summary>Mel frames per synthesis chunk (bounded memory, streaming); 0 synthesises the whole mel at once. Default 0.</summary>
    public int ChunkFrames { get; init; }

    /// <summary>Context frames on each side of a chunk, cross-faded over 2 × this many frames. Default 16.</summary>
    public int ChunkOverlapFrames { get; init; } = 16;

    /// <summary>Training only: discriminator width as a divisor of the published channel counts (1, 2, 4 or 8; smaller trains faster). Default 1.</summary>
    public int DiscriminatorChannelDivisor { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid key.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Config))
            throw new ArgumentException("plugins:hifigan:Config is empty; use V1, V2, V3 or the path of a hifi-gan config.json.");
        if (ChunkFrames < 0)
            throw new ArgumentException($"plugins:hifigan:ChunkFrames is {ChunkFrames}; use 0 (whole mel at once) or a positive frame count such as 64.");
        if (ChunkOverlapFrames < 0)
            throw new ArgumentException($"plugins:hifigan:ChunkOverlapFrames is {ChunkOverlapFrames}; it must be 0 or more (16 is a good value).");
        if (!Discriminators.DiscriminatorWidth.Valid.Contains(DiscriminatorChannelDivisor))
            throw new ArgumentException(
                $"plugins:hifigan:DiscriminatorChannelDivisor is {DiscriminatorChannelDivisor}; valid values are {string.Join(", ", Discriminators.DiscriminatorWidth.Valid)} (1 = the published width).");
        if (ChunkFrames > 0 && ChunkFrames < 2 * ChunkOverlapFrames)
            throw new ArgumentException(
                $"plugins:hifigan:ChunkFrames {ChunkFrames} is less than twice ChunkOverlapFrames {ChunkOverlapFrames}; raise ChunkFrames to at least {2 * ChunkOverlapFrames} or lower the overlap.");
    }
}
