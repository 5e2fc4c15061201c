namespace Doorstroom.Simulation;

/// <summary>
/// How sure vmbo pupils are of their choice on the peildatum (1 February of the exam year): the share with no choice recorded
/// yet, and the shares whose latest recorded choice is geen-idee, twijfel, redelijk-zeker or zeker.
/// </summary>
/// <param name="Geen">Share with no <c>KeuzeVastgelegd</c> before the peildatum.</param>
/// <param name="GeenIdee">Share whose latest choice says geen-idee.</param>
/// <param name="Twijfel">Share whose latest choice says twijfel.</param>
/// <param name="RedelijkZeker">Share whose latest choice says redelijk-zeker.</param>
/// <param name="Zeker">Share whose latest choice says zeker.</param>
public sealed record KeuzeShares(double Geen, double GeenIdee, double Twijfel, double RedelijkZeker, double Zeker)
{
    /// <summary>The sum of the shares; a valid set sums to 1.</summary>
    public double Total => Geen + GeenIdee + Twijfel + RedelijkZeker + Zeker;

    /// <summary>The share in doubt on the peildatum: no choice, geen-idee or twijfel.</summary>
    public double InDoubt => Geen + GeenIdee + Twijfel;
}
