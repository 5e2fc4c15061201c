using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Web.Pages;

/// <summary>The problems of a refused loopbaandossier form, per field, for the page to show beside each field.</summary>
public sealed class LoopbaanForm
{
    private ImmutableArray<LoopbaanFout> fouten = [];

    /// <summary>Which form was refused (<c>activiteit</c>, <c>keuze</c> or <c>opmerking</c>), or null.</summary>
    public string? Refused { get; private set; }

    /// <summary>Remembers the problems of a refused form.</summary>
    public void Refuse(string form, ImmutableArray<LoopbaanFout> problems)
    {
        Refused = form;
        fouten = problems;
    }

    /// <summary>The Dutch problems of one field of a form, joined, or null.</summary>
    public string? Error(string form, string field) =>
        Refused == form && fouten.Where(f => f.Veld == field).Select(f => f.Melding).ToList() is { Count: > 0 } messages ? string.Join(" ", messages) : null;

    /// <summary>The id of a field's error text for aria-describedby, or null.</summary>
    public string? Described(string form, string field) => Error(form, field) is null ? null : $"{form}-{field}-fout";

    /// <summary>"true" for aria-invalid when the field has an error, else null.</summary>
    public string? Invalid(string form, string field) => Error(form, field) is null ? null : "true";
}
