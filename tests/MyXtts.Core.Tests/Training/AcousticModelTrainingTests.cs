using MyXtts.Abstractions.Training;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Models;
using MyXtts.Core.Tests.Models;
using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Reporting;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training;

/// <summary>
/// Accumulation equivalence and resume exactness with the acoustic model itself (<see cref="TinyAcoustic"/> with pitch and
/// energy predictors: text and audio encoders, GST, monotonic alignment search, variance adaptor, mel statistics taken from
/// data, every loss term the model has), not only the baseline.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class AcousticModelTrainingTests
{
    [Fact]
    public void Two_accumulated_micro_batches_of_B_give_the_acoustic_models_gradient_of_one_batch_of_2B()
    {
        // speaker_contrastive_loss weight 0: that term compares each row with the other rows of its batch (positives and
        // negatives), so over two micro-batches of B it sees other pairs than over one batch of 2B — accumulation is not
        // meant to reproduce it. Every other term is a per-row masked mean; with equal lengths 2B rows average like 2 × B.
        var data = new SyntheticBatches(4, 2, equalLengths: true);

        var accumulated = GradientsAfterOneStep(new WithPitch(new FixedBatches([[0, 1], [2, 3]], data)), gradAccum: 2);
        var large = GradientsAfterOneStep(new WithPitch(new FixedBatches([[0, 1, 2, 3]], data)), gradAccum: 1);

        Assert.Equal(large.Keys, accumulated.Keys);
        foreach (var (name, value) in large)
            Assert.True(value.allclose(accumulated[name], rtol: 1e-5, atol: 1e-7), $"gradient of {name} differs: max |Δ| = {(value - accumulated[name]).abs().max().item<float>()} of max |g| {value.abs().max().item<float>()}, mean |Δ| {(value - accumulated[name]).abs().mean().item<float>()}");
    }

    [Fact]
    public void An_acoustic_model_run_stopped_and_resumed_matches_an_uninterrupted_run_bit_for_bit()
    {
        // All four terms on, dropout on, validation every 2 steps: 3 steps per epoch, 7 in all, stopped after step 4 (mid-epoch, right
        // after a validation). The resumed run is built from other seeds, so it can only match through the checkpoint: weights,
        // mel statistics, optimizer, generator state, data position, best validation loss.
        using var dir = new TempDirectory();
        var straight = Run(maxSteps: 7, Path.Combine(dir.Path, "straight"), resume: false);
        var first = Run(maxSteps: 4, Path.Combine(dir.Path, "split"), resume: false);
        var second = Run(maxSteps: 7, Path.Combine(dir.Path, "split"), resume: true);

        Assert.Equal(straight.Losses, first.Losses.Concat(second.Losses).ToArray());
        Assert.Equal(straight.Validations, first.Validations.Concat(second.Validations).ToArray());
        Assert.Equal(straight.Progress, second.Progress);
        Assert.Equal(straight.Parameters.Keys, second.Parameters.Keys);
        foreach (var (name, value) in straight.Parameters)
            Assert.True(TinyTraining.Same(value, second.Parameters[name]), $"{name} differs after resume");
    }

    private static XttsAcousticModel Model(long seed, double dropout = 0.0)
    {
        ModelTestSupport.Seed(seed);
        return new XttsAcousticModel(TinyAcoustic.Options(dropout: dropout) with { PitchPredictor = true, EnergyPredictor = true });
    }

    /// <summary>Every term of the non-autoregressive model (<see cref="AcousticModels.LossTermNames"/>), each weighted so it matters.</summary>
    private static IReadOnlyList<WeightedLossTerm> AllTerms(double speakerWeight = 0.1) =>
    [
        .. TinyAcoustic.Terms(speakerWeight),
        new(PitchLoss.Name, new PitchLoss(), 0.5, "test"),
        new(EnergyLoss.Name, new EnergyLoss(), 0.5, "test"),
        new(VoiceSimilarityLoss.Name, new VoiceSimilarityLoss(), 0.5, "test"),
    ];

    /// <summary>
    /// The batches of <paramref name="inner"/> with an F0 track (as the data pipeline caches it), which the pitch predictor
    /// trains on: a rising contour whose level depends on the utterance (never on its row in the batch, as real F0 does not),
    /// every third frame unvoiced.
    /// </summary>
    private sealed class WithPitch(IBatchSource inner) : IBatchSource
    {
        public int Utterances => inner.Utterances;
        public int BatchesPerEpoch => inner.BatchesPerEpoch;
        public IEnumerable<LoadedBatch> Read(int epoch, int startPosition) =>
            inner.Read(epoch, startPosition).Select(b => new LoadedBatch(b.Batch with { Extra = new Dictionary<string, Tensor> { [BatchExtraKeys.Pitch] = F0(b.Batch) } }, b.Epoch, b.Position));

        private static Tensor F0(TrainingBatch batch)
        {
            var (rows, frames) = (batch.Mel.shape[0], batch.Mel.shape[2]);
            var lengths = batch.MelLengths.data<long>().ToArray();
            var f0 = new float[rows * frames];
            for (var r = 0; r < rows; r++)
            {
                var utterance = int.Parse(batch.Ids[r].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);   // SyntheticBatches ids: u<index>
                for (var t = 0; t < lengths[r]; t++) f0[r * frames + t] = t % 3 == 2 ? 0 : 100 + 5 * t + 20 * utterance;
            }
            return tensor(f0, [rows, frames]);
        }
    }

    private static Dictionary<string, Tensor> GradientsAfterOneStep(IBatchSource source, int gradAccum)
    {
        using var model = Model(seed: 3);
        using var trainer = TinyTraining.Trainer(model, source, new RecordingReporter(), new TrainerOptions { Epochs = 1, GradientAccumulation = gradAccum, LogEvery = 1 },
            losses: AllTerms(speakerWeight: 0));
        trainer.Fit();
        Assert.Equal(1, trainer.Progress.Step);
        return model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }

    private static (IReadOnlyList<double> Losses, IReadOnlyList<(long, double)> Validations, TrainingProgress Progress, Dictionary<string, Tensor> Parameters)
        Run(long maxSteps, string checkpoints, bool resume)
    {
        using var model = Model(seed: resume ? 99 : 7, dropout: 0.2);
        manual_seed(resume ? 12345 : 7);
        var reporter = new RecordingReporter();
        var store = TinyTraining.Store(checkpoints);
        using var trainer = TinyTraining.Trainer(model, new WithPitch(new SyntheticBatches(9, 3)), reporter,
            new TrainerOptions { Epochs = 5, MaxSteps = maxSteps, LogEvery = 1, ValidateEvery = 2 }, validation: new WithPitch(new SyntheticBatches(3, 3)),
            checkpoints: store, losses: AllTerms());
        if (resume) trainer.Resume(store.ReadLatest());
        trainer.Fit();
        Assert.Equal(TrainingOutcome.MaxStepsReached, reporter.Outcome);
        return (reporter.Losses, reporter.Validations.Select(v => (v.Step, v.Metrics[TrainingMeters.Loss])).ToArray(), trainer.Progress, TinyTraining.Snapshot(model));
    }
}
