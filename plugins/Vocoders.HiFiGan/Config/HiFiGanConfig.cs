namespace MyXtts.Plugins.Vocoders.HiFiGan.Config;

/// <summary>
/// The generator hyperparameters of jik876/hifi-gan's <c>config_v*.json</c> (the <c>h</c> object <c>models.Generator</c>
/// reads). <see cref="V1"/>, <see cref="V2"/> and <see cref="V3"/> are the published configurations; custom ones come
/// from a config.json (<see cref="HiFiGanConfigFile"/>) or from options.
/// </summary>
public sealed record HiFiGanConfig
{
    /// <summary>Residual block design.</summary>
    public ResBlockKind ResBlock { get; init; } = ResBlockKind.One;

    /// <summary>Stride of each ConvTranspose1d upsampling stage; their product is the hop length.</summary>
    public IReadOnlyList<int> UpsampleRates { get; init; } = [8, 8, 2, 2];

    /// <summary>Kernel size of each upsampling stage (padding is (k − u) / 2).</summary>
    public IReadOnlyList<int> UpsampleKernelSizes { get; init; } = [16, 16, 4, 4];

    /// <summary>Channels after conv_pre; stage i has this / 2^(i+1).</summary>
    public int UpsampleInitialChannel { get; init; } = 512;

    /// <summary>Kernel size of each parallel residual block of a stage.</summary>
    public IReadOnlyList<int> ResBlockKernelSizes { get; init; } = [3, 7, 11];

    /// <summary>Dilations of each parallel residual block (3 per block for ResBlock1, 2 for ResBlock2).</summary>
    public IReadOnlyList<IReadOnlyList<int>> ResBlockDilationSizes { get; init; } = [[1, 3, 5], [1, 3, 5], [1, 3, 5]];

    /// <summary>Mel channels of the input (conv_pre's input channels).</summary>
    public int NumMels { get; init; } = 80;

    /// <summary>Output samples per mel frame: the product of <see cref="UpsampleRates"/>.</summary>
    public int HopLength => UpsampleRates.Aggregate(1, (a, b) => a * b);

    /// <summary>Published V1 (13.9 M parameters, best quality).</summary>
    public static HiFiGanConfig V1 { get; } = new();

    /// <summary>Published V2 (0.9 M parameters): V1 with 128 initial channels.</summary>
    public static HiFiGanConfig V2 { get; } = new() { UpsampleInitialChannel = 128 };

    /// <summary>Published V3 (1.5 M parameters, fastest): ResBlock2, rates 8·8·4.</summary>
    public static HiFiGanConfig V3 { get; } = new()
    {
        ResBlock = ResBlockKind.Two,
        UpsampleRates = [8, 8, 4],
        UpsampleKernelSizes = [16, 16, 8],
        UpsampleInitialChannel = 256,
        ResBlockKernelSizes = [3, 5, 7],
        ResBlockDilationSizes = [[1, 2], [2, 6], [3, 12]],
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent key (<paramref name="source"/> says where it came from).</summary>
    public void Validate(string source)
    {
        if (UpsampleRates.Count == 0 || UpsampleRates.Count != UpsampleKernelSizes.Count)
            throw new ArgumentException($"{source}: upsample_rates ({UpsampleRates.Count} values) and upsample_kernel_sizes ({UpsampleKernelSizes.Count}) must be non-empty and the same length.");
        for (int i = 0; i < UpsampleRates.Count; i++)
        {
            int u = UpsampleRates[i], k = UpsampleKernelSizes[i];
            if (u < 1 || k < u || (k - u) % 2 != 0)
                throw new ArgumentException($"{source}: upsample stage {i} has rate {u} and kernel {k}; the kernel must be at least the rate and k − u even (padding (k − u) / 2 keeps length × rate), e.g. kernel = 2 × rate.");
        }
        if (UpsampleInitialChannel < 1 << UpsampleRates.Count)
            throw new ArgumentException($"{source}: upsample_initial_channel {UpsampleInitialChannel} is too small for {UpsampleRates.Count} stages that each halve it (at least {1 << UpsampleRates.Count}).");
        if (ResBlockKernelSizes.Count == 0 || ResBlockKernelSizes.Count != ResBlockDilationSizes.Count)
            throw new ArgumentException($"{source}: resblock_kernel_sizes ({ResBlockKernelSizes.Count} values) and resblock_dilation_sizes ({ResBlockDilationSizes.Count} lists) must be non-empty and the same length.");
        int dilationsPerBlock = ResBlock == ResBlockKind.One ? 3 : 2;
        for (int j = 0; j < ResBlockDilationSizes.Count; j++)
        {
            if (ResBlockDilationSizes[j].Count < dilationsPerBlock || ResBlockDilationSizes[j].Any(d => d < 1))
                throw new ArgumentException($"{source}: resblock_dilation_sizes[{j}] is [{string.Join(", ", ResBlockDilationSizes[j])}]; resblock \"{(int)ResBlock}\" uses {dilationsPerBlock} positive dilations per block.");
            if (ResBlockKernelSizes[j] < 1 || ResBlockKernelSizes[j] % 2 == 0)
                throw new ArgumentException($"{source}: resblock_kernel_sizes[{j}] is {ResBlockKernelSizes[j]}; it must be odd so that 'same' padding keeps the length.");
        }
        if (NumMels < 1)
            throw new ArgumentException($"{source}: num_mels is {NumMels}; it must be positive (80 for the published models).");
    }
}
