"""The proposal outline's own words (criteria, what each must show, labels) in de, fr, it, es and pl.

The outline is built in English (``fundmatch.chat.proposal``); ``localise`` looks each English string up
here and keeps it when a language lacks it. The call's quoted text stays as the call wrote it.
"""

from __future__ import annotations

TRANSLATIONS: dict[str, dict[str, str]] = {
    "de": {
        "Proposal outline": "Antragsgliederung",
        "What this section must show:": "Was dieser Abschnitt zeigen muss:",
        "What the call asks for:": "Was die Ausschreibung verlangt:",
        "Possible partners (from similar funded projects)": "Mögliche Partner (aus ähnlichen geförderten Projekten)",
        "Sources": "Quellen",
        "Excellence": "Exzellenz",
        "Impact": "Wirkung",
        "Quality and efficiency of the implementation": "Qualität und Effizienz der Umsetzung",
        "Greenhouse gas emission avoidance": "Vermeidung von Treibhausgasemissionen",
        "Degree of innovation": "Innovationsgrad",
        "Project maturity": "Projektreife",
        "Replicability": "Replizierbarkeit",
        "Cost efficiency": "Kosteneffizienz",
        "Clear, measurable objectives that go beyond the state of the art and address the topic's scope.": (
            "Klare, messbare Ziele, die über den Stand der Technik hinausgehen und den Umfang des Themas abdecken."
        ),
        "A sound methodology, with the TRL at start and end, interdisciplinarity and gender dimension.": (
            "Eine solide Methodik mit dem TRL zu Beginn und am Ende, Interdisziplinarität und Geschlechterdimension."
        ),
        "Credible pathways from your results to each expected outcome below, with indicators.": (
            "Glaubwürdige Wege von Ihren Ergebnissen zu jedem unten erwarteten Ergebnis, mit Indikatoren."
        ),
        "Measures to maximise impact: dissemination, exploitation and communication, target groups.": (
            "Maßnahmen für größtmögliche Wirkung: Verbreitung, Verwertung und Kommunikation, Zielgruppen."
        ),
        "A work plan with work packages, deliverables, milestones and risks, and resources that fit it.": (
            "Ein Arbeitsplan mit Arbeitspaketen, Ergebnissen, Meilensteinen und Risiken und passenden Ressourcen."
        ),
        "A consortium whose members together bring every capacity the work needs.": (
            "Ein Konsortium, dessen Mitglieder zusammen alle Fähigkeiten mitbringen, die die Arbeit braucht."
        ),
        "Absolute and relative avoidance.": "Absolute und relative Vermeidung.",
        "Why this goes beyond the state of the art.": "Warum das über den Stand der Technik hinausgeht.",
        "Technical, financial and operational maturity.": "Technische, finanzielle und betriebliche Reife.",
        "Further deployment and European added value.": "Weitere Verbreitung und europäischer Mehrwert.",
        "Relevant costs per tonne avoided.": "Relevante Kosten je vermiedener Tonne.",
        "private company": "Unternehmen",
        "higher education": "Hochschule",
        "research organisation": "Forschungseinrichtung",
        "public body": "öffentliche Stelle",
        "other": "sonstige",
        "SME": "KMU",
    },
    "fr": {
        "Proposal outline": "Plan de proposition",
        "What this section must show:": "Ce que cette section doit montrer :",
        "What the call asks for:": "Ce que demande l'appel :",
        "Possible partners (from similar funded projects)": "Partenaires possibles (de projets financés similaires)",
        "Sources": "Sources",
        "Excellence": "Excellence",
        "Impact": "Impact",
        "Quality and efficiency of the implementation": "Qualité et efficacité de la mise en œuvre",
        "Greenhouse gas emission avoidance": "Émissions de gaz à effet de serre évitées",
        "Degree of innovation": "Degré d'innovation",
        "Project maturity": "Maturité du projet",
        "Replicability": "Reproductibilité",
        "Cost efficiency": "Efficacité des coûts",
        "Clear, measurable objectives that go beyond the state of the art and address the topic's scope.": (
            "Des objectifs clairs et mesurables qui dépassent l'état de l'art et couvrent le périmètre du sujet."
        ),
        "A sound methodology, with the TRL at start and end, interdisciplinarity and gender dimension.": (
            "Une méthodologie solide, avec le TRL au début et à la fin, l'interdisciplinarité et la dimension de genre."
        ),
        "Credible pathways from your results to each expected outcome below, with indicators.": (
            "Des chemins crédibles de vos résultats vers chaque résultat attendu ci-dessous, avec des indicateurs."
        ),
        "Measures to maximise impact: dissemination, exploitation and communication, target groups.": (
            "Des mesures pour maximiser l'impact : diffusion, exploitation et communication, publics cibles."
        ),
        "A work plan with work packages, deliverables, milestones and risks, and resources that fit it.": (
            "Un plan de travail avec lots, livrables, jalons et risques, et des ressources adaptées."
        ),
        "A consortium whose members together bring every capacity the work needs.": (
            "Un consortium dont les membres réunissent toutes les capacités dont le travail a besoin."
        ),
        "Absolute and relative avoidance.": "Évitement absolu et relatif.",
        "Why this goes beyond the state of the art.": "Pourquoi cela dépasse l'état de l'art.",
        "Technical, financial and operational maturity.": "Maturité technique, financière et opérationnelle.",
        "Further deployment and European added value.": "Déploiement ultérieur et valeur ajoutée européenne.",
        "Relevant costs per tonne avoided.": "Coûts pertinents par tonne évitée.",
        "private company": "entreprise",
        "higher education": "enseignement supérieur",
        "research organisation": "organisme de recherche",
        "public body": "organisme public",
        "other": "autre",
        "SME": "PME",
    },
    "it": {
        "Proposal outline": "Traccia di proposta",
        "What this section must show:": "Che cosa deve mostrare questa sezione:",
        "What the call asks for:": "Che cosa chiede il bando:",
        "Possible partners (from similar funded projects)": "Possibili partner (da progetti finanziati simili)",
        "Sources": "Fonti",
        "Excellence": "Eccellenza",
        "Impact": "Impatto",
        "Quality and efficiency of the implementation": "Qualità ed efficienza dell'attuazione",
        "Greenhouse gas emission avoidance": "Emissioni di gas serra evitate",
        "Degree of innovation": "Grado di innovazione",
        "Project maturity": "Maturità del progetto",
        "Replicability": "Replicabilità",
        "Cost efficiency": "Efficienza dei costi",
        "Clear, measurable objectives that go beyond the state of the art and address the topic's scope.": (
            "Obiettivi chiari e misurabili che vanno oltre lo stato dell'arte e coprono l'ambito del tema."
        ),
        "A sound methodology, with the TRL at start and end, interdisciplinarity and gender dimension.": (
            "Una metodologia solida, con il TRL all'inizio e alla fine, interdisciplinarità e dimensione di genere."
        ),
        "Credible pathways from your results to each expected outcome below, with indicators.": (
            "Percorsi credibili dai vostri risultati a ciascun risultato atteso qui sotto, con indicatori."
        ),
        "Measures to maximise impact: dissemination, exploitation and communication, target groups.": (
            "Misure per massimizzare l'impatto: diffusione, sfruttamento e comunicazione, gruppi destinatari."
        ),
        "A work plan with work packages, deliverables, milestones and risks, and resources that fit it.": (
            "Un piano di lavoro con pacchetti di lavoro, deliverable, milestone e rischi, e risorse adeguate."
        ),
        "A consortium whose members together bring every capacity the work needs.": (
            "Un consorzio i cui membri insieme portano tutte le capacità di cui il lavoro ha bisogno."
        ),
        "Absolute and relative avoidance.": "Riduzione assoluta e relativa.",
        "Why this goes beyond the state of the art.": "Perché va oltre lo stato dell'arte.",
        "Technical, financial and operational maturity.": "Maturità tecnica, finanziaria e operativa.",
        "Further deployment and European added value.": "Ulteriore diffusione e valore aggiunto europeo.",
        "Relevant costs per tonne avoided.": "Costi pertinenti per tonnellata evitata.",
        "private company": "impresa",
        "higher education": "università",
        "research organisation": "ente di ricerca",
        "public body": "ente pubblico",
        "other": "altro",
        "SME": "PMI",
    },
    "es": {
        "Proposal outline": "Esquema de propuesta",
        "What this section must show:": "Lo que esta sección debe mostrar:",
        "What the call asks for:": "Lo que pide la convocatoria:",
        "Possible partners (from similar funded projects)": "Posibles socios (de proyectos financiados similares)",
        "Sources": "Fuentes",
        "Excellence": "Excelencia",
        "Impact": "Impacto",
        "Quality and efficiency of the implementation": "Calidad y eficiencia de la ejecución",
        "Greenhouse gas emission avoidance": "Emisiones de gases de efecto invernadero evitadas",
        "Degree of innovation": "Grado de innovación",
        "Project maturity": "Madurez del proyecto",
        "Replicability": "Replicabilidad",
        "Cost efficiency": "Eficiencia de costes",
        "Clear, measurable objectives that go beyond the state of the art and address the topic's scope.": (
            "Objetivos claros y medibles que van más allá del estado del arte y cubren el alcance del tema."
        ),
        "A sound methodology, with the TRL at start and end, interdisciplinarity and gender dimension.": (
            "Una metodología sólida, con el TRL al inicio y al final, interdisciplinariedad y dimensión de género."
        ),
        "Credible pathways from your results to each expected outcome below, with indicators.": (
            "Vías creíbles desde sus resultados hasta cada resultado esperado de abajo, con indicadores."
        ),
        "Measures to maximise impact: dissemination, exploitation and communication, target groups.": (
            "Medidas para maximizar el impacto: difusión, explotación y comunicación, grupos destinatarios."
        ),
        "A work plan with work packages, deliverables, milestones and risks, and resources that fit it.": (
            "Un plan de trabajo con paquetes de trabajo, entregables, hitos y riesgos, y recursos adecuados."
        ),
        "A consortium whose members together bring every capacity the work needs.": (
            "Un consorcio cuyos miembros aportan juntos todas las capacidades que el trabajo necesita."
        ),
        "Absolute and relative avoidance.": "Reducción absoluta y relativa.",
        "Why this goes beyond the state of the art.": "Por qué va más allá del estado del arte.",
        "Technical, financial and operational maturity.": "Madurez técnica, financiera y operativa.",
        "Further deployment and European added value.": "Despliegue posterior y valor añadido europeo.",
        "Relevant costs per tonne avoided.": "Costes pertinentes por tonelada evitada.",
        "private company": "empresa",
        "higher education": "universidad",
        "research organisation": "organismo de investigación",
        "public body": "organismo público",
        "other": "otro",
        "SME": "pyme",
    },
    "pl": {
        "Proposal outline": "Zarys wniosku",
        "What this section must show:": "Co ta część musi pokazać:",
        "What the call asks for:": "Czego wymaga nabór:",
        "Possible partners (from similar funded projects)": "Możliwi partnerzy (z podobnych finansowanych projektów)",
        "Sources": "Źródła",
        "Excellence": "Doskonałość",
        "Impact": "Wpływ",
        "Quality and efficiency of the implementation": "Jakość i efektywność realizacji",
        "Greenhouse gas emission avoidance": "Uniknięte emisje gazów cieplarnianych",
        "Degree of innovation": "Stopień innowacyjności",
        "Project maturity": "Dojrzałość projektu",
        "Replicability": "Powtarzalność",
        "Cost efficiency": "Efektywność kosztowa",
        "Clear, measurable objectives that go beyond the state of the art and address the topic's scope.": (
            "Jasne, mierzalne cele, które wykraczają poza stan wiedzy i obejmują zakres tematu."
        ),
        "A sound methodology, with the TRL at start and end, interdisciplinarity and gender dimension.": (
            "Solidna metodologia, z TRL na początku i na końcu, interdyscyplinarnością i wymiarem płci."
        ),
        "Credible pathways from your results to each expected outcome below, with indicators.": (
            "Wiarygodne ścieżki od Państwa wyników do każdego oczekiwanego rezultatu poniżej, ze wskaźnikami."
        ),
        "Measures to maximise impact: dissemination, exploitation and communication, target groups.": (
            "Działania maksymalizujące wpływ: upowszechnianie, wykorzystanie i komunikacja, grupy docelowe."
        ),
        "A work plan with work packages, deliverables, milestones and risks, and resources that fit it.": (
            "Plan pracy z pakietami roboczymi, produktami, kamieniami milowymi i ryzykami oraz dopasowanymi zasobami."
        ),
        "A consortium whose members together bring every capacity the work needs.": (
            "Konsorcjum, którego członkowie razem wnoszą wszystkie kompetencje potrzebne do pracy."
        ),
        "Absolute and relative avoidance.": "Unikanie bezwzględne i względne.",
        "Why this goes beyond the state of the art.": "Dlaczego wykracza to poza stan wiedzy.",
        "Technical, financial and operational maturity.": "Dojrzałość techniczna, finansowa i operacyjna.",
        "Further deployment and European added value.": "Dalsze wdrażanie i europejska wartość dodana.",
        "Relevant costs per tonne avoided.": "Odpowiednie koszty na tonę unikniętych emisji.",
        "private company": "przedsiębiorstwo",
        "higher education": "uczelnia",
        "research organisation": "instytucja badawcza",
        "public body": "podmiot publiczny",
        "other": "inne",
        "SME": "MŚP",
    },
}


def localise(english: str, language: str) -> str:
    """``english`` in ``language``; as it is for English, an unsupported language or an unknown string."""
    return TRANSLATIONS.get(language, {}).get(english, english)
