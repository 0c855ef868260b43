using System.CommandLine;
using MyXtts.Core.Evaluation.Runs;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using MyXtts.Host.Cli;
using MyXtts.Host.Commands;

namespace MyXtts.Host.Evaluation;

/// <summary>
/// <c>myxtts train --enable-evaluation [--eval-every N] [--eval-utterances N]</c>: the <see cref="TrainingEvaluator"/> on
/// the first validation lines, with prompts from the training split, PocketSphinx with an in-domain language model of
/// the dataset's sentences, Griffin-Lim and the metrics sinks of the run. Owns the engines it built.
/// </summary>
public sealed class TrainingEvaluation : ICheckpointEvaluator, IDisposable
{
    private readonly TrainingEvaluator _evaluator;
    private readonly EvaluationEngineSet _engines;

    private TrainingEvaluation(TrainingEvaluator evaluator, EvaluationEngineSet engines) => (_evaluator, _engines) = (evaluator, engines);

    /// <summary>The train command's options for evaluation.</summary>
    public sealed class Options
    {
        public readonly Option<bool> Enable = new("--enable-evaluation") { Description = "Evaluate checkpoints on a few validation lines while training (WER/CER, MCD, F0, speaker, prosody): RUN/evaluation/step-N/, eval/* metrics, RUN/report.html." };
        public readonly Option<int> Every = new("--eval-every") { Description = "With --enable-evaluation: evaluate after every N-th epoch (and at the end of the run).", DefaultValueFactory = _ => 1, HelpName = "n" };
        public readonly Option<int> Utterances = new("--eval-utterances") { Description = "With --enable-evaluation: validation lines evaluated (the first N).", DefaultValueFactory = _ => 8, HelpName = "n" };

        public IEnumerable<Option> All => [Enable, Every, Utterances];

        /// <summary>The evaluation the options ask for, or null without <c>--enable-evaluation</c> (or without validation lines, said in the log).</summary>
        public TrainingEvaluation? Create(ParseResult parse, RunSession session, TrainingData data, MyXtts.Abstractions.SpeakerEncoders.ISpeakerEncoder? speakerEncoder = null)
        {
            if (!parse.GetValue(Enable)) return null;
            if (parse.GetValue(Every) < 1 || parse.GetValue(Utterances) < 1)
                throw new ArgumentException("--eval-every and --eval-utterances must be at least 1.");
            var (train, validation) = data.Items;
            var set = EvaluationSet.From(validation.Select(EvaluationSet.FromItem).ToArray(), train.Select(EvaluationSet.FromItem).ToArray(), parse.GetValue(Utterances),
                "validation split", "training split", VoiceTable.Find(session.Settings.Data.DatasetPath));
            if (set.Lines.Count == 0)
            {
                session.Log.Warning("--enable-evaluation: no validation line has a prompt of its speaker in the training split ({Validation} validation lines); evaluation is off. " +
                                    "Set data.val_split above 0 or give --val-data", validation.Count);
                return null;
            }
            var engines = EvaluationEngineSet.Create(session, set.Sentences, inDomainLanguageModel: true, SynthesizeCommand.DefaultVocoder, vocoder: null);
            var evaluator = new TrainingEvaluator(new TrainingEvaluatorSetup
            {
                Set = set, Engines = engines.Engines, EveryEpochs = parse.GetValue(Every), RunDirectory = session.RunDirectory, Device = session.Device.Device, SpeakerEncoder = speakerEncoder,
                Sinks = session.Plugins.MetricsSinks, Log = session.Log, Options = new EvaluationRunOptions { Seed = session.Settings.Training.Seed },
            });
            session.Log.Information("Evaluation on: {Lines} validation lines every {Every} epoch(s) and at the end; {Asr:l}", set.Lines.Count, parse.GetValue(Every), engines.Engines.AsrDescription);
            return new TrainingEvaluation(evaluator, engines);
        }
    }

    public void Evaluate(CheckpointWritten checkpoint) => _evaluator.Evaluate(checkpoint);

    public void Dispose() => _engines.Dispose();
}
