using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>
/// Coqui's <c>SEBasicBlock</c>: conv3×3(stride) → <b>ReLU → bn1</b> → conv3×3 → bn2 → SE → + residual → ReLU, with
/// residual = <c>downsample</c> (conv1×1(stride) + BN) when the stride or the channel count changes.
/// </summary>
internal sealed class SEBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly SELayer se;
    private readonly Sequential? downsample;

    public SEBasicBlock(long inPlanes, long planes, long stride, long seReduced) : base(nameof(SEBasicBlock))
    {
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        se = new SELayer(planes, seReduced);
        if (stride != 1 || inPlanes != planes)
            downsample = nn.Sequential(("0", nn.Conv2d(inPlanes, planes, 1, stride: stride, bias: false)), ("1", nn.BatchNorm2d(planes)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var output = bn1.call(nn.functional.relu(conv1.call(x)));
        output = se.call(bn2.call(conv2.call(output)));
        var residual = downsample is null ? x : downsample.call(x);
        return nn.functional.relu(output + residual).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { conv1.Dispose(); bn1.Dispose(); conv2.Dispose(); bn2.Dispose(); se.Dispose(); downsample?.Dispose(); }
        base.Dispose(disposing);
    }
}
