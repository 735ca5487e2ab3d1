"""Eligibility reasons phrased in en, de, fr, it, es and pl from their keys and values.

The rules in fundmatch/retrieval/eligibility.py give each reason a key and the values it needs (country codes,
partner counts, TRL range, CAPEX bounds, source file); this module turns them into sentences. The
English sentences are also the ``Eligibility.reasons`` that the CLI and the exports show.

Values are formatted by name: ``*_million_eur`` as a number of millions, other ``*_eur`` as a whole
amount with thousands separators, and ``scheme``, ``size``, ``kind`` and ``form`` as localised terms.
"""

from __future__ import annotations

from functools import lru_cache

from fundmatch.core.models import Eligibility, ReasonCode, ReasonValue

_EN_CONSORTIUM = (
    "{scheme} need at least 3 independent legal entities from 3 different EU Member States or "
    "associated countries (at least one in a Member State)"
)
_EN_EIC = (
    "The EIC Accelerator funds a single SME (start-ups included) or, for investment only, a small mid-cap"
)
_EN_INVESTEU = (
    "InvestEU backs loans, guarantees and equity through banks and funds (financial intermediaries)"
)
_EN = {
    "widening_country": "Widening actions are for organisations in Widening countries; {country} is one.",
    "widening_not_country": "Widening actions are for organisations in Widening countries; {country} is not one.",
    "country_unknown": "Your country is not known; say where your organisation is established.",
    "country_in_eea": "{country} is in the EEA, where Innovation Fund projects must be.",
    "country_outside_eea": "Innovation Fund projects must be located in the EEA; {country} is not.",
    "country_in_eu": "{country} is an EU Member State.",
    "country_outside_eu": "{country} is not an EU Member State; check the programme's country rules.",
    "country_horizon": "{country} is an EU Member State or Horizon Europe associated country.",
    "country_outside_horizon": (
        "{country} is neither an EU Member State nor a Horizon Europe associated country; "
        "entities there can join but are usually not funded."
    ),
    "csa_single_entity": "Coordination and support actions accept a single legal entity.",
    "consortium_too_few": _EN_CONSORTIUM + "; you apply alone or with too few partners.",
    "consortium_too_few_countries": _EN_CONSORTIUM + "; your consortium covers {countries} countries.",
    "consortium_met": _EN_CONSORTIUM + ": your {partners} partners from {countries} countries meet it.",
    "consortium_unknown": _EN_CONSORTIUM + "; say how many partners from how many countries you have.",
    "eic_consortium": _EN_EIC + "; consortia cannot apply.",
    "eic_excluded_kind": _EN_EIC + "; your kind of organisation ({kind}) cannot apply.",
    "eic_excluded_staff": _EN_EIC + "; a company of 500 or more staff cannot apply.",
    "eic_midcap": _EN_EIC + ": a small mid-cap (up to 499 staff) gets the investment component only.",
    "eic_single": _EN_EIC + ": you apply as a single {kind}.",
    "eic_kind_unknown": _EN_EIC + "; say what kind of organisation you are.",
    "investeu_no_grants": _EN_INVESTEU + "; it gives no grants, so it is not the route for a grant.",
    "investeu_route": (
        _EN_INVESTEU + ": ask a bank or fund that is an InvestEU implementing partner or intermediary "
        "for {form} financing; you do not apply to the EU directly."
    ),
    "investeu_form_unknown": _EN_INVESTEU + "; say whether you need a loan, a guarantee or equity.",
    "if_capex_unknown": (
        "Innovation Fund topics are sized by capital cost (CAPEX); give your project's CAPEX."
    ),
    "if_below_minimum": (
        "Innovation Fund projects need a capital cost above EUR {min_million_eur} million "
        "(source: {source}); your stated amount is EUR {amount_eur}."
    ),
    "if_above_minimum": (
        "Your project size (EUR {amount_eur}) is above the EUR {min_million_eur} million minimum."
    ),
    "if_class_fits": (
        "{size} have a CAPEX above EUR {low_million_eur} million up to EUR {high_million_eur} million "
        "(source: {source})."
    ),
    "if_class_fits_uncapped": "{size} have a CAPEX above EUR {low_million_eur} million (source: {source}).",
    "if_class_misfit": (
        "{size} have a CAPEX above EUR {low_million_eur} million up to EUR {high_million_eur} million "
        "(source: {source}); yours is EUR {amount_eur}, so another size class fits."
    ),
    "if_class_misfit_uncapped": (
        "{size} have a CAPEX above EUR {low_million_eur} million (source: {source}); "
        "yours is EUR {amount_eur}, so another size class fits."
    ),
    "trl_past_scope": "The topic targets TRL {trl_low}-{trl_high}; at TRL {trl} you may be past its scope.",
    "trl_far_off": "The topic expects results at TRL {trl_low}-{trl_high}; TRL {trl} is a long way off.",
    "trl_within_reach": "The topic expects TRL {trl_low}-{trl_high}, within reach from your TRL {trl}.",
    "no_rule": "No specific rule applies; check the conditions in the topic text.",
}

