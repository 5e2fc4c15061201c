using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// The forms a connection between a vo school and an mbo institution takes, after the article's box "Verbindingen groen
/// vmbo – groen mbo" (issue 16, item 4).
/// </summary>
public enum ConnectionForm
{
    /// <summary>Onderwijsinhoudelijk: a doorlopende leerlijn (VM2, groene lyceum, vakmanschaps- or technologieroute).</summary>
    DoorlopendeLeerlijn,

    /// <summary>An initiative of a school or aoc (Pas groen, Groenstart, Food).</summary>
    Initiatief,

    /// <summary>A special vmbo programme aligned to an mbo programme (the paardenklas).</summary>
    AansluitendProgramma,

    /// <summary>A doorlopende avo-leerlijn: Nederlands, rekenen, burgerschap.</summary>
    AvoLeerlijn,

    /// <summary>Didactische aansluiting: teaching that carries on across the transfer.</summary>
    DidactischeAansluiting,

    /// <summary>An agreement under the Regeling samenwerking vo-bve.</summary>
    RegelingSamenwerking,

    /// <summary>Zorg: a doorlopende zorglijn.</summary>
    Zorglijn,

    /// <summary>Bestuurlijk: one board over both (the aoc), derived from the data.</summary>
    Bestuurlijk,

    /// <summary>Administratief: shared administration or data exchange.</summary>
    Administratief,

    /// <summary>Organisatorisch-logistiek: shared buildings, timetables, transport.</summary>
    OrganisatorischLogistiek,

    /// <summary>Werving, voorlichting en loopbaanbegeleiding.</summary>
    WervingVoorlichtingLoopbaan,

    /// <summary>Gezamenlijke onderwijsprojecten.</summary>
    Onderwijsproject,

    /// <summary>Personeelsbeleid: shared staff, exchanges.</summary>
    Personeelsbeleid,
}

