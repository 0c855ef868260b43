using System.Diagnostics;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Runtime;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Distributed;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Optimization;
using MyXtts.Core.Training.Reporting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>
/// The training loop: epochs of optimizer steps (<see cref="TrainingStep"/>), teacher-forced validation and samples after each epoch
/// and every <see cref="TrainerOptions.ValidateEvery"/> steps, checkpoints every <see cref="TrainerOptions.SaveEvery"/> steps, after
/// each validation, at <c>--max-steps</c> and on a stop request (Ctrl-C), early stopping on validation loss. With several ranks (<see cref="IProcessGroup"/>) the ranks start
/// from rank 0's weights, agree on stopping, and average what is logged; only rank 0 reports, validates and writes checkpoints.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly TrainerSetup _setup;
    private readonly TrainerOptions _options;
    private readonly OptimizerHelper _optimizer;
    private readonly ILearningRateSchedule _schedule;
    private readonly ILossScaler _scaler;
    private readonly TrainingStep _step;
    private readonly ITrainingReporter _reporter;
    private ValidationResult? _lastValidation;
    private TrainingProgress? _savedProgress;

    public Trainer(TrainerSetup setup)
    {
        _setup = setup;
        _options = setup.Options;
        if (setup.Precision.ComputeDtype != ScalarType.Float32) setup.Model.Module.to(setup.Precision.ComputeDtype);   // casts by hand: no autocast in TorchSharp
        ParameterGroups = ParameterGroupsOf(setup);
        _optimizer = OptimizerFactory.Create(ParameterGroups, setup.Settings);
        _schedule = LearningRateSchedules.From(setup.Settings, _options.MaxSteps ?? (long)_options.Epochs * StepsPerEpoch);
        _scaler = setup.Precision.CreateLossScaler();
        OptionalOutputs.Enable(setup.Model, setup.LossTerms);
        _step = new TrainingStep(setup.Model, new LossSet(setup.LossTerms), _optimizer, _schedule, setup.Precision, _scaler, setup.ProcessGroup, _options.GradientClipNorm,
            setup.SpeakerEncoder?.parameters());
        _reporter = setup.ProcessGroup.Rank == 0 ? setup.Reporter : new CompositeReporter();
    }

    /// <summary>What the optimizer trains: the model's parameters, then a fine-tuned speaker encoder's at its own learning rate.</summary>
    public IReadOnlyList<ParameterGroup> ParameterGroups { get; }

    private static IReadOnlyList<ParameterGroup> ParameterGroupsOf(TrainerSetup setup)
    {
        var model = new ParameterGroup(setup.Model.Module.parameters().Where(p => p.requires_grad).ToArray(), setup.Settings.LearningRate);
        return setup.SpeakerEncoder is not { } encoder ? [model]
            : [model, new ParameterGroup(encoder.parameters().Where(p => p.requires_grad).ToArray(), setup.Settings.SpeakerEncoderLearningRate)];
    }

    /// <summary>Where the run stands (advanced by <see cref="Fit"/>, replaced by <see cref="Resume"/>).</summary>
    public TrainingProgress Progress { get; private set; } = new();

    /// <summary>The checkpoint this run resumed from, if any.</summary>
    public string? ResumedFrom { get; private set; }

    /// <summary>The last checkpoint written.</summary>
    public string? LastCheckpoint { get; private set; }

    /// <summary>Optimizer steps per epoch (the last one may take fewer micro-batches).</summary>
    public int StepsPerEpoch => (_setup.Train.BatchesPerEpoch + _options.GradientAccumulation - 1) / _options.GradientAccumulation;

    /// <summary>Continues from <paramref name="checkpoint"/>: weights, optimizer, loss scaler, progress and RNG. Throws <see cref="CheckpointException"/> on a mismatch.</summary>
    public void Resume(TrainingCheckpoint checkpoint)
    {
        CheckpointCompatibility.Check(checkpoint.Manifest, _setup.Model.Module, _setup.Model.Description, _setup.Tokenizer, _setup.Mel);
        checkpoint.RestoreModel(_setup.Model.Module);
        if (_setup.SpeakerEncoder is { } encoder) checkpoint.RestoreSpeakerEncoder(encoder);
        checkpoint.RestoreOptimizer(_optimizer);
        _scaler.Restore(checkpoint.Manifest.LossScaler);
        checkpoint.RestoreRandomState();
        Progress = checkpoint.Manifest.Progress with { ConsecutiveSkips = 0 };
        // A checkpoint written by a validation carries its loss; when it is also the epoch's last step, EndEpoch reuses that
        // validation instead of validating twice, and the epoch's checkpoint must still record the loss.
        _lastValidation = checkpoint.Manifest.ValidationLoss is { } loss
            ? new ValidationResult(null, loss, loss == Progress.BestValidationLoss && Progress.EpochsWithoutImprovement == 0)
            : null;
        ResumedFrom = checkpoint.Manifest.Path;
        _setup.Log.Information("Resuming from {Checkpoint} (written by MyXtts {CodeVersion}): step {Step}, epoch {Epoch}, batch {Position} of the epoch",
            ResumedFrom, checkpoint.Manifest.CodeVersion, Progress.Step, Progress.Epoch + 1, Progress.Position);
    }

    /// <summary>Trains until the epochs are done, <c>--max-steps</c>, early stopping or <paramref name="stop"/>.</summary>
    public TrainingOutcome Fit(CancellationToken stop = default)
    {
        InitializeFromData();
        _setup.ProcessGroup.SynchronizeReplicas(_setup.Model.Module, _step.Parameters, _setup.Settings.Seed, Progress.Step);
        _reporter.RunStarted(Summary());
        if (Progress.Step >= _options.MaxSteps) return Finish(TrainingOutcome.MaxStepsReached);
        using var meters = new TrainingMeters();
        while (Progress.Epoch < _options.Epochs)
        {
            var clock = Stopwatch.StartNew();
            _reporter.EpochStarted(Progress.Epoch, StepsPerEpoch, LocalPosition / _options.GradientAccumulation);
            _setup.Model.Module.train();
            foreach (var microBatches in _setup.Train.Read(Progress.Epoch, Progress.Position).Chunk(_options.GradientAccumulation))
            {
                var applied = RunStep(microBatches, meters);
                Progress = Progress with
                {
                    Step = Progress.Step + 1, Position = Progress.Position + microBatches.Length * _setup.ProcessGroup.WorldSize,
                    SkippedSteps = Progress.SkippedSteps + (applied ? 0 : 1), ConsecutiveSkips = applied ? 0 : Progress.ConsecutiveSkips + 1,
                };
                ReportStep(meters, applied);
                if (Progress.ConsecutiveSkips >= _options.MaxConsecutiveNonFinite) throw Diverged();
                if (ValidationDue && ValidateAndSave(endOfEpoch: LocalPosition >= _setup.Train.BatchesPerEpoch)) return Finish(TrainingOutcome.EarlyStopped);
                if (_setup.ProcessGroup.AnyRank(stop.IsCancellationRequested)) return Finish(TrainingOutcome.Interrupted, save: true);
                if (Progress.Step >= _options.MaxSteps) return Finish(TrainingOutcome.MaxStepsReached, save: true);
                if (Progress.Step % _options.SaveEvery == 0) Save(null, isBest: false);
            }
            if (EndEpoch(meters, clock.Elapsed)) return Finish(TrainingOutcome.EarlyStopped);
            if (_setup.ProcessGroup.AnyRank(stop.IsCancellationRequested)) return Finish(TrainingOutcome.Interrupted);
        }
        return Finish(TrainingOutcome.Completed);
    }

    /// <summary>Data-dependent buffers (mel statistics) from this rank's first optimizer step (all its micro-batches), before the ranks synchronise.</summary>
    private void InitializeFromData()
    {
        if (_setup.Model is not IDataInitializedModel { NeedsInitialization: true } model) return;
        var first = _setup.Train.Read(Progress.Epoch, Progress.Position).Take(_options.GradientAccumulation).ToArray();
        var group = _setup.ProcessGroup;
        try { if (first.Length > 0) model.InitializeFrom(first.Select(b => b.Batch).ToArray(), group.WorldSize > 1 ? group.AllReduceMean : null); }
        finally { foreach (var batch in first) batch.Dispose(); }
    }

    /// <summary>
    /// With <see cref="TrainerOptions.ValidateEvery"/> = N, every N-th optimizer step validates (and checkpoints) right after it,
    /// before a stop request or <c>--max-steps</c> ends the run, so a run resumed from any checkpoint has seen the same validations.
    /// </summary>
    private bool ValidationDue =>
        _options.ValidateEvery > 0 && _setup.Validation is not null && Progress.Step > 0 && Progress.Step % _options.ValidateEvery == 0;

    /// <summary>
    /// Ends an epoch: moves the progress to the next one, validates (unless the epoch's last step just did), reports the
    /// epoch and writes its checkpoint. True when early stopping ends the run.
    /// </summary>
    private bool EndEpoch(TrainingMeters meters, TimeSpan elapsed)
    {
        var validatedAtLastStep = ValidationDue;   // after the last step (before any checkpoint of it, so also when resumed right here)
        var validation = validatedAtLastStep ? _lastValidation : Validation(endOfEpoch: true);
        Progress = Progress with { Epoch = Progress.Epoch + 1, Position = 0 };
        _reporter.EpochCompleted(new EpochReport(Progress.Epoch - 1, Progress.Step, _setup.ProcessGroup.AverageAcrossRanks(meters.ReadEpoch()),
            validation?.Metrics, Progress.SkippedSteps, elapsed.TotalSeconds, validation?.Improved ?? false));
        meters.ResetEpoch();
        Save(validation?.Loss, isBest: !validatedAtLastStep && validation?.Improved == true);
        if (!validatedAtLastStep) EvaluateCheckpoint(final: false);
        return EarlyStoppingDue;
    }

    /// <summary>A validation between epoch ends (<c>training.val_step</c>): validates, checkpoints (best.ckpt when improved). True when early stopping ends the run.</summary>
    private bool ValidateAndSave(bool endOfEpoch)
    {
        var validation = Validation(endOfEpoch);
        Save(validation.Loss, validation.Improved);
        EvaluateCheckpoint(final: false);
        return EarlyStoppingDue;
    }

    private bool EarlyStoppingDue => _options.EarlyStoppingPatience > 0 && Progress.EpochsWithoutImprovement >= _options.EarlyStoppingPatience;

    /// <summary>Validates and writes samples (rank 0), then updates the best loss and the patience count on every rank, and reports.</summary>
    private ValidationResult Validation(bool endOfEpoch)
    {
        var metrics = Validate();
        WriteSamples();
        var loss = _setup.ProcessGroup.BroadcastValue(metrics?.GetValueOrDefault(TrainingMeters.Loss));   // rank 0 validates
        var improved = loss is { } v && (Progress.BestValidationLoss is not { } best || v < best - _options.EarlyStoppingMinDelta);
        Progress = Progress with
        {
            BestValidationLoss = improved ? loss : Progress.BestValidationLoss,
            EpochsWithoutImprovement = loss is null || improved ? 0 : Progress.EpochsWithoutImprovement + 1,
        };
        var result = new ValidationResult(metrics, loss, improved);
        _lastValidation = result;
        if (metrics is not null) _reporter.ValidationCompleted(new ValidationReport(Progress.Step, Progress.Epoch, metrics, improved, endOfEpoch));
        return result;
    }

    private sealed record ValidationResult(IReadOnlyDictionary<string, double>? Metrics, double? Loss, bool Improved);

    private bool RunStep(LoadedBatch[] microBatches, TrainingMeters meters)
    {
        CollectionSafePoints.Reach();      // no collection may run while this step is inside libtorch (see the class)
        using var _ = _setup.Profiler.ProfileOperation("train_step");
        try { return _step.Run(microBatches.Select(b => b.Batch).ToArray(), Progress.Step, meters); }
        finally { foreach (var batch in microBatches) batch.Dispose(); }
    }

    private void ReportStep(TrainingMeters meters, bool applied)
    {
        var metrics = Progress.Step % _options.LogEvery == 0 ? _setup.ProcessGroup.AverageAcrossRanks(meters.ReadWindow()) : null;
        var stepInEpoch = (LocalPosition + _options.GradientAccumulation - 1) / _options.GradientAccumulation;
        _reporter.StepCompleted(new StepReport(Progress.Step, Progress.Epoch, stepInEpoch, StepsPerEpoch, _schedule.At(Progress.Step - 1), !applied, metrics, Progress.SkippedSteps));
    }

    /// <summary>This rank's micro-batches of the current epoch so far (<see cref="TrainingProgress.Position"/> counts all ranks').</summary>
    private int LocalPosition => (Progress.Position + _setup.ProcessGroup.WorldSize - 1) / _setup.ProcessGroup.WorldSize;

    /// <summary>Mean teacher-forced losses over the validation split (eval mode, no gradients), or null without one or on ranks other than 0.</summary>
    private IReadOnlyDictionary<string, double>? Validate()
    {
        if (_setup.Validation is null || _setup.ProcessGroup.Rank != 0) return null;
        using var _ = _setup.Profiler.ProfileOperation("validate");
        using var meters = new TrainingMeters();
        _setup.Model.Module.eval();
        using (no_grad())
            foreach (var loaded in _setup.Validation.Read(0, 0))
                using (loaded)
                using (NewDisposeScope())
                {
                    CollectionSafePoints.Reach();
                    meters.Add(_step.Evaluate(loaded.Batch, Progress.Step));
                }
        _setup.Model.Module.train();
        var means = meters.ReadEpoch();
        return means.Count == 0 ? null : means;
    }

    /// <summary>Validation samples (rank 0). Samples only observe the model, so a failure is logged and training goes on.</summary>
    private void WriteSamples()
    {
        if (_setup.Samples is not { } samples || _setup.Validation is not { } validation || _setup.ProcessGroup.Rank != 0) return;
        using var _ = _setup.Profiler.ProfileOperation("samples");
        try { samples.Write(Progress.Step, _setup.Model, validation); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _setup.Log.Warning(e, "Writing the validation samples of step {Step} failed; training goes on without them", Progress.Step);
        }
        finally { _setup.Model.Module.train(); }
    }

    private TrainingOutcome Finish(TrainingOutcome outcome, bool save = false)
    {
        if (save) Save(null, isBest: false);
        if (outcome != TrainingOutcome.Interrupted) EvaluateCheckpoint(final: true);
        _reporter.RunCompleted(outcome, Progress, LastCheckpoint);
        CollectionSafePoints.Leave();
        return outcome;
    }

    /// <summary>Hands the last checkpoint to the evaluator (rank 0); a failure is logged and training goes on.</summary>
    private void EvaluateCheckpoint(bool final)
    {
        if (_setup.Evaluator is not { } evaluator || LastCheckpoint is null || _setup.ProcessGroup.Rank != 0) return;
        using var _ = _setup.Profiler.ProfileOperation("evaluate");
        try { evaluator.Evaluate(new CheckpointWritten(Progress.Step, Progress.Epoch, LastCheckpoint, final)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _setup.Log.Warning(e, "Evaluating checkpoint {Checkpoint} failed; training goes on without it", LastCheckpoint);
        }
    }

    /// <summary>Writes a checkpoint of the current progress (rank 0), unless the last one written holds exactly this progress already.</summary>
    private void Save(double? validationLoss, bool isBest)
    {
        if (Progress == _savedProgress && !isBest) return;   // e.g. --max-steps right after a validation's checkpoint
        _savedProgress = Progress;
        using var _ = _setup.Profiler.ProfileOperation("checkpoint");
        if (_setup.Checkpoints is { } store && _setup.ProcessGroup.Rank == 0)
        {
            LastCheckpoint = store.Save(Progress.Step, path => TrainingCheckpoint.Write(path, Manifest(validationLoss), _setup.Model.Module, _optimizer, _setup.SpeakerEncoder), isBest);
            _setup.Log.Debug("Saved checkpoint {Checkpoint} (step {Step}{Best})", LastCheckpoint, Progress.Step, isBest ? ", best so far" : "");
        }
        _setup.ProcessGroup.Barrier();
    }

    private CheckpointManifest Manifest(double? validationLoss) => new()
    {
        Progress = Progress, LossScaler = _scaler.State, Scheduler = _schedule.Description, Optimizer = _setup.Settings.Optimizer,
        Model = _setup.Model.Description, Shapes = CheckpointCompatibility.Shapes(_setup.Model.Module),
        Configuration = _setup.Configuration, Tokenizer = _setup.Tokenizer, Mel = _setup.Mel,
        CodeVersion = TrainingCheckpoint.CodeVersion, ValidationLoss = validationLoss, SpeakerEncoder = _setup.SpeakerEncoderRecord,
    };

    private TrainingDivergedException Diverged() => new(
        $"Training stopped: {Progress.ConsecutiveSkips} optimizer steps in a row had non-finite gradients (NaN or inf), up to step {Progress.Step} " +
        $"in epoch {Progress.Epoch + 1}; {Progress.SkippedSteps} skipped in all. Parameters were not updated by those steps" +
        (LastCheckpoint is null ? "." : $"; the last checkpoint is '{LastCheckpoint}'.") +
        " Lower the learning rate (--lr) or raise training.warmup_steps, check the data for empty or corrupt clips, or train with --mixed-precision off.");

    private RunSummary Summary()
    {
        var parameters = _setup.Model.Module.parameters().Concat(_setup.SpeakerEncoder?.parameters() ?? []).ToArray();
        return new RunSummary(_setup.Model.Description, parameters.Sum(p => p.numel()), parameters.Where(p => p.requires_grad).Sum(p => p.numel()),
            _setup.Device, _setup.Precision.ToString(),
            _setup.LossTerms.Select(t => new LossTermSummary(t.Name, t.Weight, t.WeightSource)).ToArray(), _schedule.Description,
            $"{_setup.Settings.Optimizer} (betas {_setup.Settings.Beta1}, {_setup.Settings.Beta2}; eps {_setup.Settings.Eps}; weight decay {_setup.Settings.WeightDecay}; clip {_options.GradientClipNorm})",
            _setup.Train.Utterances, _setup.Validation?.Utterances ?? 0, _setup.Train.BatchesPerEpoch, _options.GradientAccumulation, _setup.BatchSize,
            _options.Epochs, _options.MaxSteps, ResumedFrom, Progress);
    }

    public void Dispose() => _optimizer.Dispose();
}