_DE_CONSORTIUM = (
    "{scheme} erfordern mindestens 3 unabhängige juristische Personen aus 3 verschiedenen "
    "EU-Mitgliedstaaten oder assoziierten Ländern (mindestens eine davon in einem Mitgliedstaat)"
)
_DE_EIC = (
    "Der EIC Accelerator fördert ein einzelnes KMU (einschließlich Start-ups) oder, nur mit der "
    "Investitionskomponente, ein kleines Mid-Cap-Unternehmen"
)
_DE_INVESTEU = (
    "InvestEU unterstützt Darlehen, Garantien und Beteiligungskapital über Banken und Fonds "
    "(Finanzintermediäre)"
)
_DE = {
    "widening_country": "Widening-Maßnahmen richten sich an Organisationen in Widening-Ländern; {country} gehört dazu.",
    "widening_not_country": (
        "Widening-Maßnahmen richten sich an Organisationen in Widening-Ländern; {country} gehört nicht dazu."
    ),
    "country_unknown": "Ihr Land ist nicht bekannt; geben Sie an, wo Ihre Organisation ihren Sitz hat.",
    "country_in_eea": "{country} liegt im EWR, wo Innovation-Fund-Projekte angesiedelt sein müssen.",
    "country_outside_eea": (
        "Innovation-Fund-Projekte müssen im EWR angesiedelt sein; {country} liegt nicht im EWR."
    ),
    "country_in_eu": "{country} ist ein EU-Mitgliedstaat.",
    "country_outside_eu": "{country} ist kein EU-Mitgliedstaat; prüfen Sie die Länderregeln des Programms.",
    "country_horizon": "{country} ist ein EU-Mitgliedstaat oder ein mit Horizont Europa assoziiertes Land.",
    "country_outside_horizon": (
        "{country} ist weder ein EU-Mitgliedstaat noch ein mit Horizont Europa assoziiertes Land; "
        "Einrichtungen von dort können teilnehmen, werden aber in der Regel nicht gefördert."
    ),
    "csa_single_entity": (
        "Koordinierungs- und Unterstützungsmaßnahmen (CSA) stehen auch einer einzelnen juristischen "
        "Person offen."
    ),
    "consortium_too_few": _DE_CONSORTIUM + "; Sie stellen den Antrag allein oder mit zu wenigen Partnern.",
    "consortium_too_few_countries": (
        _DE_CONSORTIUM + "; Ihr Konsortium deckt zu wenige Länder ab ({countries})."
    ),
    "consortium_met": (
        _DE_CONSORTIUM + ": Ihre {partners} Partner aus {countries} Ländern erfüllen diese Bedingung."
    ),
    "consortium_unknown": (
        _DE_CONSORTIUM + "; geben Sie an, wie viele Partner aus wie vielen Ländern Sie haben."
    ),
    "eic_consortium": _DE_EIC + "; Konsortien können keinen Antrag stellen.",
    "eic_excluded_kind": _DE_EIC + "; Ihre Organisationsart ({kind}) ist nicht antragsberechtigt.",
    "eic_excluded_staff": (
        _DE_EIC + "; ein Unternehmen mit 500 oder mehr Beschäftigten ist nicht antragsberechtigt."
    ),
    "eic_midcap": (
        _DE_EIC + ": Ein kleines Mid-Cap-Unternehmen (bis 499 Beschäftigte) erhält nur die "
        "Investitionskomponente."
    ),
    "eic_single": _DE_EIC + ": Sie stellen den Antrag als einzelnes {kind}.",
    "eic_kind_unknown": _DE_EIC + "; geben Sie an, welche Art von Organisation Sie sind.",
    "investeu_no_grants": (
        _DE_INVESTEU + "; es vergibt keine Zuschüsse und ist daher nicht der Weg zu einem Zuschuss."
    ),
    "investeu_route": (
        _DE_INVESTEU + ": Wenden Sie sich für eine Finanzierung in Form {form} an eine Bank oder einen "
        "Fonds, die als InvestEU-Durchführungspartner oder -Intermediär auftreten; Sie stellen "
        "keinen Antrag direkt bei der EU."
    ),
    "investeu_form_unknown": (
        _DE_INVESTEU + "; geben Sie an, ob Sie ein Darlehen, eine Garantie oder Beteiligungskapital "
        "benötigen."
    ),
    "if_capex_unknown": (
        "Innovation-Fund-Themen sind nach Investitionskosten (CAPEX) gestaffelt; nennen Sie die CAPEX "
        "Ihres Projekts."
    ),
    "if_below_minimum": (
        "Innovation-Fund-Projekte brauchen Investitionskosten von über EUR {min_million_eur} Mio. "
        "(Quelle: {source}); Ihr angegebener Betrag ist EUR {amount_eur}."
    ),
    "if_above_minimum": (
        "Ihre Projektgröße (EUR {amount_eur}) liegt über dem Minimum von EUR {min_million_eur} Mio."
    ),
    "if_class_fits": (
        "{size} haben Investitionskosten (CAPEX) von über EUR {low_million_eur} Mio. bis "
        "EUR {high_million_eur} Mio. (Quelle: {source})."
    ),
    "if_class_fits_uncapped": (
        "{size} haben Investitionskosten (CAPEX) von über EUR {low_million_eur} Mio. (Quelle: {source})."
    ),
    "if_class_misfit": (
        "{size} haben Investitionskosten (CAPEX) von über EUR {low_million_eur} Mio. bis "
        "EUR {high_million_eur} Mio. (Quelle: {source}); Ihre Investitionskosten betragen "
        "EUR {amount_eur}, daher passt eine andere Größenklasse."
    ),
    "if_class_misfit_uncapped": (
        "{size} haben Investitionskosten (CAPEX) von über EUR {low_million_eur} Mio. (Quelle: {source}); "
        "Ihre Investitionskosten betragen EUR {amount_eur}, daher passt eine andere Größenklasse."
    ),
    "trl_past_scope": (
        "Das Ausschreibungsthema zielt auf TRL {trl_low}-{trl_high}; mit TRL {trl} sind Sie womöglich "
        "schon darüber hinaus."
    ),
    "trl_far_off": (
        "Das Ausschreibungsthema erwartet Ergebnisse auf TRL {trl_low}-{trl_high}; davon ist TRL {trl} "
        "noch weit entfernt."
    ),
    "trl_within_reach": (
        "Das Ausschreibungsthema erwartet TRL {trl_low}-{trl_high}, erreichbar von Ihrem TRL {trl} aus."
    ),
    "no_rule": (
        "Keine spezifische Regel greift; prüfen Sie die Bedingungen im Text des Ausschreibungsthemas."
    ),
}

