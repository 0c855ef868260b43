using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Optimization;

/// <summary>
/// Global gradient-norm clipping that stays on the device: TorchSharp's <c>clip_grad_norm_</c> returns a double and so
/// synchronises every step. The returned norm is a tensor; read it when logging.
/// </summary>
public static class GradientClipper
{
    /// <summary>
    /// The L2 norm of all gradients together (before clipping), scaling them down to <paramref name="maxNorm"/> when
    /// larger; <paramref name="maxNorm"/> ≤ 0 only measures. A non-finite norm leaves the gradients as they are.
    /// </summary>
    public static Tensor ClipByNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        var grads = parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToArray();
        if (grads.Length == 0) return zeros(1).reshape([]);
        var norm = stack(grads.Select(g => g.detach().to(ScalarType.Float32).norm()).ToArray()).norm();
        if (maxNorm <= 0) return norm;
        // coefficient = min(1, maxNorm / norm); nan_to_num keeps an inf/NaN norm from turning finite gradients into NaN.
        var coefficient = (maxNorm / (norm + 1e-6)).clamp_max(1.0).nan_to_num(1.0, 1.0, 1.0);
        using (no_grad())
            foreach (var g in grads) g.mul_(coefficient.to(g.dtype));
        return norm;
    }
}
