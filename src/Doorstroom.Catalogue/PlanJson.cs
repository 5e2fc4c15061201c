using System.Buffers;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using Doorstroom.Domain;

namespace Doorstroom.Catalogue;

/// <summary>Writes plans, routes and admission answers as the public JSON contract (docs/pupil-and-plan-json.md).</summary>
public static class PlanJson
{
    public static JsonWriterOptions Options(bool indented) => new() { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The property names of a plan, encoded once (ASCII letters: the same bytes as writing the name each time).
    private static readonly JsonEncodedText CatalogueVersionName = JsonEncodedText.Encode("catalogueVersion"),
        OnName = JsonEncodedText.Encode("on"),
        GoalName = JsonEncodedText.Encode("goal"),
        RegimesName = JsonEncodedText.Encode("regimes"),
        RoutesName = JsonEncodedText.Encode("routes"),
        IdName = JsonEncodedText.Encode("id"),
        StatusName = JsonEncodedText.Encode("status"),
        EntryName = JsonEncodedText.Encode("entry"),
        ReasonsName = JsonEncodedText.Encode("reasons"),
        CaveatsName = JsonEncodedText.Encode("caveats"),
        PathwaysName = JsonEncodedText.Encode("pathways"),
        StepsName = JsonEncodedText.Encode("steps"),
        GoalReachedOnName = JsonEncodedText.Encode("goalReachedOn"),
        StartkwalificatieOnName = JsonEncodedText.Encode("startkwalificatieOn"),
        FastestStartkwalificatieOnName = JsonEncodedText.Encode("fastestStartkwalificatieOn"),
        FastestGoalOnName = JsonEncodedText.Encode("fastestGoalOn"),
        LeerplichtEndsName = JsonEncodedText.Encode("leerplichtEnds"),
        KwalificatieplichtEndsName = JsonEncodedText.Encode("kwalificatieplichtEnds"),
        NotesName = JsonEncodedText.Encode("notes"),
        RouteName = JsonEncodedText.Encode("route"),
        SchoolName = JsonEncodedText.Encode("school"),
        NiveauName = JsonEncodedText.Encode("niveau"),
        LeerwegName = JsonEncodedText.Encode("leerweg"),
        FromName = JsonEncodedText.Encode("from"),
        ToName = JsonEncodedText.Encode("to"),
        LatestToName = JsonEncodedText.Encode("latestTo"),
        OutcomeName = JsonEncodedText.Encode("outcome"),
        RuleName = JsonEncodedText.Encode("rule"),
        AdmissionName = JsonEncodedText.Encode("admission"),
        CodeName = JsonEncodedText.Encode("code"),
        TextName = JsonEncodedText.Encode("text"),
        ConfidenceName = JsonEncodedText.Encode("confidence");

    // The API's compact writer and its buffer, one per thread and reused: a plan is written without growing a stream,
    // decoding it to a string and encoding it back (which POST /api/v1/plan did before).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? compactBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? compactWriter;

    /// <summary>A buffer that grew past this is not kept for the thread's next plan.</summary>
    private const int KeptBuffer = 256 * 1024;

    public static void Write(Utf8JsonWriter w, Plan plan)
    {
        w.WriteStartObject();
        w.WriteString(CatalogueVersionName, plan.CatalogueVersion);
        Date(w, OnName, plan.On);
        w.WriteString(GoalName, JsonSpelling.Of(plan.Goal));
        w.WriteStartArray(RegimesName);
        foreach (var r in plan.Regimes)
            w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteStartArray(RoutesName);
        foreach (var r in plan.Routes)
        {
            w.WriteStartObject();
            w.WriteString(IdName, r.Id);
            w.WriteString(StatusName, JsonSpelling.Of(r.Status));
            Date(w, EntryName, r.Entry);
            Reasons(w, ReasonsName, r.Reasons);
            Reasons(w, CaveatsName, r.Caveats);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(PathwaysName);
        foreach (var p in plan.Pathways)
        {
            w.WriteStartObject();
            w.WriteStartArray(RoutesName);
            foreach (var id in p.Routes)
                w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteStartArray(StepsName);
            foreach (var s in p.Steps)
                Step(w, s);
            w.WriteEndArray();
            Date(w, GoalReachedOnName, p.GoalReachedOn);
            DateOrNull(w, StartkwalificatieOnName, p.StartkwalificatieOn);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        DateOrNull(w, FastestStartkwalificatieOnName, plan.FastestStartkwalificatieOn);
        DateOrNull(w, FastestGoalOnName, plan.FastestGoalOn);
        DateOrNull(w, LeerplichtEndsName, plan.LeerplichtEnds);
        DateOrNull(w, KwalificatieplichtEndsName, plan.KwalificatieplichtEnds);
        Reasons(w, NotesName, plan.Notes);
        w.WriteEndObject();
    }

    public static string Write(Plan plan, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options(indented)))
            Write(w, plan);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The plan as the API serves it (POST /api/v1/plan): compact JSON as UTF-8 bytes, the same bytes as
    /// <c>Write(plan, indented: false)</c> encodes. The bench measures this very call.
    /// </summary>
    public static byte[] Utf8(Plan plan)
    {
        var buffer = compactBuffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        var w = compactWriter ??= new Utf8JsonWriter(buffer, Options(indented: false));
        buffer.ResetWrittenCount();
        w.Reset(buffer);
        Write(w, plan);
        w.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > KeptBuffer)
            (compactBuffer, compactWriter) = (null, null);
        return bytes;
    }

    public static void Step(Utf8JsonWriter w, Step s)
    {
        w.WriteStartObject();
        if (s.Route is null)
            w.WriteNull(RouteName);
        else
            w.WriteString(RouteName, s.Route);
        w.WriteString(SchoolName, JsonSpelling.Of(s.School));
        if (s.Niveau is { } n)
            w.WriteNumber(NiveauName, n);
        else
            w.WriteNull(NiveauName);
        if (s.Leerweg is { } l)
            w.WriteString(LeerwegName, JsonSpelling.Of(l));
        else
            w.WriteNull(LeerwegName);
        Date(w, FromName, s.From);
        Date(w, ToName, s.To);
        Date(w, LatestToName, s.LatestTo);
        w.WriteString(OutcomeName, JsonSpelling.Of(s.Outcome));
        w.WriteString(RuleName, s.Rule);
        if (s.Admission is { } a)
            w.WriteString(AdmissionName, JsonSpelling.Of(a));
        else
            w.WriteNull(AdmissionName);
        w.WriteEndObject();
    }

    private static void Reasons(Utf8JsonWriter w, JsonEncodedText name, ImmutableArray<Reason> reasons)
    {
        w.WriteStartArray(name);
        foreach (var r in reasons)
            Reason(w, r);
        w.WriteEndArray();
    }

    private static void Reason(Utf8JsonWriter w, Reason r)
    {
        w.WriteStartObject();
        w.WriteString(CodeName, r.Code);
        w.WriteString(RuleName, r.Rule);
        w.WriteString(TextName, r.Text);
        w.WriteString(ConfidenceName, JsonSpelling.Of(r.Confidence));
        w.WriteEndObject();
    }

    /// <summary>A date as <see cref="Iso"/> spells it, formatted straight into UTF-8 (no string in between).</summary>
    private static void Date(Utf8JsonWriter w, JsonEncodedText name, DateOnly d)
    {
        Span<byte> text = stackalloc byte[16];
        if (!d.TryFormat(text, out var written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"date {d} did not fit in 16 bytes");
        w.WriteString(name, text[..written]);
    }

    private static void DateOrNull(Utf8JsonWriter w, JsonEncodedText name, DateOnly? d)
    {
        if (d is { } x)
            Date(w, name, x);
        else
            w.WriteNull(name);
    }

    public static void Reasons(Utf8JsonWriter w, string name, IEnumerable<Reason> reasons)
    {
        w.WriteStartArray(name);
        foreach (var r in reasons)
            Reason(w, r);
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
}
