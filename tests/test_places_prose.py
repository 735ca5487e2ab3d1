"""Prose in six languages that names no place finds no country (the place lexicon's narrowed stems)."""

from __future__ import annotations

import pytest

from fundmatch.lang.countries import find_countries

# Ordinary project-description prose that names no place: no stem may start one of its words.
PROSE_EN = """\
We build solid-state batteries and need a grant to scale our pilot line.
Our hospital network wants to test a triage tool with real patients.
The farm cooperative grows cereals, keeps a turkey flock and sells eggs locally.
We write software that schedules maintenance for wind turbines.
Our partners include a university, a research institute and two small companies.
The total budget is 2.5 million euro over three years, with 40 staff months.
We want to enter new markets for drinking water treatment in rural areas.
Our port logistics platform cuts idle time for trucks at container terminals.
The exhibition hall will host the final demonstration of the prototype.
Eating habits of children change when schools serve fresh vegetables.
The cork stoppers are recycled into insulation panels for buildings.
It is a nice result, but the gentle slope of the learning curve worries us.
A stainless steel tub collects the rainwater before filtration.
Walking and cycling paths reduce car traffic in small towns.
Polishing the germanium wafers takes longer than expected.
The parish council owns the community hall and the football field.
We passed a Turing test with our dialogue assistant in a small pilot.
Turkeys and chickens are raised on the same farm without antibiotics.
The cypress hedge protects the orchard from strong winds.
A radome protects the antenna from rain, ice and birds.
Bergamot oil is extracted from the peel of the fruit.
Aragonite crystals form in the shells of molluscs.
The nitrate levels in groundwater fell after the new fertiliser rules.
We tampered with nothing: the sensor logs are signed and time-stamped.
Islanders depend on ferries, so we electrify the ferry fleet.
Our ciprofloxacin stewardship programme reduced resistance in two wards.
The Roma communities in the region take part in the training scheme.
Our romantic comedy app matches volunteers with elderly neighbours.
The genuine spare parts are printed on demand in our workshop.
The split between the two work packages is sixty to forty.
We tour schools with a mobile lab and a sardine canning demonstration.
The halls of residence will be insulated and fitted with heat pumps.
A grazer in a herd of cattle spends most of the day eating grass.
The Lombard loan from our bank is secured by listed bonds.
Plant-based hamburger patties are our first product.
The bakery next door supplies the canteen with bread and pastries.
A germane question is whether the margins cover the running costs.
We use a ladder to reach the attic and a small crane for the roof panels.
The narwhal tusk is a sensory organ, and we study it with acoustic tags.
Our dual-use technology is excluded from the defence call.
The graphene membranes filter salt from seawater at low pressure.
The team has two data scientists, a nurse and a mechanical engineer.
We seek equity from a venture fund after the grant phase.
The pilot plant turns food waste into biogas and fertiliser.
We train a small language model on maintenance manuals.
The consortium brings together nine partners from five countries.
Our start-up has 12 employees and reached TRL 6 last year.
The hospital pharmacy uses robots to prepare chemotherapy doses.
Our greenhouse grows tomatoes with recycled nutrient solution.
The grid operator needs flexibility from batteries and heat pumps.
"""