_FR_CONSORTIUM = (
    "{scheme} exigent au moins 3 entités juridiques indépendantes établies dans 3 États membres de "
    "l'UE ou pays associés différents (dont au moins une dans un État membre)"
)
_FR_EIC = (
    "L'EIC Accelerator finance une seule PME (start-up comprises) ou, pour le seul volet "
    "investissement, une petite entreprise de taille intermédiaire"
)
_FR_INVESTEU = (
    "InvestEU soutient des prêts, des garanties et des fonds propres par l'intermédiaire de banques "
    "et de fonds (intermédiaires financiers)"
)
_FR = {
    "widening_country": "Les actions Widening visent les organisations des pays Widening ; {country} en fait partie.",
    "widening_not_country": (
        "Les actions Widening visent les organisations des pays Widening ; {country} n'en fait pas partie."
    ),
    "country_unknown": "Votre pays n'est pas connu ; indiquez où votre organisation est établie.",
    "country_in_eea": (
        "{country} fait partie de l'EEE, où les projets du Fonds pour l'innovation doivent être situés."
    ),
    "country_outside_eea": (
        "Les projets du Fonds pour l'innovation doivent être situés dans l'EEE ; ce n'est pas le cas "
        "de {country}."
    ),
    "country_in_eu": "{country} est un État membre de l'UE.",
    "country_outside_eu": (
        "{country} n'est pas un État membre de l'UE ; vérifiez les règles du programme relatives aux pays."
    ),
    "country_horizon": "{country} est un État membre de l'UE ou un pays associé à Horizon Europe.",
    "country_outside_horizon": (
        "{country} n'est ni un État membre de l'UE ni un pays associé à Horizon Europe ; les entités "
        "qui y sont établies peuvent participer mais ne sont généralement pas financées."
    ),
    "csa_single_entity": (
        "Les actions de coordination et de soutien (CSA) acceptent une seule entité juridique."
    ),
    "consortium_too_few": _FR_CONSORTIUM + " ; vous candidatez seul ou avec trop peu de partenaires.",
    "consortium_too_few_countries": (
        _FR_CONSORTIUM + " ; votre consortium couvre trop peu de pays ({countries})."
    ),
    "consortium_met": (
        _FR_CONSORTIUM + " : vos {partners} partenaires de {countries} pays remplissent cette condition."
    ),
    "consortium_unknown": (
        _FR_CONSORTIUM + " ; indiquez combien de partenaires vous avez et de combien de pays."
    ),
    "eic_consortium": _FR_EIC + " ; les consortiums ne peuvent pas candidater.",
    "eic_excluded_kind": _FR_EIC + " ; votre type d'organisation ({kind}) n'est pas admis.",
    "eic_excluded_staff": _FR_EIC + " ; une entreprise de 500 salariés ou plus ne peut pas candidater.",
    "eic_midcap": (
        _FR_EIC + " : une petite entreprise de taille intermédiaire (jusqu'à 499 salariés) n'obtient "
        "que le volet investissement."
    ),
    "eic_single": _FR_EIC + " : vous candidatez seul, en tant que {kind}.",
    "eic_kind_unknown": _FR_EIC + " ; indiquez quel type d'organisation vous êtes.",
    "investeu_no_grants": (
        _FR_INVESTEU + " ; il n'accorde pas de subventions et ne convient donc pas pour obtenir une "
        "subvention."
    ),
    "investeu_route": (
        _FR_INVESTEU + " : pour un financement sous forme {form}, adressez-vous à une banque ou à un "
        "fonds partenaire chargé de la mise en œuvre ou intermédiaire d'InvestEU ; vous ne déposez pas "
        "de demande directement auprès de l'UE."
    ),
    "investeu_form_unknown": (
        _FR_INVESTEU + " ; indiquez si vous avez besoin d'un prêt, d'une garantie ou de fonds propres."
    ),
    "if_capex_unknown": (
        "Les sujets du Fonds pour l'innovation sont classés selon les dépenses d'investissement (CAPEX) ; "
        "indiquez les CAPEX de votre projet."
    ),
    "if_below_minimum": (
        "Les projets du Fonds pour l'innovation doivent avoir des dépenses d'investissement supérieures "
        "à EUR {min_million_eur} millions (source : {source}) ; le montant indiqué est de EUR {amount_eur}."
    ),
    "if_above_minimum": (
        "La taille de votre projet (EUR {amount_eur}) dépasse le minimum de EUR {min_million_eur} millions."
    ),
    "if_class_fits": (
        "{size} ont des dépenses d'investissement (CAPEX) de plus de EUR {low_million_eur} millions et "
        "jusqu'à EUR {high_million_eur} millions (source : {source})."
    ),
    "if_class_fits_uncapped": (
        "{size} ont des dépenses d'investissement (CAPEX) de plus de EUR {low_million_eur} millions "
        "(source : {source})."
    ),
    "if_class_misfit": (
        "{size} ont des dépenses d'investissement (CAPEX) de plus de EUR {low_million_eur} millions et "
        "jusqu'à EUR {high_million_eur} millions (source : {source}) ; les vôtres s'élèvent à "
        "EUR {amount_eur}, une autre catégorie de taille convient donc."
    ),
    "if_class_misfit_uncapped": (
        "{size} ont des dépenses d'investissement (CAPEX) de plus de EUR {low_million_eur} millions "
        "(source : {source}) ; les vôtres s'élèvent à EUR {amount_eur}, une autre catégorie de taille "
        "convient donc."
    ),
    "trl_past_scope": (
        "Le sujet vise un TRL {trl_low}-{trl_high} ; avec un TRL {trl}, vous avez peut-être déjà "
        "dépassé son périmètre."
    ),
    "trl_far_off": (
        "Le sujet attend des résultats au TRL {trl_low}-{trl_high} ; le TRL {trl} en est encore loin."
    ),
    "trl_within_reach": "Le sujet attend un TRL {trl_low}-{trl_high}, atteignable depuis votre TRL {trl}.",
    "no_rule": "Aucune règle spécifique ne s'applique ; vérifiez les conditions dans le texte du sujet.",
}

