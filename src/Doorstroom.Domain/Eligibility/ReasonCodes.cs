namespace Doorstroom.Domain;

/// <summary>
/// The reason codes the engine emits itself (besides those written in the catalogue's conditions). Their texts
/// live in the catalogue; catalogue validation checks that every code here has one.
/// </summary>
public static class ReasonCodes
{
    public static readonly IReadOnlyList<string> Engine =
    [
        // admission (§5, A10, M6)
        "vooropleiding-voldoet",
        "vooropleiding-onvoldoende",
        "uitzondering-a9",
        "geen-diploma-uitzondering",
        "drempelloos",
        "zelfde-richting",
        "zelfde-beroep",
        "entree-leerplichtig",
        "entree-leeftijd-onbekend",
        "entree-niet-voor-diplomahouder",
        "nadere-eis-vakken",
        "nadere-eis-vakken-onbekend",
        "nadere-eis-onzeker",
        "nadere-eis-sector-onbekend",
        "leerweg-niet-aangeboden",
        "bbl-leerplichtig",
        "bbl-leeftijd-onbekend",
        "bbl-leerbedrijf",
        "toelatingsrecht",
        "toelatingsrecht-aanmelden",
        "aangemeld-na-deadline",
        "geen-toelatingsrecht",
        "bsa",
        "diploma-verwacht",
        "kwalificatiestructuur-2015",
        // eligibility and planning
        "route-nog-niet-van-kracht",
        "route-niet-meer-van-kracht",
        "heeft-al-startkwalificatie",
        "leerjaar-onbekend",
        "leerweg-onbekend",
        "duur-ondergrens",
    ];
}