PROSE_DE = """\
Wir entwickeln Batteriespeicher für Gewerbekunden und suchen eine Förderung.
Unser Krankenhaus testet eine Software für die Notaufnahme.
Der Bauernhof hält Hühner und verkauft Eier direkt ab Hof.
Wir essen in der Kantine, und das Essen kommt aus der eigenen Küche.
Die neue Halle wird mit einer Photovoltaikanlage ausgestattet.
Im Sommer baden die Kinder im See, deshalb messen wir die Wasserqualität.
Der Austritt aus dem Konsortium muss schriftlich erklärt werden.
Wir müssen die Werkzeuge zurichten, bevor die Serie startet.
Die Anlage birgt Risiken, die wir bergen und versichern.
Wir wollen siegen, aber zuerst brauchen wir eine solide Finanzierung.
Der Metzger im Dorf verarbeitet Fleisch aus artgerechter Haltung.
Ein Reimschema hilft Kindern beim Lernen von Gedichten.
Die Burgunder-Reben wachsen an sonnigen Hängen.
Der Wanderweg führt durch den Wald zu einer Hütte.
Wir bieten Schulungen für Pflegekräfte und Ärzte an.
Das Budget umfasst Personal, Reisen, Geräte und Unteraufträge.
Unsere Partner sind eine Universität und zwei Forschungsinstitute.
Die Pilotanlage erzeugt grünen Wasserstoff aus Windstrom.
Wir recyceln Kunststoffe aus Verpackungen zu neuem Granulat.
Die Wärmepumpe ersetzt den alten Ölkessel im Schulgebäude.
Wir suchen Wagniskapital für die Markteinführung.
Die Maschine wird mit einem neuen Steuerungssystem nachgerüstet.
Die Mitarbeiter arbeiten im Schichtbetrieb an drei Linien.
Unsere Plattform verbindet Landwirte mit regionalen Händlern.
Der Hafen braucht Landstrom für die Schiffe am Kai.
Wir messen den Feinstaub an Kreuzungen mit vielen Lkw.
Eine Liege für die Physiotherapie ist Teil der Ausstattung.
Ich liege mit meiner Schätzung wohl etwas zu niedrig.
Das Projekt dauert drei Jahre und hat neun Arbeitspakete.
Die Ergebnisse werden in offenen Zeitschriften veröffentlicht.
Wir haben 45 Mitarbeiter und einen Umsatz von 8 Millionen Euro.
Der Prototyp erreicht TRL 5 im Labor.
Die Kläranlage gewinnt Phosphor aus dem Schlamm zurück.
Wir bauen Holzhäuser mit vorgefertigten Elementen.
Der Umbau der Halle beginnt im Frühjahr.
Die Pflegeheime nutzen Sensoren zur Sturzerkennung.
Wir wollen die Lieferkette für seltene Erden absichern.
Ein Zuschuss und ein Darlehen sollen die Investition decken.
Das Startup entwickelt Algorithmen für die Bilderkennung.
Die Bienen sammeln Pollen auf den Blühstreifen.
Die Mühle mahlt Getreide aus ökologischem Anbau.
Wir planen eine Demonstration auf einem Testfeld.
Die Kühlkette für Impfstoffe wird lückenlos überwacht.
Unser Team besteht aus Ingenieuren und Betriebswirten.
Der Stahl wird mit Wasserstoff statt Kohle reduziert.
Die Gemeinde stellt Flächen für Solaranlagen bereit.
Wir bieten unseren Kunden eine Wartung per Fernzugriff.
Das Wasser wird in einem Becken gesammelt und gefiltert.
Die Nachfrage nach Ersatzteilen steigt jedes Jahr.
Wir setzen auf offene Standards und freie Software.
"""

PROSE_FR = """\
Nous développons des batteries pour le stockage stationnaire.
Notre hôpital veut tester un outil de tri aux urgences.
La ferme élève des poules et vend des œufs au marché.
Le marché de l'eau potable est en forte croissance.
La marche à pied et le vélo réduisent le trafic en ville.
Il faut que le partenaire vienne signer la convention avant juin.
Seul un partenaire industriel peut porter la démonstration.
Le seul risque est le retard de livraison des pièces.
Nous faisons des tours de plaine avec les agriculteurs chaque mois.
Les réunions du consortium ont lieu tous les trois mois.
La réunion de lancement se tiendra dans nos locaux.
Le budget total est de trois millions d'euros sur quatre ans.
Nous cherchons des partenaires pour un projet de démonstration.
Les rennes sont des animaux que nous ne suivons pas dans ce projet.
Nous voulons trier les déchets plastiques avec la vision artificielle.
La berline électrique sert de véhicule de test.
Nos collègues aiment bavarder à la pause café.
Une bonne équipe de recherche et deux PME composent le consortium.
Le béton bas carbone remplace le ciment classique.
Nous proposons une formation aux infirmières et aux médecins.
La serre chauffée par géothermie produit des tomates.
La chaîne du froid des vaccins est surveillée en continu.
Nos logiciels planifient la maintenance des éoliennes.
Le port veut électrifier les quais pour les navires.
Une halle de stockage accueillera les prototypes.
La démarche qualité couvre toute la production.
Nous vendons du fromage de chèvre en circuit court.
Le liège des bouchons est recyclé en isolant.
Le granit local est utilisé pour les façades.
Nous avons douze salariés et un chiffre d'affaires de deux millions.
La start-up vise un financement en fonds propres après la subvention.
Le prototype a atteint le niveau de maturité TRL 6.
Les marches de l'escalier sont équipées de capteurs.
Un narval est un cétacé que nous étudions avec des hydrophones.
Nos ingénieurs conçoivent des piles à combustible.
Le réseau électrique a besoin de flexibilité.
Nous recyclons les textiles usagés en nouvelles fibres.
Les abeilles pollinisent les vergers de pommiers.
Les agriculteurs utilisent moins d'engrais azotés.
Nous cherchons un prêt pour financer la ligne pilote.
La plateforme relie les producteurs et les cantines scolaires.
Un corset orthopédique imprimé en 3D est notre premier produit.
Les brebis pâturent sous les panneaux solaires.
La vanne est pilotée à distance par un automate.
Le sérum est conservé au frais dans une armoire dédiée.
Nous testons un nouveau vaccin contre la grippe aviaire.
Notre équipe compte des chimistes et des informaticiens.
Le chantier commence au printemps prochain.
Nous publions les résultats en accès ouvert.
Les coûts de personnel représentent la moitié du budget.
"""

