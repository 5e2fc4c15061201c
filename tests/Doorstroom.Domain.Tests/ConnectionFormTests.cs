namespace Doorstroom.Domain.Tests;

/// <summary>Each of the thirteen forms of a vo–mbo connection (issue 16, item 4), by the rules its <see cref="Connection.Check"/> applies.</summary>
public sealed class ConnectionFormTests
{
    private static Connection Of(ConnectionForm form, string? route = null, string? subject = null) =>
        new("c-1", "01AB00", "25AA", form, new(2024, 8, 1), null, "Beschrijving", "Convenant 2024", route, subject);

    private static string[] Fields(Connection c) => [.. c.Check().Select(p => p.Field)];

    [Fact]
    public void Doorlopende_leerlijn_carries_a_known_catalogue_route_of_that_kind()
    {
        Assert.Empty(Fields(Of(ConnectionForm.DoorlopendeLeerlijn, "vm2")));
        Assert.Empty(Fields(Of(ConnectionForm.DoorlopendeLeerlijn, "groene-lyceum")));
        Assert.Equal(["route"], Fields(Of(ConnectionForm.DoorlopendeLeerlijn)));
        Assert.Equal(["route"], Fields(Of(ConnectionForm.DoorlopendeLeerlijn, "havo-doorstroom")));
    }

