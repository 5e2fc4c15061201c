using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>What "where to connect" is shown for: a vmbo vestiging (BRIN6) or an mbo institution (BRIN4).</summary>
public sealed record WhereToConnectSubject(ConnectionSide Side, string Code)
{
    /// <summary>
    /// The subject a caller asks for, under the scope rules (decision 0013): the analist any vo vestiging or mbo institution (none: the
    /// national overview, null); a decaan only a vestiging of the own school (none: the first); intake only the own institution. A code
    /// outside the caller's scope, or unknown, is <paramref name="refused"/> (the page answers "not found").
    /// </summary>
    public static WhereToConnectSubject? Resolve(Caller caller, SiteServices site, string? school, string? instelling, out bool refused)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(site);
        refused = false;
        school = string.IsNullOrWhiteSpace(school) ? null : school.Trim().ToUpperInvariant();
        instelling = string.IsNullOrWhiteSpace(instelling) ? null : instelling.Trim().ToUpperInvariant();
        switch (caller.Role)
        {
            case Roles.Analist:
                if (school is not null)
                {
                    refused = !(EventShapes.IsBrin6(school) && site.IsVo(school));
                    return refused ? null : new(ConnectionSide.VoVestiging, school);
                }
                if (instelling is not null)
                {
                    refused = !(instelling.Length == 4 && site.HasMbo(instelling));
                    return refused ? null : new(ConnectionSide.MboInstelling, instelling);
                }
                return null;
            case Roles.Decaan:
                var own = OwnSchools(caller, site);
                var chosen = school ?? (own.Count > 0 ? own[0] : null);
                refused = instelling is not null || chosen is null || !own.Contains(chosen, StringComparer.Ordinal);
                return refused ? null : new(ConnectionSide.VoVestiging, chosen!);
            case Roles.Intake:
                var mine = caller.Institution is { Length: >= 4 } at && site.HasMbo(at) ? at[..4] : null;
                refused = mine is null || school is not null || (instelling is not null && instelling != mine);
                return refused ? null : new(ConnectionSide.MboInstelling, mine!);
            default:
                refused = true;
                return null;
        }
    }

    /// <summary>The vo vestigingen of a decaan's school (one for a BRIN6 account, all for a BRIN4 one).</summary>
    public static IReadOnlyList<string> OwnSchools(Caller caller, SiteServices site)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(site);
        return caller.Role == Roles.Decaan && caller.Institution is { Length: > 0 } at ? [.. site.Locations(at).Where(site.IsVo)] : [];
    }
}
