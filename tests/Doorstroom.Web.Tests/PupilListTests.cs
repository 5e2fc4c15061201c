using System.Collections.Immutable;
using System.Text;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Doorstroom.Web.Pages.Leerlingen;

namespace Doorstroom.Web.Tests;

/// <summary>The decaan's working list as a pure function: filter, sort, count; and the files it downloads as.</summary>
public sealed class PupilListTests
{
    private static readonly DateOnly On = new(2027, 1, 20);
    private static readonly ImmutableDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["25PJ"] = "Zadkine",
        ["25PJ00"] = "Zadkine Rotterdam Zuid",
        ["30AV"] = "Albeda",
        ["30AV01"] = "Campus Techniek",
    }.ToImmutableDictionary();
    private static readonly ImmutableDictionary<int, string> Programmes = new Dictionary<int, string> { [25491] = "Verzorgende IG" }.ToImmutableDictionary();

    private static Application Applied(string at, ApplicationStatus status, int crebo = 25491, int niveau = 3) =>
        new(at, crebo, niveau, Leerweg.Bol, "regulier", On.AddDays(-30), status, On.AddDays(-5), null);

    private static SchoolPupil Pupil(string key, string? name, params Application[] applications) =>
        new(
            key,
            true,
            name,
            2027,
            Leerweg.Kb,
            [.. applications],
            applications.Length == 0 ? [new(SignalKind.NogNietAangemeld, "A10", "Nog niet aangemeld")] : [],
            []
        );

    private static readonly SchoolPupil[] School =
    [
        Pupil("P1", "Anna de Vries"),
        Pupil("P2", "Bram Bakker", Applied("25PJ00", ApplicationStatus.Aangemeld)),
        Pupil("P3", "Cas Jansen", Applied("30AV01", ApplicationStatus.IntakeGehouden, 25100, 2)),
        Pupil("P4", "Dewi Amrani", Applied("25PJ00", ApplicationStatus.Afgewezen), Applied("30AV01", ApplicationStatus.Toegelaten, 25100, 2)),
        Pupil("P5", "Eva Zijlstra", Applied("25PJ00", ApplicationStatus.Afgewezen)),
        Pupil("P6", null),
    ];

    private static List<string> Keys(PupilQuery query) => [.. PupilList.Apply(School, query, Names).Pupils.Select(p => p.Key)];

    [Fact]
    public void A_pupils_status_is_the_furthest_any_application_got()
    {
        Assert.Equal(
            [
                PupilStatus.NietAangemeld,
                PupilStatus.Aangemeld,
                PupilStatus.IntakeGedaan,
                PupilStatus.Toegelaten,
                PupilStatus.Afgewezen,
                PupilStatus.NietAangemeld,
            ],
            School.Select(PupilList.StatusOf)
        );
        Assert.Equal(PupilStatus.Ingetrokken, PupilList.StatusOf(Pupil("P7", null, Applied("25PJ00", ApplicationStatus.Ingetrokken))));
    }

    [Fact]
    public void The_not_applied_filter_keeps_only_pupils_without_an_application()
    {
        Assert.Equal(["P6", "P1"], Keys(new(Status: PupilStatus.NietAangemeld)));
        Assert.Equal(PupilStatus.NietAangemeld, PupilList.ParseStatus("niet-aangemeld"));
        Assert.Null(PupilList.ParseStatus("onzin"));
    }

    [Fact]
    public void Counts_cover_the_search_and_filters_but_not_the_status_filter()
    {
        var all = PupilList.Apply(School, new(Status: PupilStatus.NietAangemeld), Names);
        Assert.Equal(6, all.InScope);
        Assert.Equal(2, all.Counts[PupilStatus.NietAangemeld]);
        Assert.Equal(1, all.Counts[PupilStatus.Aangemeld]);
        Assert.Equal(1, all.Counts[PupilStatus.IntakeGedaan]);
        Assert.Equal(1, all.Counts[PupilStatus.Toegelaten]);
        Assert.Equal(1, all.Counts[PupilStatus.Afgewezen]);
        Assert.Equal(0, all.Counts[PupilStatus.Ingetrokken]);

        var zadkine = PupilList.Apply(School, new(Institution: "25PJ"), Names);
        Assert.Equal(["P2", "P4", "P5"], zadkine.Pupils.Select(p => p.Key).Order());
        Assert.Equal(3, zadkine.InScope);
        Assert.Equal(0, zadkine.Counts[PupilStatus.NietAangemeld]);
        Assert.Equal(1, zadkine.Counts[PupilStatus.Afgewezen]);
    }

    [Fact]
    public void Search_finds_a_pupil_by_part_of_the_name_or_the_number_in_any_case()
    {
        Assert.Equal(["P3"], Keys(new(Search: "jANS")));
        Assert.Equal(["P6"], Keys(new(Search: " p6 ")));
        Assert.Empty(Keys(new(Search: "niemand")));
    }

    [Fact]
    public void Institution_and_programme_filters_need_one_application_that_matches_both()
    {
        Assert.Equal(["P4", "P3"], Keys(new(Crebo: 25100)));
        Assert.Equal(["P4", "P3"], Keys(new(Institution: "30AV", Crebo: 25100)));
        Assert.Empty(Keys(new(Institution: "25PJ", Crebo: 25100)));
        Assert.Equal(["P4", "P3"], Keys(new(Institution: "30AV01")));
    }

    [Fact]
    public void The_signal_filter_keeps_pupils_with_a_signal()
    {
        Assert.Equal(["P6", "P1"], Keys(new(OnlySignals: true)));
    }

    [Fact]
    public void The_list_sorts_by_family_name_number_status_institution_or_signal()
    {
        Assert.Equal(["P4", "P2", "P3", "P6", "P1", "P5"], Keys(new()));
        Assert.Equal(["P1", "P2", "P3", "P4", "P5", "P6"], Keys(new(Sort: PupilSort.Nummer)));
        Assert.Equal(["P6", "P1", "P5", "P2", "P3", "P4"], Keys(new(Sort: PupilSort.Status)));
        // By the first open application's institution name (Albeda before Zadkine); pupils without one last.
        Assert.Equal(["P4", "P3", "P2", "P5", "P6", "P1"], Keys(new(Sort: PupilSort.Instelling)));
        Assert.Equal(["P6", "P1"], Keys(new(Sort: PupilSort.Signaal)).Take(2));
        Assert.Equal(PupilSort.Status, PupilList.ParseSort("status"));
        Assert.Equal(PupilSort.Naam, PupilList.ParseSort(null));
    }

    [Fact]
    public void Programmes_and_institutions_are_shown_by_name()
    {
        var application = Applied("25PJ00", ApplicationStatus.Aangemeld);
        Assert.Equal("Verzorgende IG (niveau 3, crebo 25491)", PupilList.Programme(application, Programmes));
        Assert.Equal("niveau 2, crebo 25100", PupilList.Programme(Applied("30AV01", ApplicationStatus.Aangemeld, 25100, 2), Programmes));
        Assert.Equal("Zadkine Rotterdam Zuid", PupilList.Where(application, Names));
        Assert.Equal("Albeda, Campus Techniek", PupilList.Where(Applied("30AV01", ApplicationStatus.Aangemeld), Names));
        var (institutions, programmes) = PupilList.Choices(School, Names, Programmes);
        Assert.Equal(["Albeda", "Zadkine"], institutions.Select(i => i.Name));
        Assert.Contains(programmes, p => p.Value == "25491" && p.Name.StartsWith("Verzorgende IG", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_signal_has_its_own_label()
    {
        var labels = Enum.GetValues<SignalKind>().Select(PupilList.Label).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.DoesNotContain(labels, l => Enum.GetNames<SignalKind>().Contains(l));
    }

    [Fact]
    public void The_csv_is_semicolon_separated_UTF8_with_a_byte_order_mark_and_opens_no_formula()
    {
        var rows = PupilListFile.Rows([Pupil("P1", "=HYPERLINK(\"x\";\"y\")"), School[3]], Names, Programmes);
        var bytes = PupilListFile.Csv(rows);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Leerlingnummer;Naam;Leerweg;Examenjaar;Status;Aanmeldingen;Signalen", lines[0]);
        Assert.StartsWith("P1;\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\";kb;2027;niet aangemeld;;", lines[1], StringComparison.Ordinal);
        Assert.Contains("Verzorgende IG (niveau 3, crebo 25491): afgewezen", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_xlsx_holds_a_header_and_one_row_per_pupil_in_order()
    {
        var list = PupilList.Apply(School, new(Sort: PupilSort.Nummer), Names).Pupils;
        using var stream = new MemoryStream(PupilListFile.Xlsx(PupilListFile.Rows(list, Names, Programmes)));
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(list.Select(p => p.Key), rows.Select(r => r["Leerlingnummer"]?.ToString()));
        Assert.Equal("intake gedaan", rows[2]["Status"]?.ToString());
        using var empty = new MemoryStream(PupilListFile.Xlsx([]));
        Assert.Empty(MiniExcelLibs.MiniExcel.Query(empty, useHeaderRow: true));
    }
}