_IT_CONSORTIUM = (
    "{scheme} richiedono almeno 3 soggetti giuridici indipendenti di 3 diversi Stati membri dell'UE "
    "o paesi associati (almeno uno in uno Stato membro)"
)
_IT_EIC = (
    "L'EIC Accelerator finanzia una singola PMI (start-up comprese) o, solo per la componente di "
    "investimento, una piccola mid-cap"
)
_IT_INVESTEU = (
    "InvestEU sostiene prestiti, garanzie e capitale di rischio tramite banche e fondi "
    "(intermediari finanziari)"
)
_IT = {
    "widening_country": "Le azioni Widening sono per organizzazioni dei paesi Widening; {country} è tra questi.",
    "widening_not_country": (
        "Le azioni Widening sono per organizzazioni dei paesi Widening; {country} non è tra questi."
    ),
    "country_unknown": "Il vostro paese non è noto; indicate dove ha sede la vostra organizzazione.",
    "country_in_eea": (
        "{country} fa parte del SEE, dove devono trovarsi i progetti del Fondo per l'innovazione."
    ),
    "country_outside_eea": (
        "I progetti del Fondo per l'innovazione devono trovarsi nel SEE; {country} non ne fa parte."
    ),
    "country_in_eu": "{country} è uno Stato membro dell'UE.",
    "country_outside_eu": (
        "{country} non è uno Stato membro dell'UE; verificate le regole del programma sui paesi ammessi."
    ),
    "country_horizon": "{country} è uno Stato membro dell'UE o un paese associato a Orizzonte Europa.",
    "country_outside_horizon": (
        "{country} non è né uno Stato membro dell'UE né un paese associato a Orizzonte Europa; i "
        "soggetti stabiliti lì possono partecipare, ma di norma non sono finanziati."
    ),
    "csa_single_entity": (
        "Le azioni di coordinamento e supporto (CSA) ammettono un singolo soggetto giuridico."
    ),
    "consortium_too_few": _IT_CONSORTIUM + "; vi candidate da soli o con troppo pochi partner.",
    "consortium_too_few_countries": (
        _IT_CONSORTIUM + "; il vostro consorzio copre troppo pochi paesi ({countries})."
    ),
    "consortium_met": (
        _IT_CONSORTIUM + ": i vostri {partners} partner di {countries} paesi soddisfano il requisito."
    ),
    "consortium_unknown": _IT_CONSORTIUM + "; indicate quanti partner avete e di quanti paesi.",
    "eic_consortium": _IT_EIC + "; i consorzi non possono candidarsi.",
    "eic_excluded_kind": _IT_EIC + "; il vostro tipo di organizzazione ({kind}) non è ammesso.",
    "eic_excluded_staff": _IT_EIC + "; un'impresa con 500 o più dipendenti non può candidarsi.",
    "eic_midcap": (
        _IT_EIC + ": una piccola mid-cap (fino a 499 dipendenti) ottiene solo la componente di investimento."
    ),
    "eic_single": _IT_EIC + ": vi candidate da soli, come {kind}.",
    "eic_kind_unknown": _IT_EIC + "; indicate che tipo di organizzazione siete.",
    "investeu_no_grants": (
        _IT_INVESTEU + "; non concede sovvenzioni, quindi non è la strada per ottenere una sovvenzione."
    ),
    "investeu_route": (
        _IT_INVESTEU + ": per un finanziamento sotto forma di {form} rivolgetevi a una banca o a un "
        "fondo che sia partner esecutivo o intermediario di InvestEU; la domanda non si presenta "
        "direttamente all'UE."
    ),
    "investeu_form_unknown": (
        _IT_INVESTEU + "; indicate se vi serve un prestito, una garanzia o capitale di rischio."
    ),
    "if_capex_unknown": (
        "I temi del Fondo per l'innovazione sono dimensionati in base ai costi di investimento (CAPEX); "
        "indicate il CAPEX del vostro progetto."
    ),
    "if_below_minimum": (
        "I progetti del Fondo per l'innovazione richiedono costi di investimento superiori a "
        "EUR {min_million_eur} milioni (fonte: {source}); l'importo indicato è di EUR {amount_eur}."
    ),
    "if_above_minimum": (
        "La dimensione del vostro progetto (EUR {amount_eur}) supera il minimo di "
        "EUR {min_million_eur} milioni."
    ),
    "if_class_fits": (
        "{size} hanno un CAPEX superiore a EUR {low_million_eur} milioni e fino a "
        "EUR {high_million_eur} milioni (fonte: {source})."
    ),
    "if_class_fits_uncapped": (
        "{size} hanno un CAPEX superiore a EUR {low_million_eur} milioni (fonte: {source})."
    ),
    "if_class_misfit": (
        "{size} hanno un CAPEX superiore a EUR {low_million_eur} milioni e fino a "
        "EUR {high_million_eur} milioni (fonte: {source}); il vostro è di EUR {amount_eur}, quindi è "
        "adatta un'altra classe dimensionale."
    ),
    "if_class_misfit_uncapped": (
        "{size} hanno un CAPEX superiore a EUR {low_million_eur} milioni (fonte: {source}); il vostro è "
        "di EUR {amount_eur}, quindi è adatta un'altra classe dimensionale."
    ),
    "trl_past_scope": (
        "Il tema punta a TRL {trl_low}-{trl_high}; con TRL {trl} potreste averne già superato l'ambito."
    ),
    "trl_far_off": (
        "Il tema prevede risultati a TRL {trl_low}-{trl_high}; dal TRL {trl} la strada è ancora lunga."
    ),
    "trl_within_reach": "Il tema prevede TRL {trl_low}-{trl_high}, raggiungibile dal vostro TRL {trl}.",
    "no_rule": "Non si applica nessuna regola specifica; verificate le condizioni nel testo del tema.",
}

