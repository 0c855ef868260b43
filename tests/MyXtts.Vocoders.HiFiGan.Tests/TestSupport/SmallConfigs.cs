using MyXtts.Plugins.Vocoders.HiFiGan.Config;

namespace MyXtts.Vocoders.HiFiGan.Tests.TestSupport;

/// <summary>Published configurations at reduced width, so unit tests run in milliseconds with the same code paths.</summary>
public static class SmallConfigs
{
    /// <summary>V1 (ResBlock1, hop 256) with 32 initial channels.</summary>
    public static HiFiGanConfig V1 { get; } = HiFiGanConfig.V1 with { UpsampleInitialChannel = 32 };

    /// <summary>V3 (ResBlock2, hop 256) with 32 initial channels.</summary>
    public static HiFiGanConfig V3 { get; } = HiFiGanConfig.V3 with { UpsampleInitialChannel = 32 };

    /// <summary>A hifi-gan config.json for V3 at 32 channels with the given mel keys.</summary>
    public static string V3Json(int hop = 256, string fmax = "8000") => $$"""
        {"resblock": "2", "upsample_rates": [8, 8, 4], "upsample_kernel_sizes": [16, 16, 8], "upsample_initial_channel": 32,
         "resblock_kernel_sizes": [3, 5, 7], "resblock_dilation_sizes": [[1, 2], [2, 6], [3, 12]],
         "num_mels": 80, "n_fft": 1024, "hop_size": {{hop}}, "win_size": 1024, "sampling_rate": 22050, "fmin": 0, "fmax": {{fmax}}}
        """;
}
