namespace MyXtts.Plugins.SpeakerEncoders.Coqui;

/// <summary>Which Coqui speaker encoder a checkpoint holds.</summary>
public enum CoquiVariant
{
    /// <summary>From the checkpoint's config (<c>model_params.model_name</c>), else <c>config_se.json</c> beside it, else its keys.</summary>
    Auto,
    /// <summary><c>ResNetSpeakerEncoder</c> (H/ASP, the YourTTS encoder).</summary>
    Resnet,
    /// <summary><c>LSTMSpeakerEncoder</c> (the older Mozilla/Coqui encoder).</summary>
    Lstm,
}

/// <summary>Options of the <c>coqui</c> speaker encoder, bound from <c>plugins:coqui</c>.</summary>
public sealed class CoquiOptions
{
    /// <summary>Force the architecture instead of detecting it (a mismatch with the file's keys is reported).</summary>
    public CoquiVariant Variant { get; set; } = CoquiVariant.Auto;
}
