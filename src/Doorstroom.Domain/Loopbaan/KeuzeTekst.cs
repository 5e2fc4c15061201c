using System.Collections.Immutable;
using System.Globalization;

namespace Doorstroom.Domain;

/// <summary>
/// The text of a choice as the dossier keeps it (entry kind <c>keuze</c>): a first line naming the programmes, then the
/// motivation. Readable as it stands wherever the dossier is shown, and read back into its parts by <see cref="Lees"/>.
/// </summary>
public static class KeuzeTekst
{
    private const string Kop = "Opleidingen: ",
        Scheiding = "; ",
        Motivatie = "Motivatie: ";

    /// <summary>"Opleidingen: 25502 Medewerker dierverzorging; iets met dieren" and on the next line "Motivatie: …".</summary>
    public static string Schrijf(IEnumerable<KeuzeOpleiding> opleidingen, string motivatie)
    {
        ArgumentNullException.ThrowIfNull(opleidingen);
        var lijst = string.Join(
            Scheiding,
            opleidingen.Select(o =>
                o.Crebo is { } c ? c.ToString(CultureInfo.InvariantCulture) + " " + o.Naam : o.Naam.Replace(Scheiding, ", ", StringComparison.Ordinal)
            )
        );
        return Kop + lijst + "\n" + Motivatie + motivatie;
    }

    /// <summary>The programmes and the motivation of a text <see cref="Schrijf"/> wrote; any other text is all motivation.</summary>
    public static (ImmutableArray<KeuzeOpleiding> Opleidingen, string Motivatie) Lees(string tekst)
    {
        ArgumentNullException.ThrowIfNull(tekst);
        var regels = tekst.Split('\n', 2);
        if (regels.Length != 2 || !regels[0].StartsWith(Kop, StringComparison.Ordinal) || !regels[1].StartsWith(Motivatie, StringComparison.Ordinal))
            return ([], tekst);
        var opleidingen = regels[0]
            [Kop.Length..]
            .Split(Scheiding, StringSplitOptions.RemoveEmptyEntries)
            .Select(deel =>
            {
                var (eerste, rest) = deel.IndexOf(' ', StringComparison.Ordinal) is var spatie and > 0 ? (deel[..spatie], deel[(spatie + 1)..]) : (deel, "");
                return eerste.Length == 5 && eerste.All(char.IsAsciiDigit)
                    ? new KeuzeOpleiding(int.Parse(eerste, CultureInfo.InvariantCulture), rest)
                    : new KeuzeOpleiding(null, deel);
            });
        return ([.. opleidingen], regels[1][Motivatie.Length..]);
    }
}