_ES_CONSORTIUM = (
    "{scheme} requieren al menos 3 entidades jurídicas independientes de 3 Estados miembros de la UE "
    "o países asociados distintos (al menos una en un Estado miembro)"
)
_ES_EIC = (
    "El EIC Accelerator financia a una sola pyme (incluidas las empresas emergentes) o, solo para el "
    "componente de inversión, a una pequeña empresa de mediana capitalización"
)
_ES_INVESTEU = (
    "InvestEU respalda préstamos, garantías y capital a través de bancos y fondos "
    "(intermediarios financieros)"
)
_ES = {
    "widening_country": "Las acciones Widening son para organizaciones de países Widening; {country} es uno de ellos.",
    "widening_not_country": (
        "Las acciones Widening son para organizaciones de países Widening; {country} no es uno de ellos."
    ),
    "country_unknown": "No se conoce su país; indiquen dónde está establecida su organización.",
    "country_in_eea": (
        "{country} forma parte del EEE, donde deben ubicarse los proyectos del Fondo de Innovación."
    ),
    "country_outside_eea": (
        "Los proyectos del Fondo de Innovación deben ubicarse en el EEE; {country} no forma parte de él."
    ),
    "country_in_eu": "{country} es un Estado miembro de la UE.",
    "country_outside_eu": (
        "{country} no es un Estado miembro de la UE; comprueben las normas del programa sobre países."
    ),
    "country_horizon": "{country} es un Estado miembro de la UE o un país asociado a Horizonte Europa.",
    "country_outside_horizon": (
        "{country} no es ni un Estado miembro de la UE ni un país asociado a Horizonte Europa; las "
        "entidades de allí pueden participar, pero normalmente no reciben financiación."
    ),
    "csa_single_entity": "Las acciones de coordinación y apoyo (CSA) admiten una sola entidad jurídica.",
    "consortium_too_few": _ES_CONSORTIUM + "; ustedes solicitan solos o con muy pocos socios.",
    "consortium_too_few_countries": (
        _ES_CONSORTIUM + "; su consorcio abarca muy pocos países ({countries})."
    ),
    "consortium_met": (
        _ES_CONSORTIUM + ": sus {partners} socios de {countries} países cumplen este requisito."
    ),
    "consortium_unknown": _ES_CONSORTIUM + "; indiquen cuántos socios tienen y de cuántos países.",
    "eic_consortium": _ES_EIC + "; los consorcios no pueden presentar solicitud.",
    "eic_excluded_kind": _ES_EIC + "; su tipo de organización ({kind}) no puede presentar solicitud.",
    "eic_excluded_staff": _ES_EIC + "; una empresa con 500 o más empleados no puede presentar solicitud.",
    "eic_midcap": (
        _ES_EIC + ": una pequeña empresa de mediana capitalización (hasta 499 empleados) solo obtiene "
        "el componente de inversión."
    ),
    "eic_single": _ES_EIC + ": ustedes solicitan como {kind} individual.",
    "eic_kind_unknown": _ES_EIC + "; indiquen qué tipo de organización son.",
    "investeu_no_grants": (
        _ES_INVESTEU + "; no concede subvenciones, así que no es la vía para obtener una subvención."
    ),
    "investeu_route": (
        _ES_INVESTEU + ": para una financiación en forma de {form}, diríjanse a un banco o fondo que sea "
        "socio ejecutante o intermediario de InvestEU; no se solicita directamente a la UE."
    ),
    "investeu_form_unknown": _ES_INVESTEU + "; indiquen si necesitan un préstamo, una garantía o capital.",
    "if_capex_unknown": (
        "Los temas del Fondo de Innovación se dimensionan según el coste de inversión (CAPEX); "
        "indiquen el CAPEX de su proyecto."
    ),
    "if_below_minimum": (
        "Los proyectos del Fondo de Innovación requieren un coste de inversión superior a "
        "EUR {min_million_eur} millones (fuente: {source}); el importe indicado es de EUR {amount_eur}."
    ),
    "if_above_minimum": (
        "El tamaño de su proyecto (EUR {amount_eur}) supera el mínimo de EUR {min_million_eur} millones."
    ),
    "if_class_fits": (
        "{size} tienen un CAPEX de más de EUR {low_million_eur} millones y hasta "
        "EUR {high_million_eur} millones (fuente: {source})."
    ),
    "if_class_fits_uncapped": (
        "{size} tienen un CAPEX de más de EUR {low_million_eur} millones (fuente: {source})."
    ),
    "if_class_misfit": (
        "{size} tienen un CAPEX de más de EUR {low_million_eur} millones y hasta "
        "EUR {high_million_eur} millones (fuente: {source}); el suyo es de EUR {amount_eur}, así que "
        "encaja otra categoría de tamaño."
    ),
    "if_class_misfit_uncapped": (
        "{size} tienen un CAPEX de más de EUR {low_million_eur} millones (fuente: {source}); el suyo es "
        "de EUR {amount_eur}, así que encaja otra categoría de tamaño."
    ),
    "trl_past_scope": (
        "El tema apunta a TRL {trl_low}-{trl_high}; con TRL {trl} quizá ya hayan superado su alcance."
    ),
    "trl_far_off": (
        "El tema espera resultados en TRL {trl_low}-{trl_high}; desde TRL {trl} queda todavía lejos."
    ),
    "trl_within_reach": "El tema espera TRL {trl_low}-{trl_high}, alcanzable desde su TRL {trl}.",
    "no_rule": "No se aplica ninguna regla específica; comprueben las condiciones en el texto del tema.",
}

