using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Report;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// "Where to connect" from the monitor's cube and the register, for the page and the API: the view (<see cref="WhereToConnect"/>), and
/// the map with its flows. Aggregates only: the cube holds no pupil; every count passes <see cref="Suppression"/> where it is shown.
/// </summary>
public static class WhereToConnectData
{
    /// <summary>The partners whose name is written on the map (the largest flows of 5 pupils or more).</summary>
    public const int LabelledPartners = 6;

    /// <summary>The largest flows the national overview map draws.</summary>
    public const int OverviewFlows = 25;

    /// <summary>
    /// The view of one subject over the cohorts that can be read (<see cref="Afleesbaarheid"/>), with the register's connections as
    /// <see cref="ConnectionRegister.All"/> gives them, holding on <paramref name="on"/>.
    /// </summary>
    public static WhereToConnectView View(MonitorSnapshot snapshot, SiteServices site, WhereToConnectSubject subject, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(subject);
        var code = subject.Code;
        var vo = subject.Side == ConnectionSide.VoVestiging;
        var through = snapshot.Context.Through;
        bool Mine(Cell c) => string.Equals(vo ? c.VoVestiging : c.MboInstelling, code, StringComparison.Ordinal);
        var flows = snapshot.Cube.Table(Indicator.DoorstroomVoMbo, [Dimension.VoVestiging, Dimension.MboInstelling, Dimension.Cohort], c =>
            Mine(c) && Afleesbaarheid.Kan(Indicator.DoorstroomVoMbo, c.Cohort, through)
        );
        var outcomes = WhereToConnect
            .Outcomes.Select(i =>
                snapshot.Cube.Table(i, [Dimension.VoVestiging, Dimension.MboInstelling], c => Mine(c) && Afleesbaarheid.Kan(i, c.Cohort, through))
            )
            .ToList();
        var connections = ConnectionRegister.All(site.Database);
        return vo
            ? WhereToConnect.ForVoVestiging(code, flows, outcomes, connections, on)
            : WhereToConnect.ForMboInstelling(code, flows, outcomes, connections, on);
    }

    /// <summary>Every institution of the store that can be placed on the map.</summary>
    public static ImmutableArray<MapPlace> Places(SiteServices site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return MapPlaces.Locate(MapPlaceInputs.Read(site.Database));
    }

