namespace Doorstroom.Storage;

/// <summary>The per-dialect bulk writer under <see cref="EventAppender"/>.</summary>
internal interface IEventSink : IDisposable
{
    bool AnyPupils();

    /// <summary>Adds the pupils among <paramref name="keys"/> that the store has.</summary>
    void FindPupils(string[] keys, Dictionary<string, PupilRef> into);

    /// <summary>
    /// Creates pupils, ids ascending in list order, and returns how many it created: on PostgreSQL a pupil another append created
    /// meanwhile is found instead (not new).
    /// </summary>
    int CreatePupils(List<NewPupil> pupils, Dictionary<string, PupilRef> into);

    /// <summary>Stores the events not yet in their pupils' streams, in order; returns how many were stored.</summary>
    long Write(ReadOnlySpan<Pending> rows, bool allNew);
}