    [Fact]
    public void Every_leerlijn_route_is_a_route_of_the_shipped_catalogue()
    {
        var ids = TestCatalogue.Catalogue.Routes.Select(r => r.Id).ToHashSet();
        Assert.All(Connection.LeerlijnRoutes, id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Initiatief_names_the_initiative()
    {
        Assert.Empty(Fields(Of(ConnectionForm.Initiatief, subject: "Pas groen")));
        Assert.Equal(["subject"], Fields(Of(ConnectionForm.Initiatief)));
        Assert.Equal(["route"], Fields(Of(ConnectionForm.Initiatief, "vm2", "Groenstart")));
    }

    [Fact]
    public void Aansluitend_programma_names_the_vmbo_programme()
    {
        Assert.Empty(Fields(Of(ConnectionForm.AansluitendProgramma, subject: "paardenklas")));
        Assert.Equal(["subject"], Fields(Of(ConnectionForm.AansluitendProgramma, subject: new string('x', Connection.MaxSubjectLength + 1))));
    }

    [Fact]
    public void Avo_leerlijn_names_nederlands_rekenen_or_burgerschap()
    {
        Assert.Empty(Fields(Of(ConnectionForm.AvoLeerlijn, subject: "rekenen")));
        Assert.Empty(Fields(Of(ConnectionForm.AvoLeerlijn, subject: "burgerschap")));
        Assert.Equal(["subject"], Fields(Of(ConnectionForm.AvoLeerlijn, subject: "Engels")));
        Assert.Equal(["subject"], Fields(Of(ConnectionForm.AvoLeerlijn)));
    }

    [Theory]
    [InlineData(ConnectionForm.DidactischeAansluiting)]
    [InlineData(ConnectionForm.RegelingSamenwerking)]
    [InlineData(ConnectionForm.Zorglijn)]
    [InlineData(ConnectionForm.Administratief)]
    [InlineData(ConnectionForm.OrganisatorischLogistiek)]
    [InlineData(ConnectionForm.WervingVoorlichtingLoopbaan)]
    [InlineData(ConnectionForm.Onderwijsproject)]
    [InlineData(ConnectionForm.Personeelsbeleid)]
    [InlineData(ConnectionForm.Bestuurlijk)]
    public void Forms_without_a_route_or_subject_refuse_one(ConnectionForm form)
    {
        Assert.Empty(Fields(Of(form)));
        Assert.Equal(["route"], Fields(Of(form, route: "vm2")));
        Assert.Equal(["subject"], Fields(Of(form, subject: "iets")));
    }

    [Fact]
    public void Didactische_aansluiting_needs_a_description_and_a_source()
    {
        var c = Of(ConnectionForm.DidactischeAansluiting) with { Description = " ", Source = "" };
        Assert.Equal(["description", "source"], Fields(c));
    }

    [Fact]
    public void Regeling_samenwerking_ends_on_or_after_its_start()
    {
        var c = Of(ConnectionForm.RegelingSamenwerking);
        Assert.Equal(["until"], Fields(c with { Until = new DateOnly(2024, 7, 31) }));
        Assert.Empty(Fields(c with { Until = new DateOnly(2024, 8, 1) }));
    }

    [Fact]
    public void Zorglijn_holds_from_its_start_to_its_last_day()
    {
        var c = Of(ConnectionForm.Zorglijn) with { Until = new DateOnly(2026, 7, 31) };
        Assert.False(c.HoldsOn(new(2024, 7, 31)));
        Assert.True(c.HoldsOn(new(2026, 7, 31)));
        Assert.False(c.HoldsOn(new(2026, 8, 1)));
    }

    [Fact]
    public void Administratief_with_a_location_counts_for_its_institution()
    {
        var c = Of(ConnectionForm.Administratief) with { Mbo = "25AA03" };
        Assert.Empty(Fields(c));
        Assert.Equal("25AA", c.MboInstitution);
    }

    [Fact]
    public void Organisatorisch_logistiek_needs_a_vo_vestiging_brin6()
    {
        Assert.Equal(["vo_vestiging"], Fields(Of(ConnectionForm.OrganisatorischLogistiek) with { VoVestiging = "01AB" }));
    }

    [Fact]
    public void Werving_voorlichting_loopbaan_needs_an_mbo_brin4_or_brin6()
    {
        Assert.Equal(["mbo"], Fields(Of(ConnectionForm.WervingVoorlichtingLoopbaan) with { Mbo = "25A" }));
    }

    [Fact]
    public void Onderwijsproject_dates_lie_in_the_contract_range()
    {
        Assert.Equal(["from"], Fields(Of(ConnectionForm.Onderwijsproject) with { From = new DateOnly(1990, 1, 1) }));
    }

    [Fact]
    public void Personeelsbeleid_description_is_at_most_the_maximum_length()
    {
        Assert.Equal(["description"], Fields(Of(ConnectionForm.Personeelsbeleid) with { Description = new string('x', Connection.MaxTextLength + 1) }));
    }

    [Fact]
    public void Bestuurlijk_is_derived_where_a_vo_vestiging_lies_under_an_mbo_institutions_brin4()
    {
        var derived = BoardConnections.Derive(
            [("25GV01", "25GV"), ("01AB00", "01AB")],
            new Dictionary<string, (string, bool)> { ["25GV"] = ("Aeres MBO", true), ["25AA"] = ("ROC", false) }
        );
        var one = Assert.Single(derived);
        Assert.Equal(("25GV01", "25GV", ConnectionForm.Bestuurlijk), (one.VoVestiging, one.Mbo, one.Form));
        Assert.Empty(one.Check());
        Assert.Contains("aoc", one.Description, StringComparison.Ordinal);
        Assert.Equal(BoardConnections.Source, one.Source);
    }

    [Fact]
    public void Bestuurlijk_entered_by_hand_is_refused_when_the_data_derives_or_contradicts_it()
    {
        var entered = Of(ConnectionForm.Bestuurlijk) with { VoVestiging = "25GV01", Mbo = "25GV" };
        Assert.Contains("al in het register", BoardConnections.Refusal(entered, "25GV", mboKnown: true), StringComparison.Ordinal);
        Assert.Contains("niet onder 25GV", BoardConnections.Refusal(entered, "01AB", mboKnown: true), StringComparison.Ordinal);
        Assert.Null(BoardConnections.Refusal(entered, null, mboKnown: true));
        Assert.Null(BoardConnections.Refusal(entered with { Form = ConnectionForm.Zorglijn }, "01AB", mboKnown: true));
    }
}
