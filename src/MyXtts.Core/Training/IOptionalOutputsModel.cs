namespace MyXtts.Core.Training;

/// <summary>
/// A model with auxiliary outputs that cost extra computation (e.g. the predicted mel's speaker embedding, another
/// encoder pass), computed only when a loss term with a weight above zero reads them. The trainer enables them once,
/// before the first step (<see cref="Losses.OptionalOutputs.Enable"/>); keys the model does not know are ignored.
/// </summary>
public interface IOptionalOutputsModel
{
    /// <summary>From now on, produce those of <paramref name="keys"/> (<c>ModelOutputs.Aux</c> names) this model can.</summary>
    void EnableOutputs(IReadOnlyCollection<string> keys);
}
