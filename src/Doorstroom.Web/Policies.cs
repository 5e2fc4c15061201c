using Microsoft.AspNetCore.Authorization;

namespace Doorstroom.Web;

/// <summary>
/// Who may reach which part of the site. A policy only admits the role; what the caller then sees is scoped to their
/// institution or pupil by the queries (decision 0013).
/// </summary>
public static class Policies
{
    /// <summary>Decaan or mentor: the pupils of their own school.</summary>
    public const string School = "school";

    /// <summary>Intake or zorgcoördinator: applications to their own institution.</summary>
    public const string Institution = "institution";

    /// <summary>Intake officers only: record an intake and its outcome.</summary>
    public const string RecordIntake = "record-intake";

    /// <summary>Analyst (and the decaan and intake roles for their own numbers): aggregates only.</summary>
    public const string Aggregates = "aggregates";

    /// <summary>A pupil: their own stream.</summary>
    public const string Pupil = "pupil";

    /// <summary>Administrators: accounts and API clients.</summary>
    public const string Admin = "admin";

    /// <summary>A vo school's dossier: decaan or zorgcoördinator (DossierService tells the vo side from the mbo side).</summary>
    public const string SchoolDossier = "school-dossier";

    /// <summary>A pupil or a parent bound to a pupil: their own dossier, consents and audit trail.</summary>
    public const string OwnDossier = "own-dossier";

    /// <summary>The register of vo–mbo connections: decaan and intake (their own), analist and beheerder (all); see ConnectionScope.</summary>
    public const string Connections = "connections";

    /// <summary>Where to connect: the analist for any school or institution, a decaan for the own school, intake for the own institution.</summary>
    public const string WhereToConnect = "where-to-connect";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(School, p => p.RequireRole(Roles.Decaan).RequireClaim(Claims.Institution).AddRequirements(Side.Vo));
        options.AddPolicy(Institution, p => p.RequireRole(Roles.Intake, Roles.Zorgcoordinator).RequireClaim(Claims.Institution).AddRequirements(Side.Mbo));
        options.AddPolicy(RecordIntake, p => p.RequireRole(Roles.Intake).RequireClaim(Claims.Institution).AddRequirements(Side.Mbo));
        options.AddPolicy(Aggregates, p => p.RequireRole(Roles.Analist));
        options.AddPolicy(Pupil, p => p.RequireRole(Roles.Leerling).RequireClaim(Claims.Pupil));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Beheerder));
        options.AddPolicy(SchoolDossier, p => p.RequireRole(Roles.Decaan, Roles.Zorgcoordinator).RequireClaim(Claims.Institution).AddRequirements(Side.Vo));
        options.AddPolicy(OwnDossier, p => p.RequireRole(Roles.Leerling, Roles.Ouder).RequireClaim(Claims.Pupil));
        options.AddPolicy(Connections, p => p.RequireRole(Roles.Decaan, Roles.Intake, Roles.Beheerder, Roles.Analist));
        options.AddPolicy(WhereToConnect, p => p.RequireRole(Roles.Analist, Roles.Decaan, Roles.Intake));
    }
}

/// <summary>
/// The side of the caller's institution a page is for: the intake pages are for mbo staff, the school pages for vo staff.
/// A zorgcoördinator is bound to either, so the role alone does not tell; a hidden menu item is not enough (issue 14).
/// </summary>
public sealed class Side : IAuthorizationRequirement
{
    private Side(bool vo) => IsVo = vo;

    /// <summary>The institution has a vo location.</summary>
    public static Side Vo { get; } = new(true);

    /// <summary>The institution has an mbo location.</summary>
    public static Side Mbo { get; } = new(false);

    /// <summary>True for the vo side.</summary>
    public bool IsVo { get; }
}

/// <summary>Admits a caller whose institution claim names an institution with a location on the required side.</summary>
public sealed class SideHandler(SiteServices site) : AuthorizationHandler<Side>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Side requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.FindFirst(Claims.Institution)?.Value is { Length: > 0 } at && (requirement.IsVo ? site.HasVo(at) : site.HasMbo(at)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
