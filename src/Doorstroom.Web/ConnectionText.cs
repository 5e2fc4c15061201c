using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>The register of connections in Dutch, for staff ("u"): what a field of a connection must be, and what it carries.</summary>
public static class ConnectionText
{
    /// <summary>The Dutch error of a field that <see cref="Connection.Check"/> found wrong, for the form's <paramref name="form"/>.</summary>
    public static string Problem(string field, ConnectionForm form) =>
        field switch
        {
            "id" => "Geef een code van 1 tot 64 tekens.",
            "vo_vestiging" => "Geef de BRIN6-code van de vo-vestiging, bijvoorbeeld 25PJ00.",
            "mbo" => "Geef de BRIN4-code van de mbo-instelling (bijvoorbeeld 25PN) of de BRIN6-code van een locatie (25PN01).",
            "form" => "Kies een vorm uit de lijst.",
            "from" => "Geef een begindatum tussen 1 augustus 1996 en 31 juli 2100.",
            "until" => "De einddatum ligt op of na de begindatum.",
            "description" => $"Beschrijf de verbinding in 1 tot {Connection.MaxTextLength} tekens.",
            "source" => $"Noem de bron (een convenant, jaarverslag of webpagina) in 1 tot {Connection.MaxTextLength} tekens.",
            "route" when form == ConnectionForm.DoorlopendeLeerlijn =>
                "Kies de route van de leerlijn: VM2, groene lyceum, vakmanschapsroute, technologieroute of doorlopende leerroute.",
            "route" => "Alleen een doorlopende leerlijn heeft een route; laat dit veld leeg.",
            "subject" when form == ConnectionForm.AvoLeerlijn => "Kies het vak: nederlands, rekenen of burgerschap.",
            "subject" when form == ConnectionForm.Initiatief =>
                $"Noem het initiatief, bijvoorbeeld Pas groen, Groenstart of Food (hoogstens {Connection.MaxSubjectLength} tekens).",
            "subject" when form == ConnectionForm.AansluitendProgramma =>
                $"Noem het vmbo-programma, bijvoorbeeld de paardenklas (hoogstens {Connection.MaxSubjectLength} tekens).",
            "subject" => "Alleen een avo-leerlijn, een initiatief of een aansluitend programma noemt een onderwerp; laat dit veld leeg.",
            _ => "Deze waarde klopt niet.",
        };

    /// <summary>What the connection carries, in a few words: its form, and its route or subject if it names one.</summary>
    public static string What(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var form = DutchText.ConnectionForm(connection.Form);
        var carries = connection.Route ?? connection.Subject;
        return carries is null ? form : $"{form}: {carries}";
    }
}