/// <summary>
/// One connection of the register: between a vo vestiging (BRIN6) and an mbo institution (BRIN4) or one of its locations
/// (BRIN6), in one <see cref="ConnectionForm"/>, from a date and possibly until one, with a description and the source it is
/// known from.
/// </summary>
/// <param name="Id">The connection's key in the register.</param>
/// <param name="VoVestiging">The vo vestiging (BRIN6).</param>
/// <param name="Mbo">The mbo institution (BRIN4) or location (BRIN6).</param>
/// <param name="Until">The last day it holds; null while it runs.</param>
/// <param name="Route">For a doorlopende leerlijn, the route id of the catalogue it carries (one of <see cref="LeerlijnRoutes"/>).</param>
/// <param name="Subject">
/// What the connection carries, by form: an avo-leerlijn's subject (one of <see cref="AvoSubjects"/>), an initiative's name
/// (Pas groen, Groenstart, Food) or an aligned vmbo programme's name (the paardenklas); null for the other forms.
/// </param>
/// <param name="Synthetic">True for a made-up connection (the demo's), so nobody takes it for a real one.</param>
public sealed record Connection(
    string Id,
    string VoVestiging,
    string Mbo,
    ConnectionForm Form,
    DateOnly From,
    DateOnly? Until,
    string Description,
    string Source,
    string? Route = null,
    string? Subject = null,
    bool Synthetic = false
)
{
    /// <summary>The catalogue routes a doorlopende leerlijn may carry (the article: VM2, groene lyceum, vakmanschaps- and technologieroute).</summary>
    public static readonly ImmutableArray<string> LeerlijnRoutes = ["vm2", "groene-lyceum", "vakmanschapsroute", "technologieroute", "doorlopende-leerroute"];

    /// <summary>The subjects of a doorlopende avo-leerlijn (the article: Nederlands, rekenen, burgerschap), as they are written.</summary>
    public static readonly ImmutableArray<string> AvoSubjects = ["nederlands", "rekenen", "burgerschap"];

    /// <summary>The greatest length of a subject (an initiative's or programme's name).</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>True for the forms that name what they carry in <see cref="Subject"/>.</summary>
    public static bool HasSubject(ConnectionForm form) =>
        form is ConnectionForm.AvoLeerlijn or ConnectionForm.Initiatief or ConnectionForm.AansluitendProgramma;

    /// <summary>The greatest length of a description or a source.</summary>
    public const int MaxTextLength = 1000;

    /// <summary>The mbo institution (BRIN4) the connection is with, whether it names the institution or a location.</summary>
    public string MboInstitution => Mbo.Length >= 4 ? Mbo[..4] : Mbo;

    /// <summary>True when the connection holds on the date.</summary>
    public bool HoldsOn(DateOnly on) => From <= on && (Until is not { } until || on <= until);

    /// <summary>The problems with a connection, as (field, what was expected) pairs; empty when it is well formed.</summary>
    public ImmutableArray<(string Field, string Message)> Check()
    {
        var problems = ImmutableArray.CreateBuilder<(string, string)>();
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > EventShapes.MaxTextLength)
            problems.Add(("id", $"an id of 1 to {EventShapes.MaxTextLength} characters"));
        if (!EventShapes.IsBrin6(VoVestiging))
            problems.Add(("vo_vestiging", "the BRIN6 of a vo vestiging, e.g. 25PJ00"));
        if (!(EventShapes.IsBrin6(Mbo) || (Mbo.Length == 4 && EventShapes.IsBrin6(Mbo + "00"))))
            problems.Add(("mbo", "the BRIN4 of an mbo institution (e.g. 25PN) or the BRIN6 of a location"));
        if (!Enum.IsDefined(Form))
            problems.Add(("form", "one of " + JsonSpelling.Expected(JsonSpelling.ConnectionForms)));
        if (!ContractDates.Contains(From))
            problems.Add(("from", $"a date from {ContractDates.Range}"));
        if (Until is { } until && (until < From || !ContractDates.Contains(until)))
            problems.Add(("until", "a date on or after the start"));
        if (string.IsNullOrWhiteSpace(Description) || Description.Length > MaxTextLength)
            problems.Add(("description", $"a description of 1 to {MaxTextLength} characters"));
        if (string.IsNullOrWhiteSpace(Source) || Source.Length > MaxTextLength)
            problems.Add(("source", $"a source of 1 to {MaxTextLength} characters (where the connection is known from)"));
        CheckWhatItCarries(problems);
        return problems.ToImmutable();
    }

    private void CheckWhatItCarries(ImmutableArray<(string, string)>.Builder problems)
    {
        if (Form == ConnectionForm.DoorlopendeLeerlijn)
        {
            if (Route is null || !LeerlijnRoutes.Contains(Route))
                problems.Add(("route", "the catalogue route the leerlijn carries: one of " + string.Join(", ", LeerlijnRoutes)));
        }
        else if (Route is not null)
            problems.Add(("route", "no route (only a doorlopende leerlijn carries one)"));

        if (Form == ConnectionForm.AvoLeerlijn)
        {
            if (Subject is null || !AvoSubjects.Contains(Subject))
                problems.Add(("subject", "the subject of the avo-leerlijn: one of " + string.Join(", ", AvoSubjects)));
        }
        else if (HasSubject(Form))
        {
            if (string.IsNullOrWhiteSpace(Subject) || Subject.Length > MaxSubjectLength)
                problems.Add(
                    (
                        "subject",
                        Form == ConnectionForm.Initiatief
                            ? $"the initiative's name, e.g. Pas groen, Groenstart or Food (1 to {MaxSubjectLength} characters)"
                            : $"the vmbo programme's name, e.g. paardenklas (1 to {MaxSubjectLength} characters)"
                    )
                );
        }
        else if (Subject is not null)
            problems.Add(("subject", "no subject (only an avo-leerlijn, an initiative or an aligned programme names one)"));
    }
}
