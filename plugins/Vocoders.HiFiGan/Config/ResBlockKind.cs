namespace MyXtts.Plugins.Vocoders.HiFiGan.Config;

/// <summary>HiFi-GAN's two residual block designs (<c>"resblock": "1"</c> or <c>"2"</c> in config.json).</summary>
public enum ResBlockKind
{
    /// <summary>ResBlock1 (V1, V2): three dilated conv + plain conv pairs per block.</summary>
    One = 1,

    /// <summary>ResBlock2 (V3): two dilated convs per block.</summary>
    Two = 2,
}