PROSE_IT = """\
Sviluppiamo batterie al litio per l'accumulo domestico.
Il nostro ospedale vuole sperimentare un software di triage.
L'azienda agricola alleva galline e vende uova al mercato.
La vasca di raccolta dell'acqua piovana è in acciaio inox.
Le vasche di decantazione vanno pulite ogni mese.
Una riga di codice può bloccare l'intero sistema.
Grazie al finanziamento potremo assumere due ingegneri.
L'impresa usa l'intelligenza artificiale per il controllo qualità.
La malta cementizia viene sostituita da un legante a basse emissioni.
Le marche più note del settore usano imballaggi riciclabili.
Le corse degli autobus elettrici aumentano del venti per cento.
Il corso di formazione è rivolto agli infermieri.
Il calabrone asiatico minaccia gli alveari.
Il tartufo bianco viene coltivato in boschi certificati.
La tarantola è un ragno che non studiamo in questo progetto.
I trentotto partner del cluster condividono un laboratorio.
La berlina elettrica è il veicolo dimostrativo del progetto.
Il ciprofloxacina è un antibiotico usato con cautela in ospedale.
Il bilancio complessivo è di due milioni di euro in tre anni.
Cerchiamo partner per un progetto di dimostrazione.
La colonia batterica cresce su un substrato di agar.
Il serbatoio dell'idrogeno è in materiale composito.
Serbiamo un ottimo ricordo della prima fase del progetto.
Il porto vuole elettrificare le banchine per le navi.
Il capannone ospiterà la linea pilota.
La sardina è un pesce azzurro molto comune.
Il nostro team conta dodici persone e due dottorandi.
Il prototipo ha raggiunto il livello TRL 5 in laboratorio.
Vogliamo ridurre gli sprechi alimentari nelle mense scolastiche.
La rete elettrica ha bisogno di flessibilità dalle batterie.
L'ateneo partecipa con due dipartimenti di ingegneria.
Il catalizzatore riduce le emissioni di ossidi di azoto.
Il catalogo dei prodotti è disponibile online.
Le api raccolgono il polline sui prati fioriti.
Il mulino macina cereali biologici.
La cantina produce vino con energia solare.
Il calcestruzzo riciclato viene usato nei nuovi edifici.
Il comune mette a disposizione i tetti delle scuole.
Vogliamo un prestito per l'acquisto dei macchinari.
L'impianto produce biogas dagli scarti agricoli.
Il software prevede i guasti delle turbine eoliche.
Un marchio di qualità premia i produttori virtuosi.
Il narvalo è un cetaceo che vive nei mari freddi.
Le pesche e le albicocche vengono essiccate con il sole.
Il bergamotto è un agrume usato in profumeria.
L'azienda è una PMI con quaranta dipendenti.
La struttura sanitaria usa sensori per prevenire le cadute.
Il consorzio riunisce nove partner di cinque paesi.
La formazione riguarda la manutenzione degli impianti.
Il camion elettrico consegna le merci in città.
"""

PROSE_ES = """\
Desarrollamos baterías para el almacenamiento de energía.
Nuestro hospital quiere probar una herramienta de triaje.
La granja cría gallinas y vende huevos en el mercado local.
La granada es una fruta rica en antioxidantes.
Una mancha de aceite en el suelo indica una fuga.
Haga clic en el enlace para descargar el informe.
Es posible que la empresa haga una ampliación de capital.
El polen de las flores alimenta a las abejas.
Los murciélagos controlan las plagas en los viñedos.
Las cinasas son enzimas clave en la investigación del cáncer.
El castillo medieval se convierte en un centro de visitantes.
El presupuesto total es de dos millones de euros en tres años.
Buscamos socios en otros países para un proyecto de demostración.
La cooperativa agrícola produce aceite de oliva ecológico.
Las bragas y los calcetines se fabrican con algodón reciclado.
El básquet es el deporte favorito de nuestros empleados.
Las paces entre los socios se firmaron en la reunión.
Nuestro equipo tiene doce personas y dos doctorandos.
El prototipo alcanzó el nivel TRL 6 en el laboratorio.
El puerto quiere electrificar los muelles para los barcos.
La nave industrial albergará la línea piloto.
Buscamos un préstamo para comprar maquinaria.
La red eléctrica necesita flexibilidad de las baterías.
El software predice fallos en los aerogeneradores.
Las palmas de la mano se protegen con guantes.
El gozo de los pacientes al volver a casa es nuestra motivación.
La paca de paja se usa como aislante en la construcción.
El corcho de los tapones se recicla como aislante.
La planta piloto convierte residuos en biogás.
Reducimos el desperdicio de alimentos en los comedores escolares.
Los agricultores usan menos fertilizantes nitrogenados.
La plataforma conecta a productores y cantinas escolares.
El hormigón reciclado se usa en los nuevos edificios.
La bodega produce vino con energía solar.
El narval es un cetáceo que vive en aguas frías.
Nuestros ingenieros diseñan pilas de combustible.
Los costes de personal representan la mitad del presupuesto.
El ayuntamiento cede los tejados de las escuelas.
La vacuna se conserva en una nevera dedicada.
Publicamos los resultados en acceso abierto.
El consorcio reúne a nueve socios de cinco países.
El camión eléctrico reparte mercancías en la ciudad.
La formación se dirige a enfermeras y médicos.
Los sensores detectan caídas en las residencias de mayores.
El reactor produce hidrógeno verde con energía eólica.
Es un placer colaborar con una empresa tan seria.
Queremos escalar la producción de envases compostables.
La depuradora recupera fósforo de los lodos.
Las abejas polinizan los almendros en primavera.
Los datos se guardan en servidores propios.
"""

