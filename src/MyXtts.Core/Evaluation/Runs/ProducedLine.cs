using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Inference;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// Everything made for one line before scoring: the synthesized output, the recordings it is judged against (through
/// the model's audio pipeline, at the model's rate), the ground-truth mel vocoded by Griffin-Lim (and by the vocoder under
/// test), and the teacher-forced pass for the alignment image.
/// </summary>
public sealed record ProducedLine(EvaluationLine Line, SynthesisResult Synthesis, AudioClip Output, AudioClip GroundTruth, AudioClip Reference,
    AudioClip GriffinLimGroundTruth, AudioClip? VocoderGroundTruth, TeacherForcedPass Teacher, LineFiles Files)
{
    /// <summary>The prompt's speaking rate the output was made at (<see cref="VoiceReference.SpeakingRate"/>; 1 without its transcript).</summary>
    public double PromptSpeakingRate { get; init; } = 1.0;

    /// <summary>How many transcribed clips <see cref="PromptSpeakingRate"/> averages (<see cref="VoiceReference.SpeakingRateClips"/>).</summary>
    public int PromptRateClips { get; init; }

    /// <summary>The line as the metric contracts see it.</summary>
    public EvaluationUtterance Utterance => new(Line.Id, Line.Text, Output, Reference)
    {
        GroundTruth = GroundTruth, ReferenceText = Line.Reference.Text, SpeakerId = Line.Speaker,
    };
}
