using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>
/// The decaan's filter on a doubt signal (<c>?twijfel=geen-lob</c>, or <c>?twijfel=elk</c> for any): a query value, so that it
/// works without JavaScript and a link, the print view and the exports carry it.
/// </summary>
public sealed record DoubtFilter(bool Any, DoubtKind? Kind)
{
    /// <summary>The value for any doubt signal.</summary>
    public const string AnyValue = "elk";

    /// <summary>No filter.</summary>
    public static DoubtFilter None { get; } = new(false, null);

    /// <summary>True when the filter asks for something.</summary>
    public bool Active => Any || Kind is not null;

    /// <summary>The signal's value in the query string: its name in kebab-case (GeenLob → geen-lob).</summary>
    public static string Value(DoubtKind kind) => Kebab(kind.ToString());

    /// <summary>A PascalCase name in kebab-case.</summary>
    public static string Kebab(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        var s = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && s.Length > 0)
                s.Append('-');
            s.Append(char.ToLowerInvariant(c));
        }
        return s.ToString();
    }

    /// <summary>The filter a query value names; none for an empty or unknown value.</summary>
    public static DoubtFilter Parse(string? value) =>
        value == AnyValue ? new(true, null)
        : Enum.GetValues<DoubtKind>().Cast<DoubtKind?>().FirstOrDefault(k => Value(k!.Value) == value) is { } kind ? new(false, kind)
        : None;

    /// <summary>This filter's query value, or null when there is none.</summary>
    public string? QueryValue =>
        Any ? AnyValue
        : Kind is { } k ? Value(k)
        : null;

    /// <summary>True when a pupil's doubt signals pass the filter.</summary>
    public bool Admits(IReadOnlyCollection<DoubtSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return !Active || (Any ? signals.Count > 0 : signals.Any(s => s.Kind == Kind));
    }

    /// <summary>What the filter asks, in words.</summary>
    public string Description =>
        Any ? "met een twijfelsignaal"
        : Kind is { } k ? "twijfelsignaal " + DoubtSignals.Rule(k).Label.ToLowerInvariant()
        : "";
}
