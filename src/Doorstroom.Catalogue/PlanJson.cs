using System.Text.Encodings.Web;
using System.Text.Json;
using Doorstroom.Domain;

namespace Doorstroom.Catalogue;

/// <summary>Writes plans, routes and admission answers as the public JSON contract (docs/pupil-and-plan-json.md).</summary>
public static class PlanJson
{
    public static JsonWriterOptions Options(bool indented) => new() { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter w, Plan plan)
    {
        w.WriteStartObject();
        w.WriteString("catalogueVersion", plan.CatalogueVersion);
        w.WriteString("on", Iso(plan.On));
        w.WriteString("goal", JsonSpelling.Of(plan.Goal));
        w.WriteStartArray("regimes");
        foreach (var r in plan.Regimes)
            w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteStartArray("routes");
        foreach (var r in plan.Routes)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("status", JsonSpelling.Of(r.Status));
            w.WriteString("entry", Iso(r.Entry));
            Reasons(w, "reasons", r.Reasons);
            Reasons(w, "caveats", r.Caveats);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("pathways");
        foreach (var p in plan.Pathways)
        {
            w.WriteStartObject();
            w.WriteStartArray("routes");
            foreach (var id in p.Routes)
                w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteStartArray("steps");
            foreach (var s in p.Steps)
                Step(w, s);
            w.WriteEndArray();
            w.WriteString("goalReachedOn", Iso(p.GoalReachedOn));
            DateOrNull(w, "startkwalificatieOn", p.StartkwalificatieOn);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        DateOrNull(w, "fastestStartkwalificatieOn", plan.FastestStartkwalificatieOn);
        DateOrNull(w, "fastestGoalOn", plan.FastestGoalOn);
        DateOrNull(w, "leerplichtEnds", plan.LeerplichtEnds);
        DateOrNull(w, "kwalificatieplichtEnds", plan.KwalificatieplichtEnds);
        Reasons(w, "notes", plan.Notes);
        w.WriteEndObject();
    }

    public static string Write(Plan plan, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options(indented)))
            Write(w, plan);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The plan as the API serves it (POST /api/v1/plan): compact JSON as UTF-8 bytes. The bench measures this very call.</summary>
    public static byte[] Utf8(Plan plan) => System.Text.Encoding.UTF8.GetBytes(Write(plan, indented: false));

    public static void Step(Utf8JsonWriter w, Step s)
    {
        w.WriteStartObject();
        if (s.Route is null)
            w.WriteNull("route");
        else
            w.WriteString("route", s.Route);
        w.WriteString("school", JsonSpelling.Of(s.School));
        if (s.Niveau is { } n)
            w.WriteNumber("niveau", n);
        else
            w.WriteNull("niveau");
        if (s.Leerweg is { } l)
            w.WriteString("leerweg", JsonSpelling.Of(l));
        else
            w.WriteNull("leerweg");
        w.WriteString("from", Iso(s.From));
        w.WriteString("to", Iso(s.To));
        w.WriteString("latestTo", Iso(s.LatestTo));
        w.WriteString("outcome", JsonSpelling.Of(s.Outcome));
        w.WriteString("rule", s.Rule);
        if (s.Admission is { } a)
            w.WriteString("admission", JsonSpelling.Of(a));
        else
            w.WriteNull("admission");
        w.WriteEndObject();
    }

    public static void Reasons(Utf8JsonWriter w, string name, IEnumerable<Reason> reasons)
    {
        w.WriteStartArray(name);
        foreach (var r in reasons)
        {
            w.WriteStartObject();
            w.WriteString("code", r.Code);
            w.WriteString("rule", r.Rule);
            w.WriteString("text", r.Text);
            w.WriteString("confidence", JsonSpelling.Of(r.Confidence));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void Admission(Utf8JsonWriter w, Qualification q, AdmissionResult a)
    {
        w.WriteStartObject();
        w.WriteStartObject("qualification");
        w.WriteString("crebo", q.Crebo);
        w.WriteString("name", q.Name);
        w.WriteString("niveau", JsonSpelling.Of(q.Level));
        w.WriteString("domain", q.Domain);
        w.WriteStartArray("leerwegen");
        foreach (var l in q.Leerwegen)
            w.WriteStringValue(JsonSpelling.Of(l));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("outcome", JsonSpelling.Of(a.Outcome));
        w.WriteString("start", Iso(a.Start));
        w.WriteString("regime", a.Regime);
        Reasons(w, "reasons", a.Reasons);
        Reasons(w, "caveats", a.Caveats);
        w.WriteEndObject();
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a date written as <see cref="Iso"/> writes it (YYYY-MM-DD, nothing around it); false for anything else.</summary>
    public static bool TryIso(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    private static void DateOrNull(Utf8JsonWriter w, string name, DateOnly? d)
    {
        if (d is { } x)
            w.WriteString(name, Iso(x));
        else
            w.WriteNull(name);
    }
}
