using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>A meeloopdag with how many pupils hold a place (or came) and how many wait.</summary>
public sealed record MeeloopdagView(Meeloopdag Day, int Taken, int Waiting)
{
    /// <summary>The places still free.</summary>
    public int Free => Math.Max(0, Day.Places - Taken);
}
