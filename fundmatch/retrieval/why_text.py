"""Why an opportunity is recommended, phrased in en, de, fr, it, es and pl from keys and values.

The recommender gives each part of its explanation a key and the values it needs (the call family
and funded projects that voted, the finance form asked for); this module turns them into
sentences. The English text is also ``Recommendation.why``, which the CLI and the exports show.
"""

from __future__ import annotations

from collections.abc import Sequence

from fundmatch.core.models import ReasonCode
from fundmatch.retrieval.eligibility_text import display_value
from fundmatch.retrieval.instrument_text import KEYS as INSTRUMENT_KEYS
from fundmatch.retrieval.instrument_text import instrument_sentence

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
        "no_open_call": (
            "No {programme} call is open now: the last one, {call}, closed on {closed}; earlier calls "
            "opened on {openings}. The Funding & Tenders Portal announces the next one."
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
        "no_open_call": (
            "Derzeit ist keine Ausschreibung des {programme} offen: Die letzte, {call}, endete am "
            "{closed}; frühere Ausschreibungen öffneten am {openings}. Das Funding & Tenders Portal "
            "kündigt die nächste an."
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
        "no_open_call": (
            "Aucun appel du {programme} n'est ouvert actuellement : le dernier, {call}, a clôturé le "
            "{closed} ; les appels précédents ont ouvert le {openings}. Le portail Funding & Tenders "
            "annonce le prochain."
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
        "no_open_call": (
            "Al momento non è aperto alcun bando del {programme}: l'ultimo, {call}, si è chiuso il "
            "{closed}; i bandi precedenti si sono aperti il {openings}. Il portale Funding & Tenders "
            "annuncia il prossimo."
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
        "no_open_call": (
            "Ahora no hay ninguna convocatoria del {programme} abierta: la última, {call}, cerró el "
            "{closed}; las anteriores se abrieron el {openings}. El portal Funding & Tenders anuncia la "
            "próxima."
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
        "no_open_call": (
            "Obecnie nie jest otwarty żaden nabór ({programme}): ostatni, {call}, zamknięto {closed}; "
            "wcześniejsze nabory otwierano {openings}. Następny ogłasza portal Funding & Tenders."
        ),
    },
}


def why_sentence(code: ReasonCode, language: str = "en") -> str:
    """One part of the explanation in ``language`` (English when the language is not supported);
    the instrument's name and fit are phrased by ``fundmatch.retrieval.instrument_text``."""
    if code.key in INSTRUMENT_KEYS:
        return instrument_sentence(code, language)
    templates = WHY_TEMPLATES.get(language, WHY_TEMPLATES["en"])
    template = templates.get(code.key) or WHY_TEMPLATES["en"][code.key]
    return template.format(**{name: display_value(name, value, language) for name, value in code.params})


def why_text(codes: Sequence[ReasonCode], language: str = "en") -> str:
    """The whole explanation in ``language``: its sentences in order."""
    return " ".join(why_sentence(code, language) for code in codes)