_PL_CONSORTIUM = (
    "{scheme} wymagają co najmniej 3 niezależnych podmiotów prawnych z 3 różnych państw członkowskich "
    "UE lub krajów stowarzyszonych (w tym co najmniej jednego z państwa członkowskiego)"
)
_PL_EIC = (
    "EIC Accelerator finansuje pojedyncze MŚP (w tym start-upy) lub, wyłącznie w komponencie "
    "inwestycyjnym, małą spółkę o średniej kapitalizacji"
)
_PL_INVESTEU = (
    "InvestEU wspiera pożyczki, gwarancje i finansowanie kapitałowe za pośrednictwem banków i funduszy "
    "(pośredników finansowych)"
)
_PL = {
    "widening_country": "Działania Widening są dla organizacji z krajów Widening; {country} do nich należy.",
    "widening_not_country": (
        "Działania Widening są dla organizacji z krajów Widening; {country} do nich nie należy."
    ),
    "country_unknown": "Nie znamy kraju Państwa organizacji; proszę podać, gdzie ma ona siedzibę.",
    "country_in_eea": (
        "{country} należy do EOG, gdzie muszą być realizowane projekty Funduszu Innowacyjnego."
    ),
    "country_outside_eea": (
        "Projekty Funduszu Innowacyjnego muszą być realizowane w EOG; {country} do niego nie należy."
    ),
    "country_in_eu": "{country} jest państwem członkowskim UE.",
    "country_outside_eu": (
        "{country} nie jest państwem członkowskim UE; proszę sprawdzić zasady programu dotyczące krajów."
    ),
    "country_horizon": (
        "{country} jest państwem członkowskim UE lub krajem stowarzyszonym z programem Horyzont Europa."
    ),
    "country_outside_horizon": (
        "{country} nie jest ani państwem członkowskim UE, ani krajem stowarzyszonym z programem "
        "Horyzont Europa; podmioty stamtąd mogą uczestniczyć, ale zwykle nie otrzymują finansowania."
    ),
    "csa_single_entity": (
        "Działania koordynacyjne i wspierające (CSA) dopuszczają pojedynczy podmiot prawny."
    ),
    "consortium_too_few": (
        _PL_CONSORTIUM + "; składają Państwo wniosek samodzielnie lub ze zbyt małą liczbą partnerów."
    ),
    "consortium_too_few_countries": (
        _PL_CONSORTIUM + "; Państwa konsorcjum obejmuje zbyt mało krajów ({countries})."
    ),
    "consortium_met": (
        _PL_CONSORTIUM + ": liczba partnerów ({partners}) i krajów ({countries}) w Państwa konsorcjum "
        "spełnia ten warunek."
    ),
    "consortium_unknown": _PL_CONSORTIUM + "; proszę podać, ilu mają Państwo partnerów i z ilu krajów.",
    "eic_consortium": _PL_EIC + "; konsorcja nie mogą składać wniosków.",
    "eic_excluded_kind": _PL_EIC + "; Państwa typ organizacji ({kind}) nie może ubiegać się o wsparcie.",
    "eic_excluded_staff": (
        _PL_EIC + "; przedsiębiorstwo zatrudniające 500 lub więcej osób nie może ubiegać się o wsparcie."
    ),
    "eic_midcap": (
        _PL_EIC + ": mała spółka o średniej kapitalizacji (do 499 pracowników) otrzymuje tylko "
        "komponent inwestycyjny."
    ),
    "eic_single": _PL_EIC + ": składają Państwo wniosek samodzielnie jako {kind}.",
    "eic_kind_unknown": _PL_EIC + "; proszę podać, jakim typem organizacji są Państwo.",
    "investeu_no_grants": (
        _PL_INVESTEU + "; nie udziela dotacji, więc nie jest właściwą drogą do uzyskania dotacji."
    ),
    "investeu_route": (
        _PL_INVESTEU + ": o finansowanie w formie {form} należy zwrócić się do banku lub funduszu, "
        "który jest partnerem wykonawczym lub pośrednikiem InvestEU; wniosku nie składa się "
        "bezpośrednio do UE."
    ),
    "investeu_form_unknown": (
        _PL_INVESTEU + "; proszę podać, czy potrzebują Państwo pożyczki, gwarancji czy finansowania "
        "kapitałowego."
    ),
    "if_capex_unknown": (
        "Tematy Funduszu Innowacyjnego są podzielone według nakładów inwestycyjnych (CAPEX); proszę "
        "podać CAPEX projektu."
    ),
    "if_below_minimum": (
        "Projekty Funduszu Innowacyjnego wymagają nakładów inwestycyjnych powyżej "
        "EUR {min_million_eur} mln (źródło: {source}); podana kwota to EUR {amount_eur}."
    ),
    "if_above_minimum": (
        "Wielkość Państwa projektu (EUR {amount_eur}) przekracza minimum EUR {min_million_eur} mln."
    ),
    "if_class_fits": (
        "{size} mają CAPEX powyżej EUR {low_million_eur} mln do EUR {high_million_eur} mln "
        "(źródło: {source})."
    ),
    "if_class_fits_uncapped": "{size} mają CAPEX powyżej EUR {low_million_eur} mln (źródło: {source}).",
    "if_class_misfit": (
        "{size} mają CAPEX powyżej EUR {low_million_eur} mln do EUR {high_million_eur} mln "
        "(źródło: {source}); Państwa CAPEX wynosi EUR {amount_eur}, więc pasuje inna klasa wielkości."
    ),
    "if_class_misfit_uncapped": (
        "{size} mają CAPEX powyżej EUR {low_million_eur} mln (źródło: {source}); Państwa CAPEX wynosi "
        "EUR {amount_eur}, więc pasuje inna klasa wielkości."
    ),
    "trl_past_scope": (
        "Temat jest ukierunkowany na TRL {trl_low}-{trl_high}; przy TRL {trl} mogą Państwo już "
        "wykraczać poza jego zakres."
    ),
    "trl_far_off": (
        "Temat zakłada wyniki na poziomie TRL {trl_low}-{trl_high}; od TRL {trl} to jeszcze daleka droga."
    ),
    "trl_within_reach": (
        "Temat zakłada TRL {trl_low}-{trl_high}, osiągalny z Państwa obecnego poziomu TRL {trl}."
    ),
    "no_rule": "Nie ma zastosowania żadna szczególna reguła; proszę sprawdzić warunki w treści tematu.",
}

