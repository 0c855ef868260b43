using MyXtts.Checkpoints;
using MyXtts.Checkpoints.Modules;
using MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Checkpoints;

/// <summary>The two discriminators and the training position stored in a <c>do_XXXXXXXX</c> file.</summary>
public sealed record DiscriminatorState(MultiPeriodDiscriminator Mpd, MultiScaleDiscriminator Msd, long Steps, long Epoch) : IDisposable
{
    /// <summary>Disposes both discriminators.</summary>
    public void Dispose()
    {
        Mpd.Dispose();
        Msd.Dispose();
    }
}

/// <summary>
/// Loads train.py's <c>do_XXXXXXXX</c> = {mpd, msd, optim_g, optim_d, steps, epoch}: both discriminators (width read
/// from the file) and steps/epoch. The AdamW states are the trainer's to restore (it owns the optimizers).
/// </summary>
public static class DiscriminatorCheckpoint
{
    private const long PublishedFirstPeriodChannels = 32;
    private const long PublishedFirstScaleChannels = 128;

    /// <summary>Reads <paramref name="path"/>; throws naming the file when a part is missing or does not fit.</summary>
    public static DiscriminatorState Load(string path)
    {
        using var checkpoint = CheckpointFile.Read(path);
        var mpdState = checkpoint.StateDict("mpd");
        var msdState = checkpoint.StateDict("msd");
        int mpdDivisor = Divisor(mpdState, "discriminators.0.convs.0.weight_v", PublishedFirstPeriodChannels, path);
        int msdDivisor = Divisor(msdState, "discriminators.1.convs.0.weight_v", PublishedFirstScaleChannels, path);
        var mpd = new MultiPeriodDiscriminator(mpdDivisor);
        var msd = new MultiScaleDiscriminator(msdDivisor);
        try
        {
            StateDictLoader.LoadStrict(mpd, mpdState, path);
            StateDictLoader.LoadStrict(msd, msdState, path);
            return new DiscriminatorState(mpd, msd, Integer(checkpoint, "steps"), Integer(checkpoint, "epoch"));
        }
        catch
        {
            mpd.Dispose();
            msd.Dispose();
            throw;
        }
    }

    private static int Divisor(IReadOnlyDictionary<string, TorchSharp.torch.Tensor> state, string key, long published, string path)
    {
        if (!state.TryGetValue(key, out var first) || first.shape[0] == 0 || published % first.shape[0] != 0)
            throw new FormatException($"'{path}': {key} is missing or has an unexpected shape, so the discriminator width cannot be read from it.");
        int divisor = (int)(published / first.shape[0]);
        DiscriminatorWidth.Validate(divisor);
        return divisor;
    }

    private static long Integer(Checkpoint checkpoint, string key) =>
        checkpoint.Root is MyXtts.Checkpoints.Pickle.PickleDict root && root.TryGetValue(key, out var value) && value is long n ? n : 0;
}
