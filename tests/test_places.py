"""Regions and cities: a project description names its region or city, and the profile reads its country."""

from __future__ import annotations

import pytest

from fundmatch.lang.countries import find_countries
from fundmatch.retrieval.profile import extract_profile

# The wordings that found no country before the place lexicon (fundmatch/lang/places.tsv).
REGIONAL_WORDINGS = [
    ("PME bretonne", "FR"),
    ("cooperativa andaluza", "ES"),
    ("toskanisches Unternehmen", "IT"),
    ("empresa gallega", "ES"),
    ("PME alsacienne", "FR"),
    ("KMU aus Baden", "DE"),
    ("start-up toulousaine", "FR"),
    ("empresa vasca", "ES"),
    ("spółka z Wrocławia", "PL"),
    ("PMI veneta", "IT"),
    ("PMI emiliana", "IT"),
    ("società siciliana", "IT"),
    ("firma bawarska", "DE"),
    ("Unternehmen aus Danzig", "PL"),
    ("PME marseillaise", "FR"),
    ("PME nantaise", "FR"),
    ("PME bordelaise", "FR"),
    ("PME lilloise", "FR"),
    ("impresa napoletana", "IT"),
    ("azienda torinese", "IT"),
    ("Wiener KMU", "AT"),
    ("KMU aus Tirol", "AT"),
    ("PME wallonne", "BE"),
    ("PME lyonnaise", "FR"),
    ("firma z Poznania", "PL"),
    ("firma z Gdańska", "PL"),
    ("firma z Łodzi", "PL"),
    ("empresa sevillana", "ES"),
    ("empresa catalana", "ES"),
    ("PME grenobloise", "FR"),
    ("Unternehmen aus Stuttgart", "DE"),
    ("KMU aus Köln", "DE"),
    ("Münchner Start-up", "DE"),
    ("PMI bolognese", "IT"),
    ("azienda sarda", "IT"),
    ("empresa madrileña", "ES"),
    ("azienda fiorentina", "IT"),
    ("empresa asturiana", "ES"),
    ("Dresdner KMU", "DE"),
    ("sächsisches KMU", "DE"),
    ("bayerisches Start-up", "DE"),
    ("PMI pugliese", "IT"),
    ("empresa murciana", "ES"),
    ("empresa aragonesa", "ES"),
    ("PME occitane", "FR"),
    ("PME normande", "FR"),
]

ENGLISH = [
    ("an SME based in Bavaria", "DE"),
    ("a start-up from Lower Saxony", "DE"),
    ("our lab in Tuscany", "IT"),
    ("a Catalan cooperative", "ES"),
    ("a company in Brittany", "FR"),
    ("a Flemish SME", "BE"),
    ("headquartered in Gdansk", "PL"),
    ("a Viennese start-up", "AT"),
    ("a small firm based in Turin", "IT"),
    ("a spin-off in Cracow", "PL"),
    ("a university in Northern Ireland", "GB"),
    ("a firm in Andalusia", "ES"),
    ("a cluster in North Rhine-Westphalia", "DE"),
    ("a hospital in Copenhagen", "DK"),
    ("a start-up from Kyiv", "UA"),
    ("a winery in South Tyrol", "IT"),
    ("a Basque manufacturer", "ES"),
    ("a Sicilian cooperative", "IT"),
]
GERMAN = [
    ("Wir sitzen in Niedersachsen", "DE"),
    ("ein Start-up aus Hamburg", "DE"),
    ("ein Betrieb in Südtirol", "IT"),
    ("eine Firma aus der Steiermark", "AT"),
    ("ein KMU in Oberösterreich", "AT"),
    ("ein Unternehmen aus Krakau", "PL"),
    ("ein Zulieferer aus Nordrhein-Westfalen", "DE"),
    ("ein Hersteller aus Katalonien", "ES"),
    ("ein Start-up aus Zürich", "CH"),
    ("eine Firma aus dem Elsass", "FR"),
    ("ein Labor in Mailand", "IT"),
    ("ein Mittelständler aus Baden-Württemberg", "DE"),
    ("eine Firma in Breslau", "PL"),
    ("ein KMU aus Kärnten", "AT"),
    ("eine Genossenschaft aus Flandern", "BE"),
    ("ein Thüringer Maschinenbauer", "DE"),
]
FRENCH = [
    ("une PME francilienne", "FR"),
    ("une start-up strasbourgeoise", "FR"),
    ("une entreprise basée à Lyon", "FR"),
    ("une PME de Nouvelle-Aquitaine", "FR"),
    ("une PME installée en Bavière", "DE"),
    ("une start-up de Barcelone", "ES"),
    ("une PME du Tyrol du Sud", "IT"),
    ("une entreprise de Cracovie", "PL"),
    ("une PME liégeoise", "BE"),
    ("une entreprise située à Nice", "FR"),
    ("une PME en Corse", "FR"),
    ("une entreprise de Grande-Bretagne", "GB"),
    ("une PME de Rhénanie-du-Nord-Westphalie", "DE"),
    ("une start-up genevoise", "CH"),
    ("une entreprise de l'île de la Réunion", "FR"),
    ("une PME de Liège", "BE"),
]
ITALIAN = [
    ("un'azienda lombarda", "IT"),
    ("una PMI del Veneto", "IT"),
    ("una startup milanese", "IT"),
    ("un'impresa di Roma", "IT"),
    ("una cooperativa trentina", "IT"),
    ("un'azienda altoatesina", "IT"),
    ("una PMI con sede a Monaco di Baviera", "DE"),
    ("una startup di Barcellona", "ES"),
    ("un'azienda della Baviera", "DE"),
    ("una PMI genovese", "IT"),
    ("un'impresa calabrese", "IT"),
    ("una startup di Varsavia", "PL"),
    ("un'azienda friulana", "IT"),
    ("una PMI marchigiana", "IT"),
    ("un'azienda con sede a Vienna", "AT"),
    ("una PMI della Renania Settentrionale-Vestfalia", "DE"),
]
SPANISH = [
    ("una pyme vasca", "ES"),
    ("una empresa de Bilbao", "ES"),
    ("una startup valenciana", "ES"),
    ("una cooperativa extremeña", "ES"),
    ("una empresa canaria", "ES"),
    ("una pyme navarra", "ES"),
    ("una empresa de Castilla y León", "ES"),
    ("una empresa gallega de Vigo", "ES"),
    ("una startup de Múnich", "DE"),
    ("una empresa de Baviera", "DE"),
    ("una pyme de Toscana", "IT"),
    ("una empresa de Cracovia", "PL"),
    ("una pyme con sede en Lisboa", "PT"),
    ("una empresa de Bruselas", "BE"),
    ("una cooperativa de Zaragoza", "ES"),
    ("una empresa de Roma", "IT"),
]
POLISH = [
    ("firma z Krakowa", "PL"),
    ("spółka z Warszawy", "PL"),
    ("firma w Krakowie", "PL"),
    ("przedsiębiorstwo z województwa mazowieckiego", "PL"),
    ("firma ze Śląska", "PL"),
    ("startup z Katowic", "PL"),
    ("spółka z Lublina", "PL"),
    ("firma z Pomorza", "PL"),
    ("firma z Białegostoku", "PL"),
    ("MŚP z Wielkopolski", "PL"),
    ("firma w Małopolsce", "PL"),
    ("firma z Rzeszowa", "PL"),
    ("firma z Torunia", "PL"),
    ("firma w Łodzi", "PL"),
    ("spółka z Bawarii", "DE"),
    ("firma z Monachium", "DE"),
    ("startup z Wiednia", "AT"),
    ("firma z Mediolanu", "IT"),
    ("firma z Barcelony", "ES"),
    ("firma z Emilii-Romanii", "IT"),
]


