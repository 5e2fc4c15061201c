using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// The names the monitor shows for the cube's keys: a route's Dutch name from the catalogue, a vo vestiging's or mbo institution's
/// name from the store, a leerweg in words. A code without a name is shown as the code with a label saying so, never bare.
/// </summary>
public sealed class MonitorNames(ImmutableDictionary<string, string> routes, ImmutableDictionary<string, string> institutions)
{
    /// <summary>The label beside a route id that is not in the catalogue.</summary>
    public const string NoRouteName = "geen route in de catalogus";

    /// <summary>The label beside an institution code the store has no name for.</summary>
    public const string NoInstitutionName = "naam onbekend";

    /// <summary>
    /// The names of the site's catalogue and store. Vo vestigingen of one school often share a name: such a name gets the place
    /// (and, if that is shared too, the street) after it, so every vestiging reads differently without its code.
    /// </summary>
    public static MonitorNames Of(SiteServices site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var names = InstitutionNames.All(site.Database).ToBuilder();
        var vo = InstitutionNames.VoAddresses(site.Database);
        foreach (var same in vo.GroupBy(v => v.Naam, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var byPlace = same.GroupBy(v => v.Plaats ?? "", StringComparer.Ordinal).ToList();
            foreach (var place in byPlace)
            {
                foreach (var v in place)
                {
                    var where = string.Join(
                        ", ",
                        new[] { v.Plaats, place.Count() > 1 || byPlace.Count == 1 ? v.Straat : null }.Where(x => !string.IsNullOrWhiteSpace(x))
                    );
                    if (where.Length > 0)
                        names[v.Brin6] = $"{v.Naam} ({where})";
                }
            }
        }
        return new(site.Catalogue.Routes.ToImmutableDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal), names.ToImmutable());
    }

    /// <summary>What the page shows for a key of a dimension (as <see cref="MonitorCube.Key"/> writes it).</summary>
    public string Name(Dimension dimension, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == MonitorCube.Unknown)
            return MonitorCube.Unknown;
        return dimension switch
        {
            Dimension.Route => routes.TryGetValue(key, out var route) ? route : $"{key} ({NoRouteName})",
            Dimension.VoVestiging or Dimension.MboInstelling => institutions.TryGetValue(key, out var name) ? name : $"{key} ({NoInstitutionName})",
            Dimension.Leerweg => JsonSpelling.Leerwegen.TryGetValue(key, out var leerweg) ? DutchText.LeerwegInFull(leerweg) : key,
            _ => key,
        };
    }

    /// <summary>The name of a vo vestiging (BRIN6) or mbo institution (BRIN4): the two never share a code, so one function names both.</summary>
    public string Institution(string code) => Name(code.Length == 4 ? Dimension.MboInstelling : Dimension.VoVestiging, code);
}
