using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>
/// Who may read and write the register of vo–mbo connections (decision 0013's scope): a decaan the connections of their own
/// vo vestiging(en), intake staff those of their own mbo institution, the beheerder all; the analist reads all of it
/// (institutional, not personal data) and writes nothing.
/// </summary>
public static class ConnectionScope
{
    /// <summary>The roles that may read the register.</summary>
    public static bool Reads(string role) => role is Roles.Decaan or Roles.Intake or Roles.Beheerder or Roles.Analist;

    /// <summary>The roles that may enter or end connections (each within their scope).</summary>
    public static bool Writes(string role) => role is Roles.Decaan or Roles.Intake or Roles.Beheerder;

    /// <summary>True when the caller may see the connection.</summary>
    public static bool Sees(SiteServices site, Caller caller, Connection connection) =>
        caller.Role is Roles.Beheerder or Roles.Analist || Own(site, caller, connection) is null;

    /// <summary>
    /// Why the caller may not write this connection, as (field, Dutch message), or null when they may: the decaan only for
    /// their own vo vestiging, intake only for their own mbo institution. The message names no school.
    /// </summary>
    public static (string Field, string Message)? Refusal(SiteServices site, Caller caller, Connection connection) =>
        !Writes(caller.Role) ? ("form", "Uw rol legt geen verbindingen vast.")
        : caller.Role == Roles.Beheerder ? null
        : Own(site, caller, connection);

    private static (string Field, string Message)? Own(SiteServices site, Caller caller, Connection connection)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(connection);
        if (caller.Institution is not { Length: >= 4 } institution)
            return ("form", "Uw account is niet aan een school of instelling gekoppeld.");
        return caller.Role switch
        {
            Roles.Decaan when site.Locations(institution).Contains(connection.VoVestiging) || connection.VoVestiging == institution => null,
            Roles.Decaan => ("vo_vestiging", "Als decaan legt u alleen verbindingen van uw eigen school vast."),
            Roles.Intake when connection.MboInstitution == institution[..4] => null,
            Roles.Intake => ("mbo", "Als intakemedewerker legt u alleen verbindingen van uw eigen instelling vast."),
            _ => ("form", "Uw rol legt geen verbindingen vast."),
        };
    }
}