REASON_TEMPLATES: dict[str, dict[str, str]] = {
    "en": _EN,
    "de": _DE,
    "fr": _FR,
    "it": _IT,
    "es": _ES,
    "pl": _PL,
}

# Localised words for the values of ``scheme``, ``size``, ``kind`` and ``form``. English shows the
# organisation kind and the finance form as the rules name them.
TERMS: dict[str, dict[tuple[str, str], str]] = {
    "en": {
        ("scheme", "horizon-ria"): "Research and innovation actions",
        ("scheme", "horizon-ia"): "Innovation actions",
        ("size", "small-scale"): "Small-scale projects",
        ("size", "medium-scale"): "Medium-scale projects",
        ("size", "large-scale"): "Large-scale projects",
    },
    "de": {
        ("scheme", "horizon-ria"): "Forschungs- und Innovationsmaßnahmen (RIA)",
        ("scheme", "horizon-ia"): "Innovationsmaßnahmen (IA)",
        ("size", "small-scale"): "Kleine Projekte",
        ("size", "medium-scale"): "Mittelgroße Projekte",
        ("size", "large-scale"): "Große Projekte",
        ("kind", "sme"): "KMU",
        ("kind", "startup"): "Start-up",
        ("kind", "midcap"): "Mid-Cap-Unternehmen",
        ("kind", "large"): "Großunternehmen",
        ("kind", "university"): "Hochschule",
        ("kind", "research"): "Forschungseinrichtung",
        ("kind", "public"): "öffentliche Einrichtung",
        ("kind", "cluster"): "Cluster",
        ("kind", "ngo"): "Nichtregierungsorganisation",
        ("form", "loan"): "eines Darlehens",
        ("form", "guarantee"): "einer Garantie",
        ("form", "equity"): "von Beteiligungskapital",
    },
    "fr": {
        ("scheme", "horizon-ria"): "Les actions de recherche et d'innovation (RIA)",
        ("scheme", "horizon-ia"): "Les actions d'innovation (IA)",
        ("size", "small-scale"): "Les petits projets",
        ("size", "medium-scale"): "Les projets de taille moyenne",
        ("size", "large-scale"): "Les grands projets",
        ("kind", "sme"): "PME",
        ("kind", "startup"): "start-up",
        ("kind", "midcap"): "entreprise de taille intermédiaire",
        ("kind", "large"): "grande entreprise",
        ("kind", "university"): "université",
        ("kind", "research"): "organisme de recherche",
        ("kind", "public"): "organisme public",
        ("kind", "cluster"): "cluster",
        ("kind", "ngo"): "ONG",
        ("form", "loan"): "de prêt",
        ("form", "guarantee"): "de garantie",
        ("form", "equity"): "de fonds propres",
    },
    "it": {
        ("scheme", "horizon-ria"): "Le azioni di ricerca e innovazione (RIA)",
        ("scheme", "horizon-ia"): "Le azioni di innovazione (IA)",
        ("size", "small-scale"): "I progetti su piccola scala",
        ("size", "medium-scale"): "I progetti su media scala",
        ("size", "large-scale"): "I progetti su larga scala",
        ("kind", "sme"): "PMI",
        ("kind", "startup"): "start-up",
        ("kind", "midcap"): "mid-cap",
        ("kind", "large"): "grande impresa",
        ("kind", "university"): "università",
        ("kind", "research"): "ente di ricerca",
        ("kind", "public"): "ente pubblico",
        ("kind", "cluster"): "cluster",
        ("kind", "ngo"): "ONG",
        ("form", "loan"): "prestito",
        ("form", "guarantee"): "garanzia",
        ("form", "equity"): "capitale di rischio",
    },
    "es": {
        ("scheme", "horizon-ria"): "Las acciones de investigación e innovación (RIA)",
        ("scheme", "horizon-ia"): "Las acciones de innovación (IA)",
        ("size", "small-scale"): "Los proyectos de pequeña escala",
        ("size", "medium-scale"): "Los proyectos de mediana escala",
        ("size", "large-scale"): "Los proyectos de gran escala",
        ("kind", "sme"): "pyme",
        ("kind", "startup"): "empresa emergente",
        ("kind", "midcap"): "empresa de mediana capitalización",
        ("kind", "large"): "gran empresa",
        ("kind", "university"): "universidad",
        ("kind", "research"): "organismo de investigación",
        ("kind", "public"): "organismo público",
        ("kind", "cluster"): "clúster",
        ("kind", "ngo"): "ONG",
        ("form", "loan"): "préstamo",
        ("form", "guarantee"): "garantía",
        ("form", "equity"): "capital",
    },
    "pl": {
        ("scheme", "horizon-ria"): "Działania badawcze i innowacyjne (RIA)",
        ("scheme", "horizon-ia"): "Działania innowacyjne (IA)",
        ("size", "small-scale"): "Projekty małej skali",
        ("size", "medium-scale"): "Projekty średniej skali",
        ("size", "large-scale"): "Projekty dużej skali",
        ("kind", "sme"): "MŚP",
        ("kind", "startup"): "start-up",
        ("kind", "midcap"): "spółka o średniej kapitalizacji",
        ("kind", "large"): "duże przedsiębiorstwo",
        ("kind", "university"): "uczelnia",
        ("kind", "research"): "organizacja badawcza",
        ("kind", "public"): "podmiot publiczny",
        ("kind", "cluster"): "klaster",
        ("kind", "ngo"): "organizacja pozarządowa",
        ("form", "loan"): "pożyczki",
        ("form", "guarantee"): "gwarancji",
        ("form", "equity"): "inwestycji kapitałowej",
    },
}


