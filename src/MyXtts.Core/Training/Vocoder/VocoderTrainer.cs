using System.Diagnostics;
using MyXtts.Core.Runtime;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// Stage 2, the GAN vocoder loop: epochs of <see cref="VocoderStep"/>s over random segments, validation on whole clips
/// after each epoch (WAVs + mel L1), checkpoints every <see cref="VocoderTrainerOptions.SaveEvery"/> steps, after each
/// epoch, at <c>--max-steps</c> and on a stop request. Resume restores both modules, both optimizers, the epoch (hence
/// the learning rates), the position in the epoch (hence the segments) and torch's RNG.
/// </summary>
public sealed class VocoderTrainer : IDisposable
{
    private readonly VocoderTrainerSetup _setup;
    private readonly VocoderTrainerOptions _options;
    private readonly VocoderOptimizers _optimizers;
    private readonly VocoderStep _step;
    private readonly SegmentSampler _sampler;
    private readonly VocoderValidation? _validation;
    private readonly VocoderGeneratorFiles? _generators;

    public VocoderTrainer(VocoderTrainerSetup setup)
    {
        _setup = setup;
        _options = setup.Options;
        _options.Validate(setup.Mel.HopLength);
        setup.Model.Generator.to(setup.Device);
        setup.Model.Discriminator.to(setup.Device);
        _optimizers = new VocoderOptimizers(setup.Model, _options);
        _step = new VocoderStep(setup.Model, setup.Losses, _optimizers, setup.Mel);
        _sampler = new SegmentSampler(setup.Train, _options.SegmentSize, setup.Mel.HopLength, _options.BatchSize, _options.Seed, setup.Mel.LogClamp);
        if (setup.Validation is { Count: > 0 } validation)
            _validation = new VocoderValidation(setup.Model, _step, validation, setup.Mel.HopLength, setup.Mel.SampleRate, _options, setup.SamplesDirectory, setup.AudioSinks);
        if (setup.Checkpoints is { } store) _generators = new VocoderGeneratorFiles(store);
    }

    /// <summary>Where the run stands.</summary>
    public TrainingProgress Progress { get; private set; } = new();

    /// <summary>The checkpoint this run resumed from, if any.</summary>
    public string? ResumedFrom { get; private set; }

    /// <summary>The last checkpoint written.</summary>
    public string? LastCheckpoint { get; private set; }

    /// <summary>Steps per epoch.</summary>
    public int StepsPerEpoch => _sampler.BatchesPerEpoch;

    /// <summary>Continues from <paramref name="checkpoint"/>; throws <see cref="CheckpointException"/> on a mismatch.</summary>
    public void Resume(VocoderCheckpoint checkpoint)
    {
        checkpoint.CheckCompatible(_setup.Model.Generator, _setup.Model.Discriminator, _setup.Mel, _setup.Model.Description);
        checkpoint.Restore(_setup.Model.Generator, _setup.Model.Discriminator, _optimizers);
        Progress = checkpoint.Manifest.Progress;
        ResumedFrom = checkpoint.Manifest.Path;
        _setup.Log.Information("Resuming stage 2 from {Checkpoint} (written by MyXtts {CodeVersion}): step {Step}, epoch {Epoch}, batch {Position} of the epoch",
            ResumedFrom, checkpoint.Manifest.CodeVersion, Progress.Step, Progress.Epoch + 1, Progress.Position);
    }

    /// <summary>Trains until the epochs are done, <c>--max-steps</c> or <paramref name="stop"/>.</summary>
    public TrainingOutcome Fit(CancellationToken stop = default)
    {
        _setup.Reporter.RunStarted(Summary());
        if (Progress.Step >= _options.MaxSteps) return Finish(TrainingOutcome.MaxStepsReached);
        using var meters = new TrainingMeters();
        _setup.Model.Generator.train();
        _setup.Model.Discriminator.train();
        while (Progress.Epoch < _options.Epochs)
        {
            var clock = Stopwatch.StartNew();
            _setup.Reporter.EpochStarted(Progress.Epoch, StepsPerEpoch, Progress.Position);
            _optimizers.StartEpoch(Progress.Epoch);
            while (Progress.Position < StepsPerEpoch)
            {
                RunStep(meters);
                Progress = Progress with { Step = Progress.Step + 1, Position = Progress.Position + 1 };
                var metrics = Progress.Step % _options.LogEvery == 0 ? meters.ReadWindow() : null;
                _setup.Reporter.StepCompleted(new StepReport(Progress.Step, Progress.Epoch, Progress.Position, StepsPerEpoch, _options.LearningRateAt(Progress.Epoch), false, metrics));
                if (stop.IsCancellationRequested) return Finish(TrainingOutcome.Interrupted, save: true);
                if (Progress.Step >= _options.MaxSteps) return Finish(TrainingOutcome.MaxStepsReached, save: true);
                if (Progress.Step % _options.SaveEvery == 0) Save(null, isBest: false);
            }
            var melL1 = Validate();
            var improved = melL1 is { } v && (Progress.BestValidationLoss is not { } best || v < best);
            Progress = Progress with
            {
                Epoch = Progress.Epoch + 1, Position = 0,
                BestValidationLoss = improved ? melL1 : Progress.BestValidationLoss,
                EpochsWithoutImprovement = melL1 is null || improved ? 0 : Progress.EpochsWithoutImprovement + 1,
            };
            var validation = melL1 is { } m ? new Dictionary<string, double> { [VocoderValidation.MelL1] = m, [TrainingMeters.Loss] = m } : null;
            _setup.Reporter.EpochCompleted(new EpochReport(Progress.Epoch - 1, Progress.Step, meters.ReadEpoch(), validation, 0, clock.Elapsed.TotalSeconds, improved));
            meters.ResetEpoch();
            Save(melL1, improved);
            if (stop.IsCancellationRequested) return Finish(TrainingOutcome.Interrupted);
        }
        return Finish(TrainingOutcome.Completed);
    }

