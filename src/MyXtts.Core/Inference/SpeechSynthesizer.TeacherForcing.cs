using MyXtts.Abstractions.Training;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Cache;
using MyXtts.Core.Models;
using MyXtts.Core.Runtime;
using MyXtts.Core.Text;
using static TorchSharp.torch;

namespace MyXtts.Core.Inference;

/// <summary>
/// A teacher-forced pass over a recording of the text: its log-mel through the model's own pipeline, and the
/// text-to-frame alignment the model finds for it (<c>[tokens, decoder steps]</c>; null when the model outputs none).
/// </summary>
public sealed record TeacherForcedPass(float[] TargetLogMel, int NMels, int Frames, float[,]? Alignment);

public sealed partial class SpeechSynthesizer
{
    /// <summary>
    /// Runs the model teacher-forced on the recording at <paramref name="groundTruthPath"/> of <paramref name="text"/>
    /// in the voice of <paramref name="reference"/> (eval mode, no gradients): the alignment a report shows beside the
    /// mels. The non-autoregressive model gives its hard monotonic path, the autoregressive one its attention.
    /// </summary>
    public TeacherForcedPass TeacherForce(string text, string groundTruthPath, VoiceReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var ids = _tokenizer.Encode(text);
        var features = _features.Extract(groundTruthPath);
        var (shape, mel) = features.Arrays[FeatureSet.Mel];
        int nMels = shape[0], frames = shape[1];
        if (ids.Count(i => i > TokenizerDefinition.BlankId) == 0) return new TeacherForcedPass(mel, nMels, frames, null);
        return InModel(() =>
        {
            var wasTraining = _model.Module.training;
            _model.Module.eval();
            try
            {
                var batch = new TrainingBatch
                {
                    Ids = ["teacher-forced"],
                    Tokens = tensor(ids.Select(i => (long)i).ToArray(), device: _device).unsqueeze(0),
                    TokenLengths = tensor(new long[] { ids.Length }, device: _device),
                    Mel = tensor(mel, device: _device).reshape(1, nMels, frames),
                    MelLengths = tensor(new long[] { frames }, device: _device),
                    SpeakerIds = zeros(1, ScalarType.Int64, device: _device),
                    ReferenceMel = tensor(reference.LogMel, device: _device).reshape(1, reference.NMels, reference.Frames),
                    ReferenceMelLengths = tensor(new long[] { reference.Frames }, device: _device),
                    Extra = TeacherExtra(features, frames, reference),
                };
                return new TeacherForcedPass(mel, nMels, frames, Alignment(_model.Forward(batch), ids.Length));
            }
            finally
            {
                if (wasTraining) _model.Module.train();
            }
        });
    }

    /// <summary>What the teacher-forced batch carries besides mels: the pitch predictor's targets and the reference's pretrained speaker embedding, when the model has them.</summary>
    private Dictionary<string, Tensor> TeacherExtra(FeatureSet features, int frames, VoiceReference reference)
    {
        var extra = Conditioning(reference) ?? new Dictionary<string, Tensor>();
        if (features.Arrays.TryGetValue(FeatureSet.Pitch, out var pitch)) extra[BatchExtraKeys.Pitch] = tensor(pitch.Data, device: _device).reshape(1, frames);
        return extra;
    }

    /// <summary>[tokens, valid steps] from the hard path [1, L, T'] or the decoder attention [1, T', L].</summary>
    private static float[,]? Alignment(ModelOutputs outputs, int tokens)
    {
        Tensor matrix;
        if (outputs.Aux.TryGetValue(AcousticOutputKeys.Alignment, out var path)) matrix = path[0];
        else if (outputs.Aux.TryGetValue(AcousticOutputKeys.DecoderAlignment, out var attention)) matrix = attention[0].transpose(0, 1);
        else return null;
        var steps = outputs.Aux.TryGetValue(AcousticOutputKeys.StepLengths, out var s) ? s[0].item<long>() : matrix.shape[1];
        var valid = matrix[..tokens, ..(int)steps].to(ScalarType.Float32).cpu().contiguous();
        var flat = valid.data<float>().ToArray();
        var result = new float[valid.shape[0], valid.shape[1]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }
}