def display_value(name: str, value: ReasonValue, language: str) -> str:
    """One value as the sentence in ``language`` shows it."""
    comma = language != "en"
    if isinstance(value, str):
        return TERMS.get(language, {}).get((name, value)) or TERMS["en"].get((name, value), value)
    if name.endswith("_million_eur"):
        number = f"{value:g}"
        return number.replace(".", ",") if comma else number
    if name.endswith("_eur"):
        number = f"{value:,.0f}"
        return number.replace(",", "\u202f") if comma else number
    return str(value)


@lru_cache(maxsize=4096)
def reason_text(code: ReasonCode, language: str = "en") -> str:
    """The sentence for ``code`` in ``language`` (English when the language is not supported).

    Cached: the same few reasons recur across the candidates of a query and across queries.
    """
    language = language if language in REASON_TEMPLATES else "en"
    template = REASON_TEMPLATES[language].get(code.key) or _EN[code.key]
    return template.format(**{name: display_value(name, value, language) for name, value in code.params})


def localised_reasons(eligibility: Eligibility, language: str) -> tuple[str, ...]:
    """The reasons of ``eligibility`` in ``language``; its English reasons when it carries no codes."""
    if not eligibility.reason_codes:
        return eligibility.reasons
    return tuple(reason_text(code, language) for code in eligibility.reason_codes)
