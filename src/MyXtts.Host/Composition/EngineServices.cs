using Autofac;
using MyXtts.Abstractions.Configuration;

namespace MyXtts.Host.Composition;

/// <summary>
/// The shared value types every run can ask for in a constructor: the effective settings and the one mel definition.
/// Built-in and third-party plugins (Griffin-Lim, vocoders, speaker encoders) take <c>MelSettings</c> from here.
/// </summary>
public static class EngineServices
{
    /// <summary>Registers <paramref name="settings"/> and its sections, and the mel definition derived from the model section.</summary>
    public static void Register(ContainerBuilder builder, MyXttsSettings settings)
    {
        builder.RegisterInstance(settings);
        builder.RegisterInstance(settings.Model);
        builder.RegisterInstance(settings.Data);
        builder.RegisterInstance(settings.Training);
        builder.RegisterInstance(settings.Runtime);
        builder.RegisterInstance(settings.Model.ToMelSettings());
    }
}
