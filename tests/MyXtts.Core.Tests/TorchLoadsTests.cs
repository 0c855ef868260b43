using TorchSharp;

namespace MyXtts.Core.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void Libtorch_loads_and_computes_on_this_machine()
    {
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 2);
        using var c = a.matmul(b);
        Assert.Equal(3f, c[0, 0].item<float>());
    }
}
