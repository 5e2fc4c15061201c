namespace Doorstroom.Domain;

/// <summary>The direction of a partner's share over the cohorts (see <see cref="WhereToConnect.TrendOf"/>).</summary>
public enum ShareTrend
{
    /// <summary>The share rose by at least <see cref="ConnectionThresholds.TrendPoints"/>.</summary>
    Stijgend,

    /// <summary>The share fell by at least <see cref="ConnectionThresholds.TrendPoints"/>.</summary>
    Dalend,

    /// <summary>The share changed by less than that.</summary>
    Gelijk,

    /// <summary>Too few cohorts or pupils to say, or a count that is hidden.</summary>
    TeWeinig,
}