    private void RunStep(TrainingMeters meters)
    {
        CollectionSafePoints.Reach();      // no collection may run while this step is inside libtorch (see the class)
        using var _ = _setup.Profiler.ProfileOperation("train_step");
        using var scope = NewDisposeScope();
        var batch = _sampler.Batch(Progress.Epoch, Progress.Position);
        if (_setup.Device.type != DeviceType.CPU) batch = new SegmentBatch(batch.Audio.to(_setup.Device), batch.Mel.to(_setup.Device));
        _step.Run(batch, Progress.Step, meters);
    }

    /// <summary>Mean validation mel L1, or null without validation clips.</summary>
    private double? Validate()
    {
        if (_validation is null) return null;
        using var _ = _setup.Profiler.ProfileOperation("validate");
        CollectionSafePoints.Reach();
        var scores = _validation.Run(Progress.Epoch, Progress.Step, _setup.Device);
        var mean = scores.Average(s => s.MelL1);
        _setup.Log.Information("Validation mel L1 {MelL1:G5} over {Clips} clips (at most {MaxSeconds} s each){Samples:l}", mean, scores.Count,
            _options.MaxValidationSeconds, _setup.SamplesDirectory is { } dir ? $"; WAVs and per-clip numbers in {Path.Combine(dir, $"epoch-{Progress.Epoch + 1:D4}")}" : "");
        return mean;
    }

    private TrainingOutcome Finish(TrainingOutcome outcome, bool save = false)
    {
        if (save) Save(null, isBest: false);
        _setup.Reporter.RunCompleted(outcome, Progress, LastCheckpoint);
        CollectionSafePoints.Leave();
        return outcome;
    }

    private void Save(double? melL1, bool isBest)
    {
        if (_setup.Checkpoints is not { } store || _generators is null) return;
        using var _ = _setup.Profiler.ProfileOperation("checkpoint");
        var generator = _generators.PathFor(Progress.Step);
        LastCheckpoint = store.Save(Progress.Step, path =>
        {
            _setup.Model.ExportGenerator(generator);
            VocoderCheckpoint.Write(path, Manifest(melL1, Path.GetFileName(generator)), _setup.Model.Generator, _setup.Model.Discriminator, _optimizers);
        }, isBest);
        _generators.Saved(generator, isBest);
        _setup.Log.Debug("Saved stage-2 checkpoint {Checkpoint} and generator {Generator}", LastCheckpoint, generator);
    }

    private VocoderCheckpointManifest Manifest(double? melL1, string generatorFile) => new()
    {
        Progress = Progress, Vocoder = _setup.VocoderName, Model = _setup.Model.Description,
        GeneratorShapes = CheckpointCompatibility.Shapes(_setup.Model.Generator), DiscriminatorShapes = CheckpointCompatibility.Shapes(_setup.Model.Discriminator),
        Mel = _setup.Mel, GeneratorFile = generatorFile, Configuration = _setup.Configuration, CodeVersion = TrainingCheckpoint.CodeVersion, ValidationMelL1 = melL1,
    };

    private RunSummary Summary()
    {
        var generator = _setup.Model.Generator.parameters().ToArray();
        var discriminator = _setup.Model.Discriminator.parameters().ToArray();
        long Count(IEnumerable<TorchSharp.Modules.Parameter> ps, bool trainableOnly) => ps.Where(p => !trainableOnly || p.requires_grad).Sum(p => p.numel());
        return new RunSummary(_setup.Model.Description, Count(generator, false) + Count(discriminator, false), Count(generator, true) + Count(discriminator, true),
            _setup.Device.ToString(), "float32",
            _setup.Losses.Terms.Select(t => new LossTermSummary(t.Name, t.Weight, t.WeightSource)).ToArray(), _optimizers.Schedule, _optimizers.Description,
            _setup.Train.Count, _setup.Validation?.Count ?? 0, StepsPerEpoch, 1, _sampler.BatchSize, _options.Epochs, _options.MaxSteps, ResumedFrom, Progress);
    }

    public void Dispose()
    {
        _optimizers.Dispose();
        _step.Dispose();
    }
}
