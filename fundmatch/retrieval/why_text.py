"""Why an opportunity is recommended, phrased in en, de, fr, it, es and pl from keys and values.

The recommender gives each part of its explanation a key and the values it needs (the call family
and funded projects that voted, the finance form asked for); this module turns them into
sentences. The English text is also ``Recommendation.why``, which the CLI and the exports show.
"""

from __future__ import annotations

from collections.abc import Sequence

from fundmatch.core.models import ReasonCode
from fundmatch.retrieval.eligibility_text import display_value

WHY_TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "text_match": "Its text matches your description (see the passages cited).",
        "similar_funded": "Projects like yours were funded under {family}: {names}.",
        "similar_funded_earlier": (
            "Projects like yours ({names}) were funded under {family}, which has no call open now; this "
            "call belongs to the current family most like them."
        ),
        "route_investeu": (
            "Route: ask your bank, promotional bank or a venture fund that works with InvestEU for "
            "{form} financing (the EU access-to-finance portal lists them); you do not apply to the EU."
        ),
        "route_investeu_any": (
            "Route: ask your bank, promotional bank or a venture fund that works with InvestEU for a "
            "loan, a guarantee or equity (the EU access-to-finance portal lists them); you do not apply "
            "to the EU."
        ),
        "route_portal": "Route: apply on the EU Funding & Tenders Portal before the deadline.",
        "mismatch_finance": "Ranked lower: you asked for {form} financing, and this is a grant.",
        "mismatch_capex": (
            "Ranked lower: a decarbonisation plant of this size is what the Innovation Fund finances; "
            "this call funds research and innovation."
        ),
        "fits_innovation_fund": (
            "The Innovation Fund finances commercial-scale decarbonisation plants whose capital cost is "
            "above EUR {min_million_eur} million; yours is EUR {capex_eur}."
        ),
        "no_open_call": (
            "No {programme} call is open now: the last one, {call}, closed on {closed}; earlier calls "
            "opened on {openings}. The Funding & Tenders Portal announces the next one."
        ),
        "mismatch_researcher": (
            "Ranked lower: MSCA and ERC fund researchers (fellowships, doctoral networks, frontier "
            "research led by a principal investigator), and your description does not ask for that."
        ),
    },
    "de": {
        "text_match": "Der Text der Ausschreibung passt zu Ihrer Beschreibung (siehe die zitierten Passagen).",
        "similar_funded": "Projekte wie Ihres wurden unter {family} gefördert: {names}.",
        "similar_funded_earlier": (
            "Projekte wie Ihres ({names}) wurden unter {family} gefördert, wofür derzeit keine Ausschreibung "
            "offen ist; diese Ausschreibung gehört zu der aktuellen Familie, die ihnen am nächsten kommt."
        ),
        "route_investeu": (
            "Weg: Fragen Sie Ihre Bank, eine Förderbank oder einen Risikokapitalfonds, der mit InvestEU "
            "arbeitet, nach einer Finanzierung in Form {form} (das EU-Portal für den Zugang zu "
            "Finanzmitteln listet sie auf); Sie stellen keinen Antrag bei der EU."
        ),
        "route_investeu_any": (
            "Weg: Fragen Sie Ihre Bank, eine Förderbank oder einen Risikokapitalfonds, der mit InvestEU "
            "arbeitet, nach einem Darlehen, einer Garantie oder Beteiligungskapital (das EU-Portal für "
            "den Zugang zu Finanzmitteln listet sie auf); Sie stellen keinen Antrag bei der EU."
        ),
        "route_portal": "Weg: Bewerben Sie sich vor der Frist im Funding & Tenders Portal der EU.",
        "mismatch_finance": (
            "Weiter unten eingeordnet: Sie suchen eine Finanzierung in Form {form}, dies ist ein Zuschuss."
        ),
        "mismatch_capex": (
            "Weiter unten eingeordnet: Eine Dekarbonisierungsanlage dieser Größe finanziert der "
            "Innovationsfonds; diese Ausschreibung fördert Forschung und Innovation."
        ),
        "fits_innovation_fund": (
            "Der Innovationsfonds finanziert Dekarbonisierungsanlagen im kommerziellen Maßstab mit "
            "Investitionskosten über {min_million_eur} Mio. EUR; Ihre liegen bei {capex_eur} EUR."
        ),
        "no_open_call": (
            "Derzeit ist keine Ausschreibung des {programme} offen: Die letzte, {call}, endete am "
            "{closed}; frühere Ausschreibungen öffneten am {openings}. Das Funding & Tenders Portal "
            "kündigt die nächste an."
        ),
        "mismatch_researcher": (
            "Weiter unten eingeordnet: MSCA und ERC fördern Forschende (Stipendien, Doktorandennetzwerke, "
            "Pionierforschung unter einer Projektleitung), und danach fragt Ihre Beschreibung nicht."
        ),
    },
    "fr": {
        "text_match": "Son texte correspond à votre description (voir les passages cités).",
        "similar_funded": "Des projets comme le vôtre ont été financés au titre de {family} : {names}.",
        "similar_funded_earlier": (
            "Des projets comme le vôtre ({names}) ont été financés au titre de {family}, qui n'a pas d'appel "
            "ouvert actuellement ; cet appel appartient à la famille actuelle qui leur ressemble le plus."
        ),
        "route_investeu": (
            "Démarche : demandez à votre banque, à une banque de développement ou à un fonds de capital-"
            "risque qui travaille avec InvestEU un financement sous forme {form} (le portail européen "
            "d'accès au financement les recense) ; vous ne déposez pas de demande auprès de l'UE."
        ),
        "route_investeu_any": (
            "Démarche : demandez à votre banque, à une banque de développement ou à un fonds de capital-"
            "risque qui travaille avec InvestEU un prêt, une garantie ou des fonds propres (le portail "
            "européen d'accès au financement les recense) ; vous ne déposez pas de demande auprès de l'UE."
        ),
        "route_portal": "Démarche : déposez votre demande sur le portail Funding & Tenders de l'UE avant la date limite.",
        "mismatch_finance": (
            "Classé plus bas : vous demandez un financement sous forme {form}, et ceci est une subvention."
        ),
        "mismatch_capex": (
            "Classé plus bas : une installation de décarbonation de cette taille relève du Fonds pour "
            "l'innovation ; cet appel finance la recherche et l'innovation."
        ),
        "fits_innovation_fund": (
            "Le Fonds pour l'innovation finance des installations de décarbonation à l'échelle "
            "commerciale dont le coût d'investissement dépasse {min_million_eur} millions d'euros ; le vôtre est de "
            "{capex_eur} EUR."
        ),
        "no_open_call": (
            "Aucun appel du {programme} n'est ouvert actuellement : le dernier, {call}, a clôturé le "
            "{closed} ; les appels précédents ont ouvert le {openings}. Le portail Funding & Tenders "
            "annonce le prochain."
        ),
        "mismatch_researcher": (
            "Classé plus bas : les MSCA et l'ERC financent des chercheurs (bourses, réseaux doctoraux, "
            "recherche exploratoire menée par un chercheur principal), ce que votre description ne "
            "demande pas."
        ),
    },
    "it": {
        "text_match": "Il suo testo corrisponde alla vostra descrizione (vedi i passaggi citati).",
        "similar_funded": "Progetti come il vostro sono stati finanziati nell'ambito di {family}: {names}.",
        "similar_funded_earlier": (
            "Progetti come il vostro ({names}) sono stati finanziati nell'ambito di {family}, che ora non ha "
            "bandi aperti; questo bando appartiene alla famiglia attuale più vicina a loro."
        ),
        "route_investeu": (
            "Percorso: chiedete alla vostra banca, a una banca di promozione o a un fondo di venture "
            "capital che lavora con InvestEU un finanziamento sotto forma di {form} (il portale UE "
            "sull'accesso ai finanziamenti li elenca); la domanda non si presenta all'UE."
        ),
        "route_investeu_any": (
            "Percorso: chiedete alla vostra banca, a una banca di promozione o a un fondo di venture "
            "capital che lavora con InvestEU un prestito, una garanzia o capitale di rischio (il portale "
            "UE sull'accesso ai finanziamenti li elenca); la domanda non si presenta all'UE."
        ),
        "route_portal": "Percorso: presentate la domanda sul portale Funding & Tenders dell'UE entro la scadenza.",
        "mismatch_finance": (
            "In posizione più bassa: avete chiesto un finanziamento sotto forma di {form}, e questa è "
            "una sovvenzione."
        ),
        "mismatch_capex": (
            "In posizione più bassa: un impianto di decarbonizzazione di queste dimensioni è ciò che "
            "finanzia il Fondo per l'innovazione; questo bando finanzia ricerca e innovazione."
        ),
        "fits_innovation_fund": (
            "Il Fondo per l'innovazione finanzia impianti di decarbonizzazione su scala commerciale con "
            "costi di investimento superiori a {min_million_eur} milioni di euro; il vostro è di {capex_eur} EUR."
        ),
        "no_open_call": (
            "Al momento non è aperto alcun bando del {programme}: l'ultimo, {call}, si è chiuso il "
            "{closed}; i bandi precedenti si sono aperti il {openings}. Il portale Funding & Tenders "
            "annuncia il prossimo."
        ),
        "mismatch_researcher": (
            "In posizione più bassa: MSCA ed ERC finanziano ricercatori (borse, reti di dottorato, "
            "ricerca di frontiera guidata da un ricercatore principale), e la vostra descrizione non "
            "lo chiede."
        ),
    },
    "es": {
        "text_match": "Su texto coincide con su descripción (vean los pasajes citados).",
        "similar_funded": "Proyectos como el suyo se financiaron en {family}: {names}.",
        "similar_funded_earlier": (
            "Proyectos como el suyo ({names}) se financiaron en {family}, que ahora no tiene convocatorias "
            "abiertas; esta convocatoria pertenece a la familia actual más parecida a ellos."
        ),
        "route_investeu": (
            "Vía: pidan a su banco, a un banco de fomento o a un fondo de capital riesgo que trabaje con "
            "InvestEU una financiación en forma de {form} (el portal de la UE de acceso a la financiación "
            "los enumera); no se solicita a la UE."
        ),
        "route_investeu_any": (
            "Vía: pidan a su banco, a un banco de fomento o a un fondo de capital riesgo que trabaje con "
            "InvestEU un préstamo, una garantía o capital (el portal de la UE de acceso a la financiación "
            "los enumera); no se solicita a la UE."
        ),
        "route_portal": "Vía: presenten la solicitud en el portal Funding & Tenders de la UE antes del plazo.",
        "mismatch_finance": (
            "Clasificado más abajo: piden financiación en forma de {form}, y esto es una subvención."
        ),
        "mismatch_capex": (
            "Clasificado más abajo: una planta de descarbonización de este tamaño es lo que financia el "
            "Fondo de Innovación; esta convocatoria financia investigación e innovación."
        ),
        "fits_innovation_fund": (
            "El Fondo de Innovación financia plantas de descarbonización a escala comercial con un coste "
            "de inversión superior a {min_million_eur} millones de euros; el suyo es de {capex_eur} EUR."
        ),
        "no_open_call": (
            "Ahora no hay ninguna convocatoria del {programme} abierta: la última, {call}, cerró el "
            "{closed}; las anteriores se abrieron el {openings}. El portal Funding & Tenders anuncia la "
            "próxima."
        ),
        "mismatch_researcher": (
            "Clasificado más abajo: las MSCA y el ERC financian a investigadores (becas, redes doctorales, "
            "investigación en la frontera dirigida por un investigador principal), y su descripción no "
            "lo pide."
        ),
    },
    "pl": {
        "text_match": "Jego tekst odpowiada Państwa opisowi (zob. cytowane fragmenty).",
        "similar_funded": "Projekty podobne do Państwa projektu finansowano w ramach {family}: {names}.",
        "similar_funded_earlier": (
            "Projekty podobne do Państwa projektu ({names}) finansowano w ramach {family}, w którym obecnie "
            "nie ma otwartego naboru; ten nabór należy do obecnej grupy najbardziej do nich zbliżonej."
        ),
        "route_investeu": (
            "Ścieżka: o finansowanie w formie {form} należy zapytać swój bank, bank rozwoju lub fundusz "
            "venture capital współpracujący z InvestEU (wymienia je unijny portal dostępu do "
            "finansowania); wniosku nie składa się do UE."
        ),
        "route_investeu_any": (
            "Ścieżka: o pożyczkę, gwarancję lub inwestycję kapitałową należy zapytać swój bank, bank "
            "rozwoju lub fundusz venture capital współpracujący z InvestEU (wymienia je unijny portal "
            "dostępu do finansowania); wniosku nie składa się do UE."
        ),
        "route_portal": "Ścieżka: wniosek składa się w portalu Funding & Tenders UE przed terminem.",
        "mismatch_finance": (
            "Niżej w rankingu: szukają Państwo finansowania w formie {form}, a to jest dotacja."
        ),
        "mismatch_capex": (
            "Niżej w rankingu: instalację dekarbonizacyjną tej wielkości finansuje Fundusz Innowacyjny; "
            "to zaproszenie finansuje badania i innowacje."
        ),
        "fits_innovation_fund": (
            "Fundusz Innowacyjny finansuje instalacje dekarbonizacyjne na skalę komercyjną o kosztach "
            "inwestycyjnych powyżej {min_million_eur} mln EUR; Państwa koszty wynoszą {capex_eur} EUR."
        ),
        "no_open_call": (
            "Obecnie nie jest otwarty żaden nabór ({programme}): ostatni, {call}, zamknięto {closed}; "
            "wcześniejsze nabory otwierano {openings}. Następny ogłasza portal Funding & Tenders."
        ),
        "mismatch_researcher": (
            "Niżej w rankingu: MSCA i ERC finansują naukowców (stypendia, sieci doktoranckie, badania "
            "pionierskie prowadzone przez głównego badacza), a Państwa opis tego nie dotyczy."
        ),
    },
}


def why_sentence(code: ReasonCode, language: str = "en") -> str:
    """One part of the explanation in ``language`` (English when the language is not supported)."""
    templates = WHY_TEMPLATES.get(language, WHY_TEMPLATES["en"])
    template = templates.get(code.key) or WHY_TEMPLATES["en"][code.key]
    return template.format(**{name: display_value(name, value, language) for name, value in code.params})


def why_text(codes: Sequence[ReasonCode], language: str = "en") -> str:
    """The whole explanation in ``language``: its sentences in order."""
    return " ".join(why_sentence(code, language) for code in codes)
