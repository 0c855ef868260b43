using MyXtts.Abstractions.Configuration;

namespace MyXtts.Core.Models;

/// <summary>Builds the acoustic model <c>model.*</c> describes and names the loss terms it trains with.</summary>
public static class AcousticModelFactory
{
    /// <summary>The model for <paramref name="settings"/> and a tokenizer of <paramref name="vocabSize"/> symbols.</summary>
    public static IAcousticModel Create(ModelSettings settings, int vocabSize) => XttsAcousticModel.Create(settings, vocabSize);

    /// <summary>The built-in loss terms (plugin names) a model of <paramref name="settings"/> trains with.</summary>
    public static IReadOnlyList<string> LossTermNames(ModelSettings settings) => XttsAcousticModel.LossTermNames;
}
