using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// The demo's register of connections: plausible, made-up connections (marked synthetic) between the demo schools and the
/// demo mbo institutions, each entered form at least once, so the register and "where to connect" have something to show.
/// The bestuurlijke form is not among them: it is derived from the institution data (an aoc's own vmbo vestigingen).
/// </summary>
public static class DemoConnections
{
    /// <summary>Who the demo's connections are recorded by, in the register and the audit log.</summary>
    public const string Actor = "demo";

    /// <summary>The demo's connections between the demo places, from the school year before <paramref name="today"/>'s.</summary>
    public static ImmutableArray<Connection> For(DemoPlaces places, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(places);
        var start = new DateOnly(SchoolYear.StartOf(today).Year - 1, 8, 1);
        var (school, other, mbo, otherMbo, location) = (places.School, places.OtherSchool, places.Mbo, places.OtherMbo, places.MboLocations[0]);
        const string source = "Synthetisch voorbeeld voor de demo";
        Connection Make(string id, string vo, string at, ConnectionForm form, string description, string? route = null, string? subject = null) =>
            new($"demo-{id}", vo, at, form, start, null, description, source, route, subject, Synthetic: true);
        return
        [
            Make(
                "vm2",
                school,
                mbo,
                ConnectionForm.DoorlopendeLeerlijn,
                "VM2-traject techniek: vmbo en mbo niveau 2 in één doorlopend programma",
                route: "vm2"
            ),
            Make(
                "initiatief",
                school,
                location,
                ConnectionForm.Initiatief,
                "Groenstart: derdejaars lopen een dag per week mee op de mbo-locatie",
                subject: "Groenstart"
            ),
            Make(
                "paardenklas",
                other,
                otherMbo,
                ConnectionForm.AansluitendProgramma,
                "Paardenklas in leerjaar 3 en 4, afgestemd op mbo Paardenhouderij",
                subject: "paardenklas"
            ),
            Make("rekenen", school, mbo, ConnectionForm.AvoLeerlijn, "Rekenen loopt door van vmbo 4 naar mbo jaar 1 met één toetsmodel", subject: "rekenen"),
            Make("didactiek", school, mbo, ConnectionForm.DidactischeAansluiting, "Gezamenlijke lesdag over werkvormen in het praktijklokaal"),
            Make("regeling", other, mbo, ConnectionForm.RegelingSamenwerking, "Samenwerkingsovereenkomst vo-bve voor het vak techniek"),
            Make("zorg", school, mbo, ConnectionForm.Zorglijn, "Warme overdracht van ondersteuningsbehoeften via de zorgcoördinatoren"),
            Make("administratie", school, mbo, ConnectionForm.Administratief, "Afspraken over de uitwisseling van aanmeldgegevens"),
            Make("logistiek", other, otherMbo, ConnectionForm.OrganisatorischLogistiek, "Gedeeld busvervoer naar de praktijklocatie"),
            Make("voorlichting", school, mbo, ConnectionForm.WervingVoorlichtingLoopbaan, "Mbo-studenten geven voorlichting in vmbo 3; meeloopdagen in maart"),
            Make("project", other, otherMbo, ConnectionForm.Onderwijsproject, "Gezamenlijk project voedsel en duurzaamheid"),
            Make("personeel", school, mbo, ConnectionForm.Personeelsbeleid, "Docentenuitwisseling: twee docenten geven les op beide scholen"),
        ];
    }

    /// <summary>
    /// Enters the demo's connections when the register has none of them yet (audited as <see cref="Actor"/>); a second start changes nothing.
    /// </summary>
    public static void Ensure(Database database, DemoPlaces places, DateOnly today, DateTimeOffset now, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (ConnectionRegister.Stored(database).Any(c => c.Synthetic))
            return;
        var entered = 0;
        foreach (var connection in For(places, today))
            if (ConnectionRegister.Add(database, connection, Actor, Roles.Beheerder, null, now).IsEmpty)
                entered++;
        log.WriteLine($"demo: {entered} SYNTHETIC connections entered in the register (ids demo-…)");
    }
}
