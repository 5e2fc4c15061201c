using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.WaarVerbinden;

/// <summary>
/// Where to connect (issue 16, item 5): for a vmbo vestiging the mbo institutions its leavers go to, for an mbo institution its feeder
/// schools, each with share, trend, the register's connections, the gaps and the outcomes along the flow, and the map. The analist
/// chooses any school or institution (without a choice: the national map); a decaan sees the own school, intake the own institution.
/// Aggregates only, suppressed as on the monitor. The page lives at /verbindingen/waar; /verbindingen itself is the register's.
/// </summary>
[Authorize(Policy = Policies.WhereToConnect)]
public sealed class IndexModel(MonitorCache cache, SiteServices site) : SignedInPage
{
    [BindProperty(SupportsGet = true)]
    public string? School { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Instelling { get; set; }

    public MonitorSnapshot Data { get; private set; } = null!;
    public MonitorNames Names { get; private set; } = null!;
    public bool IsAnalist { get; private set; }

    /// <summary>The subject shown, or null for the analist's national overview.</summary>
    public WhereToConnectSubject? Subject { get; private set; }

    public WhereToConnectView? View { get; private set; }
    public WhereToConnectMap Map { get; private set; } = null!;

    /// <summary>The date a connection must hold on to count: today.</summary>
    public DateOnly On { get; private set; }

    /// <summary>The vmbo vestigingen and mbo institutions the analist can choose, by name.</summary>
    public ImmutableArray<(string Code, string Name)> Schools { get; private set; } = [];

    public ImmutableArray<(string Code, string Name)> Institutions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Subject = WhereToConnectSubject.Resolve(Caller, site, School, Instelling, out var refused);
        if (refused)
            return NotFound();
        IsAnalist = Caller.Role == Roles.Analist;
        Data = await cache.Get(cancellationToken);
        Names = Data.Names ?? MonitorNames.Of(site);
        On = DutchTime.DateOf(site.Clock.GetUtcNow());
        var places = WhereToConnectData.Places(site);
        if (IsAnalist)
        {
            Schools = Choices(Dimension.VoVestiging);
            Institutions = Choices(Dimension.MboInstelling);
        }
        else if (Caller.Role == Roles.Decaan)
            Schools = [.. WhereToConnectSubject.OwnSchools(Caller, site).Select(c => (c, Names.Institution(c)))];
        if (Subject is { } subject)
        {
            View = WhereToConnectData.View(Data, site, subject, On);
            Map = WhereToConnectData.Map(View, Names, places);
        }
        else
            Map = WhereToConnectData.Overview(Data, Names, places, ConnectionRegister.All(site.Database), On);
        return Page();
    }

    private ImmutableArray<(string, string)> Choices(Dimension dimension) =>
        Data.Choices.TryGetValue(dimension, out var keys)
            ? [.. keys.Where(k => k != MonitorCube.Unknown).Select(k => (k, Names.Name(dimension, k))).OrderBy(c => c.Item2, StringComparer.CurrentCulture)]
            : [];

    /// <summary>True when every pupil in the data is synthetic (simulated).</summary>
    public bool AllSynthetic => Data.Pupils > 0 && Data.SyntheticPupils == Data.Pupils;

    /// <summary>The subject's name.</summary>
    public string SubjectName => Subject is null ? "" : Names.Institution(Subject.Code);

    /// <summary>What the partners are called on this view.</summary>
    public string PartnerWord => Subject?.Side == ConnectionSide.MboInstelling ? "Vmbo-vestiging" : "Mbo-instelling";

    /// <summary>The cohorts as text ("2022–2024", "2023").</summary>
    public string CohortText =>
        View is null || View.Cohorts.IsEmpty ? "geen"
        : View.Cohorts.Length == 1 ? $"{View.Cohorts[0]}"
        : $"{View.Cohorts[0]}–{View.Cohorts[^1]}";

    /// <summary>A gap in words.</summary>
    public static string GapText(ConnectionGap gap) =>
        gap switch
        {
            ConnectionGap.Verbonden => "verbonden",
            ConnectionGap.GeenVerbinding => "geen verbinding",
            ConnectionGap.GroteStroomZonderVerbinding => "grote stroom zonder verbinding",
            ConnectionGap.VerbindingBijKleineStroom => "verbinding bij een kleine stroom",
            _ => gap.ToString(),
        };

    /// <summary>A trend in words.</summary>
    public static string TrendText(ShareTrend trend) =>
        trend switch
        {
            ShareTrend.Stijgend => "stijgend",
            ShareTrend.Dalend => "dalend",
            ShareTrend.Gelijk => "gelijk",
            ShareTrend.TeWeinig => "te weinig gegevens",
            _ => trend.ToString(),
        };

    /// <summary>An outcome as shown: the rate with its count and population, or "–" when suppressed.</summary>
    public static string OutcomeText(FlowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Population == 0 ? "–"
            : outcome.Rate is { } r ? $"{DutchFormat.Percent(r)} ({MonitorView.Count(outcome.Hits)} van {MonitorView.Count(outcome.Population)})"
            : $"– ({MonitorView.Count(outcome.Population)} leerlingen)";
    }

    /// <summary>The shares per cohort as one line ("2022: 60,0 %; 2023: –").</summary>
    public static string CohortShares(ConnectionPartner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return string.Join("; ", partner.Cohorts.Select(c => $"{c.Cohort}: {(c.Share is { } s ? DutchFormat.Percent(s) : c.Count == 0 ? "0 %" : "–")}"));
    }

    /// <summary>An outcome indicator's name, from the catalogue's definitions.</summary>
    public string OutcomeName(Indicator indicator) => site.Catalogue.Definition(indicator).Name;

    /// <summary>Where a point on the map comes from, in words.</summary>
    public static string BasisText(PlaceBasis basis) =>
        basis switch
        {
            PlaceBasis.Exact => "eigen coördinaten",
            PlaceBasis.Benadering => "benaderd (postcodegebied of plaats)",
            PlaceBasis.Synthetisch => "synthetisch (verzonnen)",
            _ => basis.ToString(),
        };

    /// <summary>The percentage of a threshold ("10 %").</summary>
    public static string Percent(double fraction) => DutchFormat.Percent(fraction, 0);
}