PROSE_PL = """\
Rozwijamy magazyny energii dla firm i szukamy dotacji.
Nasz szpital chce przetestować system do segregacji pacientów.
Gospodarstwo hoduje kury i sprzedaje jajka na targu.
Łodzie rybackie zostaną wyposażone w silniki elektryczne.
Produkujemy łodzie z włókna węglowego.
Zakup łodzi elektrycznych jest częścią budżetu.
Celem jest lepsze poznanie potrzeb pacjentów.
Warsztaty służą do poznania nowych technologii.
Po poznaniu wyników podejmiemy decyzję o wdrożeniu.
Będziemy pisać raporty co kwartał, a pisarz techniczny je zredaguje.
Kampania informacyjna dotrze do rolników.
Gotowe dania trafiają do szkolnych stołówek.
W słowach kluczowych opisujemy zakres projektu.
Koszyczek z owocami to nasz produkt sezonowy.
Koper i pietruszka rosną w szklarni.
Zagrzebany kabel zasila pompy ciepła.
Usługa jest dla mieszkańców zadarmo przez pierwszy rok.
Pradziad założył warsztat, który dziś zatrudnia dwadzieścia osób.
Trzymiesięczny pilotaż obejmie dwie gminy.
Kielich kwiatu przyciąga owady zapylające.
Budżet projektu wynosi dwa miliony euro na trzy lata.
Szukamy partnerów do konsorcjum w ramach programu.
Nasz zespół liczy dwunastu pracowników.
Prototyp osiągnął poziom gotowości technologicznej 6.
Port chce zasilać statki energią z lądu.
Hala magazynowa zostanie ocieplona.
Szukamy pożyczki na zakup maszyn.
Sieć elektroenergetyczna potrzebuje elastyczności.
Oprogramowanie przewiduje awarie turbin wiatrowych.
Rolnicy stosują mniej nawozów azotowych.
Platforma łączy producentów ze stołówkami szkolnymi.
Beton z recyklingu trafia do nowych budynków.
Winnica produkuje wino z energią ze słońca.
Nasi inżynierowie projektują ogniwa paliwowe.
Koszty osobowe to połowa budżetu.
Gmina udostępnia dachy szkół pod panele.
Szczepionka jest przechowywana w lodówce.
Wyniki publikujemy w otwartym dostępie.
Konsorcjum skupia dziewięciu partnerów z pięciu krajów.
Elektryczna ciężarówka rozwozi towary w mieście.
Szkolenie jest skierowane do pielęgniarek i lekarzy.
Czujniki wykrywają upadki w domach opieki.
Elektrolizer produkuje zielony wodór z energii wiatru.
Oczyszczalnia odzyskuje fosfor z osadów.
Pszczoły zapylają sady jabłoni wiosną.
Dane są przechowywane na własnych serwerach.
Turkusowy kolor obudowy wyróżnia nasz produkt.
Wieniec dożynkowy to tradycja, którą pokazujemy turystom.
Zboże jest mielone w młynie ekologicznym.
Firma ma czterdziestu pracowników i rośnie co roku.
"""


@pytest.mark.parametrize(
    ("language", "prose"),
    [
        ("en", PROSE_EN),
        ("de", PROSE_DE),
        ("fr", PROSE_FR),
        ("it", PROSE_IT),
        ("es", PROSE_ES),
        ("pl", PROSE_PL),
    ],
)
def test_prose_naming_no_place_finds_no_country(language: str, prose: str) -> None:
    lines = prose.splitlines()
    assert len(lines) >= 45
    found = {line: find_countries(line) for line in lines}
    assert {line: hits for line, hits in found.items() if hits} == {}, language
