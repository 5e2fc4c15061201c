using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>
/// The catalogue route an event's route id stands for, and its name: a timeline and the planner say "Normale route", not
/// "normale-route" (issue 14). School systems write "regulier" for the normal route.
/// </summary>
public static class RouteNames
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase) { ["regulier"] = "normale-route" };

    /// <summary>The catalogue route of an id as recorded, or null when the catalogue has none.</summary>
    public static Domain.Route? Find(RouteCatalogue catalogue, string? id)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return id is null ? null : catalogue.FindRoute(Aliases.GetValueOrDefault(id, id));
    }

    /// <summary>The route's name; an id the catalogue does not know as recorded.</summary>
    public static string Name(RouteCatalogue catalogue, string id) => Find(catalogue, id)?.Name ?? id;
}