@pytest.mark.parametrize(("text", "code"), REGIONAL_WORDINGS)
def test_regional_wording_finds_the_country(text: str, code: str) -> None:
    assert [found for _, found in find_countries(text)] == [code]


@pytest.mark.parametrize(("text", "code"), ENGLISH + GERMAN + FRENCH + ITALIAN + SPANISH + POLISH)
def test_region_or_city_in_six_languages(text: str, code: str) -> None:
    found = find_countries(text)
    assert found, text
    assert found[0][1] == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Wir sind ein KMU aus Sachsen und suchen Partner in Frankreich", "DE"),
        ("We are an SME in Tuscany looking for partners in Germany and Spain", "IT"),
        ("Nous sommes une PME bretonne et cherchons des partenaires en Italie", "FR"),
        ("Siamo una PMI veneta e cerchiamo partner in Austria e Slovenia", "IT"),
        ("Somos una pyme andaluza y buscamos socios en Portugal y Francia", "ES"),
        ("Jesteśmy firmą z Wrocławia i szukamy partnerów w Niemczech", "PL"),
        ("Wir sind ein Start-up aus Wien und suchen Partner in München und Mailand", "AT"),
    ],
)
def test_partner_country_after_the_region_does_not_override_it(text: str, code: str) -> None:
    assert find_countries(text)[0][1] == code
    assert extract_profile(text).country == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("une PME de Grande-Bretagne", "GB"),  # not Bretagne
        ("a start-up in Northern Ireland", "GB"),  # not Ireland
        ("une PME du Tyrol du Sud", "IT"),  # not Tyrol
        ("firma z Emilii-Romanii", "IT"),  # not Romania
        ("una empresa de Gran Bretaña", "GB"),
    ],
)
def test_the_more_specific_name_wins(text: str, code: str) -> None:
    assert [found for _, found in find_countries(text)] == [code]


@pytest.mark.parametrize(
    "text",
    [
        "łodzie rybackie i zakup łodzi",  # boats, not the city Łódź
        "do poznania nowych partnerów",  # getting to know, not Poznań
        "la vasca di raccolta",  # a tub, not the Basque Country
        "l'azienda usa sensori",  # uses, not the USA
        "el polen de las flores",  # pollen, not Polen
        "la malta cementizia",  # mortar, not Malta
        "the parish hall",  # not Paris
        "le liège des bouchons",  # cork, not Liège
        "qu'il vienne signer",  # not Vienne
        "a venetoclax regimen",  # a drug, not Veneto
        "polishing germanium wafers",  # not Polish, not German
        "a Turing test",  # not Turin
        "W słowach kluczowych",  # in words, not Słowacja
        "der Austritt aus dem Verein",  # exit, not Austria
    ],
)
def test_ordinary_words_that_look_like_places(text: str) -> None:
    assert find_countries(text) == []
