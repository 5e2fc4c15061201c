using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>
/// The roles of people and programs, and what each is bound to. The web's <c>Roles</c> names the same strings; the command
/// line and the beheer pages check a new account against <see cref="Binding"/>.
/// </summary>
public static class AccountRoles
{
    public const string Leerling = "leerling";
    public const string Ouder = "ouder";
    public const string Decaan = "decaan";
    public const string Intake = "intake";
    public const string Zorgcoordinator = "zorgcoordinator";
    public const string Analist = "analist";
    public const string Beheerder = "beheerder";

    /// <summary>Every role with its binding.</summary>
    public static ImmutableDictionary<string, Binding> Bindings { get; } =
        new Dictionary<string, Binding>(StringComparer.Ordinal)
        {
            [Leerling] = Binding.Pupil,
            [Ouder] = Binding.Pupil,
            [Decaan] = Binding.Vo,
            [Intake] = Binding.Mbo,
            [Zorgcoordinator] = Binding.VoOrMbo,
            [Analist] = Binding.None,
            [Beheerder] = Binding.None,
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Every role, in the order people read them.</summary>
    public static ImmutableArray<string> All { get; } = [Leerling, Ouder, Decaan, Intake, Zorgcoordinator, Analist, Beheerder];
}
