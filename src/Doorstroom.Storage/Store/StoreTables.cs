using System.Collections.Immutable;
using System.Text;

namespace Doorstroom.Storage;

/// <summary>
/// Every table of the schema and where it lives when the PostgreSQL store runs on Citus (decision 0033, docs/scale-out.md "The
/// schema on Citus"). A new table is added here too: <c>CitusSchemaTests</c> fails for a table of a migrated store that is not listed,
/// and checks the rules each place asks of the schema (a distributed table's unique keys include its distribution column; foreign
/// keys between distributed tables include it on both sides).
/// </summary>
public static class StoreTables
{
    /// <summary>Every table, in the order <see cref="CitusCommands"/> distributes them (a table after the tables its foreign keys name).</summary>
    public static ImmutableArray<StoreTable> All { get; } =
    [
        new("vo_vestiging", TablePlacement.Reference, "the vo schools: small, read with every pupil list and joined everywhere"),
        new("mbo_instelling", TablePlacement.Reference, "the mbo institutions: small, joined with applications and enrolments"),
        new("mbo_locatie", TablePlacement.Reference, "the mbo locations: small, joined with applications and enrolments"),
        new("kwalificatie", TablePlacement.Reference, "the crebo catalogue: read by every plan and monitor"),
        new("rmc_gemeente", TablePlacement.Reference, "municipalities to RMC regions: a few hundred rows, joined by region figures"),
        new("vo_examen", TablePlacement.Reference, "DUO's published exam figures per vestiging: public aggregates, no pupil"),
        new("vo_leerlingen", TablePlacement.Reference, "DUO's published pupil counts per vestiging: public aggregates, no pupil"),
        new("vo_zittenblijven", TablePlacement.Reference, "DUO's published doorstroom figures per vestiging: public aggregates, no pupil"),
        new("vsv_norm", TablePlacement.Reference, "the yearly vsv norms: a handful of rows"),
        new("connection", TablePlacement.Reference, "the register of vo-mbo connections: institutions' data, joined with them"),
        new("meeloopdag", TablePlacement.Reference, "the days an mbo publishes: few, read with any pupil's sign-ups and locked by a sign-up"),
        new("pupil", TablePlacement.Pupil, "the pupils, distributed by their id: every pupil table is colocated with it", By: "id"),
        new("pupil_key", TablePlacement.Keyed, "keeps a pupil key unique (pupil cannot: it is distributed by id); routes a key to its id", By: "pkey"),
        new("pupil_personal", TablePlacement.Pupil, "a pupil's personal details, beside the pupil", By: "pupil_id"),
        new("event", TablePlacement.Pupil, "the event streams, the bulk of the store: a pupil's stream on one node", By: "pupil_id"),
        new("dossier_entry", TablePlacement.Pupil, "a pupil's transfer and loopbaan dossier, beside the pupil", By: "pupil_id"),
        new("dossier_request", TablePlacement.Pupil, "an mbo's requests for a pupil's dossier, beside the pupil", By: "pupil_id"),
        new("meeloopdag_signup", TablePlacement.Pupil, "a pupil's sign-ups for meeloopdagen, beside the pupil", By: "pupil_id"),
        new("schema_migrations", TablePlacement.Local, "which migrations ran: the coordinator migrates, under its advisory lock"),
        new("import_log", TablePlacement.Local, "the import journal: one row per imported file"),
        new("audit_log", TablePlacement.Local, "one hash chain, appended serializably in order: a single sequence needs a single node"),
        new("audit_read", TablePlacement.Local, "the pupils a list read showed, checked against their audit_log entry"),
        new("account", TablePlacement.Local, "who may sign in: few rows, read at every request, changed with the audit log"),
        new("api_client", TablePlacement.Local, "the API's clients: few rows, read at every token request"),
        new("account_link", TablePlacement.Local, "school sign-in links to accounts: beside the accounts"),
        new("account_invitation", TablePlacement.Local, "invitations to link an account: beside the accounts"),
        new("account_link_value", TablePlacement.Local, "the claim values that link an account: beside the accounts"),
        new("web_session", TablePlacement.Local, "the sign-in sessions every web node reads: small and hot"),
        new("sign_in_failure", TablePlacement.Local, "failed sign-ins per name, counted across web nodes"),
        new("data_protection_key", TablePlacement.Local, "the web nodes' Data Protection key ring: a few keys"),
        new("token_key", TablePlacement.Local, "the keys that sign access tokens: a few keys"),
    ];

    /// <summary>The table named <paramref name="name"/>, or null when it is not listed.</summary>
    public static StoreTable? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// The SQL an operator runs on the Citus coordinator of a migrated store, in order: reference tables first (distributed tables'
    /// foreign keys name them), then <c>pupil</c>, the tables colocated with it, and the tables keyed otherwise. Local tables are left as they
    /// are (they stay on the coordinator).
    /// </summary>
    public static string CitusCommands()
    {
        var sql = new StringBuilder();
        foreach (var table in All.Where(t => t.Placement == TablePlacement.Reference))
            sql.Append("SELECT create_reference_table('").Append(table.Name).Append("');\n");
        foreach (var table in All.Where(t => t.Placement == TablePlacement.Pupil))
        {
            sql.Append("SELECT create_distributed_table('").Append(table.Name).Append("', '").Append(table.By).Append('\'');
            sql.Append(table.Name == "pupil" ? ");\n" : ", colocate_with => 'pupil');\n");
        }
        foreach (var table in All.Where(t => t.Placement == TablePlacement.Keyed))
            sql.Append("SELECT create_distributed_table('").Append(table.Name).Append("', '").Append(table.By).Append("', colocate_with => 'none');\n");
        return sql.ToString();
    }
}
