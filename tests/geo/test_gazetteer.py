import pytest

from bordermap.geo.boundaries import load_admin1


@pytest.mark.parametrize(
    "names",
    [
        ("Si Sa Ket", "Sisaket", "Srisaket", "SISAKET"),
        ("Buri Ram", "Buriram"),
        ("Sa Kaeo", "Sa Kaew"),
        ("Ta Muen Thom", "Ta Moan Thom", "Prasat Ta Moan Thom"),
        ("Banteay Meanchey", "Bântéay Méanchey"),
        ("Oddar Meanchey", "Otdar Mean Chey"),
    ],
    ids=lambda n: n[0],
)
def test_spelling_variants_are_one_place(gazetteer, names):
    codes = {tuple(sorted({p.admin1_iso for p in gazetteer.lookup(n)})) for n in names}
    assert len(codes) == 1 and codes != {()}


def test_entries_carry_province_district_and_country(gazetteer):
    (temple,) = [p for p in gazetteer.lookup("Ta Muen Thom") if p.kind == "temple"]
    assert (temple.admin1_iso, temple.admin2_name, temple.country_iso3) == (
        "TH-32",
        "Phanom Dong Rak",
        "THA",
    )
    districts = [p for p in gazetteer.lookup("Choam Ksant") if p.kind == "admin2"]
    assert {p.admin1_iso for p in districts} == {"KH-13"}


def test_names_match_on_word_boundaries_only(gazetteer):
    assert gazetteer.find("Surinamese troops in Trattoria") == []
    assert [
        m.text for m in gazetteer.find("Troops in Surin's Kap Choeng district")
    ] == ["Surin", "Kap Choeng"]


def test_lowercase_words_are_not_names(gazetteer):
    assert gazetteer.find("the trat of the surin") == []


def test_countries_and_demonyms(gazetteer):
    found = list(
        gazetteer.find_countries("Thai jets struck targets inside Cambodia and Zambia")
    )
    assert [(iso, dem) for _, _, iso, dem in found] == [
        ("THA", True),
        ("KHM", False),
        ("ZMB", False),
    ]


def test_border_provinces_come_from_geometry():
    adm1 = load_admin1()
    border = set(adm1.loc[adm1["border"], "adm1_iso"])
    # the 14 provinces PROVENANCE.md verified against the other country's boundary
    assert border == {
        "TH-34",
        "TH-33",
        "TH-32",
        "TH-31",
        "TH-27",
        "TH-22",
        "TH-23",
        "KH-13",
        "KH-22",
        "KH-1",
        "KH-2",
        "KH-24",
        "KH-15",
        "KH-9",
    }
    assert len(adm1) == 102
