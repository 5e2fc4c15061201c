using Doorstroom.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Monitor;

/// <summary>
/// The analyst's view of the doubt signals measured (issue 16 item 3): per signal, switch, new vsv and time to a
/// startkwalificatie with and without it, the relative risk with its interval; aggregates only, suppressed, labelled as
/// association and, on simulated data, as the simulator's assumptions.
/// </summary>
public sealed class SignalenModel(SignalMeasureCache cache, SiteServices site) : PageModel
{
    public SignalMeasureSnapshot Data { get; private set; } = null!;

    /// <summary>Every signal against every outcome.</summary>
    public IReadOnlyList<SignalComparison> Comparisons { get; private set; } = [];

    public SiteServices Site => site;

    public async Task OnGet(CancellationToken cancellationToken)
    {
        Data = await cache.Get(cancellationToken);
        Comparisons = Data.Cube.Comparisons();
    }

    /// <summary>The outcome as the page names it.</summary>
    public static string Outcome(Indicator outcome) =>
        outcome switch
        {
            Indicator.Switch => "Switch in het eerste mbo-jaar (D6)",
            Indicator.NieuweVsv => "Nieuwe voortijdig schoolverlater (D2)",
            Indicator.TijdTotStartkwalificatie => "Startkwalificatie gehaald",
            _ => outcome.ToString(),
        };

    /// <summary>On which day of the exam year the signal is evaluated, in words.</summary>
    public string ReferenceDay(DoubtKind kind) =>
        kind switch
        {
            DoubtKind.GeenKeuze => "op de keuzedag " + Day(Data.Settings.KeuzeUiterlijk),
            DoubtKind.GeenLob => "op de LOB-dag " + Day(Data.Settings.LobUiterlijk),
            _ => "op 31 juli",
        } + " van het examenjaar";

    private static string Day(MonthDay d) => $"{d.Day} {DutchFormat.Month(d.Month)}";

    /// <summary>A rate as shown: a percentage, or a dash when suppressed.</summary>
    public static string Rate(OutcomeTally t) => Suppression.Rate(t.Hits, t.Population) is { } r ? DutchFormat.Percent(r) : "–";
}
