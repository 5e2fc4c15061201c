using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// A meeloopdag an mbo publishes (issue 16, item 2): a day at one of its locations (BRIN6) for one programme (crebo), with a
/// number of places; pupils who sign up when it is full go on its waiting list. Its <see cref="Id"/> is the detail of the
/// meeloopdag events in a pupil's stream (<see cref="Loopbaan.IsMeeloopdag"/>).
/// </summary>
/// <param name="Id">The day's key (at most <see cref="EventShapes.MaxTextLength"/> characters).</param>
/// <param name="Location">The mbo location (BRIN6) where the day is held.</param>
/// <param name="Crebo">The programme the pupil walks along with.</param>
/// <param name="On">The date of the day.</param>
/// <param name="Places">How many pupils can come (1 to <see cref="MaxPlaces"/>).</param>
/// <param name="Time">When on the day, as the mbo writes it (e.g. "9.00–13.00"), if given.</param>
/// <param name="Description">A short description for the pupil, if given.</param>
/// <param name="Cancelled">True once the mbo cancelled the day.</param>
public sealed record Meeloopdag(
    string Id,
    string Location,
    int Crebo,
    DateOnly On,
    int Places,
    string? Time = null,
    string? Description = null,
    bool Cancelled = false
)
{
    /// <summary>The most places a day may have.</summary>
    public const int MaxPlaces = 500;

    /// <summary>The longest time text.</summary>
    public const int MaxTimeLength = 40;

    /// <summary>The longest description.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>The problems with a day, as (field, what was expected) pairs; empty when it is well formed.</summary>
    public ImmutableArray<(string Field, string Message)> Check()
    {
        var problems = ImmutableArray.CreateBuilder<(string, string)>();
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > EventShapes.MaxTextLength)
            problems.Add(("id", $"an id of 1 to {EventShapes.MaxTextLength} characters"));
        if (!EventShapes.IsBrin6(Location))
            problems.Add(("location", "the BRIN6 of an mbo location, e.g. 25PN01"));
        if (Crebo is < 10000 or > 99999)
            problems.Add(("crebo", "a crebo of five digits"));
        if (!ContractDates.Contains(On))
            problems.Add(("on", $"a date from {ContractDates.Range}"));
        if (Places is < 1 or > MaxPlaces)
            problems.Add(("places", $"1 to {MaxPlaces} places"));
        if (Time is { Length: > MaxTimeLength })
            problems.Add(("time", $"a time of at most {MaxTimeLength} characters"));
        if (Description is { Length: > MaxDescriptionLength })
            problems.Add(("description", $"a description of at most {MaxDescriptionLength} characters"));
        return problems.ToImmutable();
    }

    /// <summary>True when pupils may still sign up on <paramref name="today"/>: not cancelled, and the day has not passed.</summary>
    public bool OpenOn(DateOnly today) => !Cancelled && On >= today;

    /// <summary>
    /// Whether a new sign-up gets a place or goes on the waiting list: a place while fewer than <see cref="Places"/> pupils hold
    /// one. The store asks this with the day locked, so two pupils racing for the last place get one answer each.
    /// </summary>
    public MeeloopStatus NewSignUp(int taken) => taken < Places ? MeeloopStatus.Aangemeld : MeeloopStatus.Wachtlijst;
}