    /// <summary>
    /// The map of one view: the subject, its partners, and a line per flow to the partner's (or the subject's) mbo location nearest to
    /// the vo vestiging, since the monitor knows the receiving institution, not the location.
    /// </summary>
    public static WhereToConnectMap Map(WhereToConnectView view, MonitorNames names, ImmutableArray<MapPlace> places)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(names);
        // One BRIN6 may be both a vo vestiging and an mbo location (a ROC with vavo): vo vestigingen are looked up among the vo places.
        var byCode = VoPlaces(places);
        var locations = places.Where(p => p.Mbo).ToLookup(p => p.Brin4, StringComparer.Ordinal);
        var labelled = view.Partners.Where(p => p.Count >= 5).Take(LabelledPartners).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var markers = new Dictionary<(string, bool), MapMarker>();
        var lines = ImmutableArray.CreateBuilder<MapLine>();
        var unplaced = 0;
        var subjectName = names.Institution(view.Code);
        if (view.Side == ConnectionSide.VoVestiging)
        {
            var school = byCode.GetValueOrDefault(view.Code);
            if (school is not null)
                markers[(school.Code, false)] = new MapMarker(school, subjectName, Focus: true);
            foreach (var partner in view.Partners)
            {
                var to = school is null ? locations[partner.Code].FirstOrDefault() : MapPlaces.Nearest(school, locations[partner.Code]);
                if (to is null || school is null)
                {
                    unplaced++;
                    continue;
                }
                var name = names.Institution(partner.Code);
                markers.TryAdd((to.Code, true), new MapMarker(to, name, Labelled: labelled.Contains(partner.Code)));
                if (partner.Count > 0)
                    lines.Add(Line(school, to, partner, subjectName, name));
            }
        }
        else
        {
            var own = locations[view.Code].ToList();
            foreach (var location in own)
                markers[(location.Code, true)] = new MapMarker(location, $"{subjectName} ({names.Institution(location.Code)})", Focus: true);
            foreach (var partner in view.Partners)
            {
                var school = byCode.GetValueOrDefault(partner.Code);
                var to = school is null ? null : MapPlaces.Nearest(school, own);
                if (school is null || to is null)
                {
                    unplaced++;
                    continue;
                }
                var name = names.Institution(partner.Code);
                markers.TryAdd((school.Code, false), new MapMarker(school, name, Labelled: labelled.Contains(partner.Code)));
                if (partner.Count > 0)
                    lines.Add(Line(school, to, partner, name, subjectName));
            }
        }
        ImmutableArray<MapMarker> list = [.. markers.Values];
        ImmutableArray<MapLine> drawn = [.. lines.Where(l => l.Count >= 5)];
        return new WhereToConnectMap(FlowMap.Svg(list, drawn), list, drawn, unplaced);
    }

    /// <summary>
    /// The national overview: every vo vestiging and mbo location that can be placed, and the <see cref="OverviewFlows"/> largest flows
    /// (5 pupils or more) over the readable cohorts, solid where a connection holds on <paramref name="on"/>.
    /// </summary>
    public static WhereToConnectMap Overview(
        MonitorSnapshot snapshot,
        MonitorNames names,
        ImmutableArray<MapPlace> places,
        IEnumerable<Connection> connections,
        DateOnly on
    )
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(connections);
        var through = snapshot.Context.Through;
        var table = snapshot.Cube.Table(Indicator.DoorstroomVoMbo, [Dimension.VoVestiging, Dimension.MboInstelling], c =>
            Afleesbaarheid.Kan(Indicator.DoorstroomVoMbo, c.Cohort, through)
        );
        var flows = WhereToConnect.LargestFlows(table, OverviewFlows);
        var connected = connections.Where(c => c.HoldsOn(on)).Select(c => (c.VoVestiging, c.MboInstitution)).ToHashSet();
        // One BRIN6 may be both a vo vestiging and an mbo location (a ROC with vavo): vo vestigingen are looked up among the vo places.
        var byCode = VoPlaces(places);
        var locations = places.Where(p => p.Mbo).ToLookup(p => p.Brin4, StringComparer.Ordinal);
        var markers = places.GroupBy(p => (p.Code, p.Mbo)).ToDictionary(g => g.Key, g => new MapMarker(g.First(), ""));
        var lines = ImmutableArray.CreateBuilder<MapLine>();
        var unplaced = 0;
        foreach (var flow in flows)
        {
            var school = byCode.GetValueOrDefault(flow.VoVestiging);
            var to = school is null ? null : MapPlaces.Nearest(school, locations[flow.MboInstelling]);
            if (school is null || to is null)
            {
                unplaced++;
                continue;
            }
            var (from, into) = (names.Institution(flow.VoVestiging), names.Institution(flow.MboInstelling));
            markers[(school.Code, false)] = new MapMarker(school, from);
            markers[(to.Code, true)] = new MapMarker(to, into);
            var isConnected = connected.Contains((flow.VoVestiging, flow.MboInstelling));
            lines.Add(new MapLine(school, to, flow.Count, isConnected, LineLabel(from, into, flow.Count, isConnected)));
        }
        ImmutableArray<MapMarker> list = [.. markers.Values];
        return new WhereToConnectMap(FlowMap.Svg(list, lines), list, lines.ToImmutable(), unplaced);
    }

    private static Dictionary<string, MapPlace> VoPlaces(ImmutableArray<MapPlace> places) =>
        places.Where(p => !p.Mbo).GroupBy(p => p.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static MapLine Line(MapPlace school, MapPlace location, ConnectionPartner partner, string from, string to) =>
        new(school, location, partner.Count, !partner.Connections.IsEmpty, LineLabel(from, to, partner.Count, !partner.Connections.IsEmpty));

    private static string LineLabel(string from, string to, long count, bool connected) =>
        $"{from} → {to}: {MonitorView.Count(count)} leerlingen, {(connected ? "met" : "zonder")} verbinding";
}
