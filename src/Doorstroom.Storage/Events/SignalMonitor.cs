using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// The doubt signals measured over the stored event streams (issue 16 item 3): each pupil's stream, as it counts
/// (<see cref="Corrections"/>), goes to the pure <see cref="SignalMeasures.Observe"/>, which splits the pupils by each
/// signal on its reference date and counts the monitor's outcomes. Aggregates only.
/// </summary>
public static class SignalMonitor
{
    /// <summary>Every stored pupil into one <see cref="SignalMeasureCube"/>; an unreadable row is left out and counted in <paramref name="skipped"/>.</summary>
    public static SignalMeasureCube Compute(
        Database database,
        MonitorContext context,
        DoubtSettings settings,
        SkippedRows? skipped = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        var cube = new SignalMeasureCube();
        var stream = new List<TransitionEvent>(64);
        string? pupil = null;
        DateOnly? birth = null;
        var synthetic = false;
        foreach (var record in new EventStore(database).ReadAll(skipped ?? new SkippedRows(), cancellationToken))
        {
            if (record.Event.Pupil != pupil)
            {
                Flush();
                (pupil, birth, synthetic) = (record.Event.Pupil, record.BirthDate, record.Synthetic);
            }
            stream.Add(record.Event);
        }
        Flush();
        return cube;

        void Flush()
        {
            if (stream.Count == 0)
                return;
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stream);
            var counted = Corrections.Any(span) ? Corrections.Apply(span, EventDigest.Of).AsSpan() : span;
            SignalMeasures.Observe(counted, birth, synthetic, context, settings, cube);
            stream.Clear();
        }
    }
}
