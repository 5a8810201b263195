"""The question banks of the demo, written for the demo, in French and English.

Facts come from ../shared/DOMAIN.md (Niger's institutions, regions, border posts, laws and their dates) or are
general knowledge (the UN Protocol against the Smuggling of Migrants, the results chain, document fraud terms);
no legal article number is cited. Questions are asked at sessions held in 2016–2017 and say so where a fact has
changed since (Law 2015-36 was repealed at the end of November 2023).
"""

DEMO_NOTE_FR = "Question rédigée pour la démonstration de Cadre."
DEMO_NOTE_EN = "Question written for the Cadre demo."

TRUE = ("Vrai", "True")
FALSE = ("Faux", "False")


def single(text_fr, text_en, choices, explanation_fr, explanation_en):
    """A single-choice question; choices are (French, English, correct)."""
    return {
        "kind": "single",
        "text_fr": text_fr,
        "text_en": text_en,
        "choices": choices,
        "explanation_fr": explanation_fr,
        "explanation_en": explanation_en,
    }


def multiple(text_fr, text_en, choices, explanation_fr, explanation_en):
    return {
        "kind": "multiple",
        "text_fr": text_fr,
        "text_en": text_en,
        "choices": choices,
        "explanation_fr": explanation_fr,
        "explanation_en": explanation_en,
    }


def true_false(text_fr, text_en, answer, explanation_fr, explanation_en):
    choices = [(*TRUE, answer), (*FALSE, not answer)]
    return {
        "kind": "true_false",
        "text_fr": text_fr,
        "text_en": text_en,
        "choices": choices,
        "explanation_fr": explanation_fr,
        "explanation_en": explanation_en,
    }


def numeric(text_fr, text_en, answer, explanation_fr, explanation_en, tolerance=0):
    return {
        "kind": "numeric",
        "text_fr": text_fr,
        "text_en": text_en,
        "answer": answer,
        "tolerance": tolerance,
        "explanation_fr": explanation_fr,
        "explanation_en": explanation_en,
    }


KNOWLEDGE = {
    "coordination": [
        numeric(
            "Combien de régions compte le Niger (en comptant Niamey) ?",
            "How many regions does Niger have (Niamey included)?",
            8,
            "Huit : Agadez, Diffa, Dosso, Maradi, Tahoua, Tillabéri, Zinder et Niamey, la capitale, qui a rang de "
            "région (codes ISO 3166-2 NE-1 à NE-8).",
            "Eight: Agadez, Diffa, Dosso, Maradi, Tahoua, Tillabéri, Zinder and Niamey, the capital, which has the "
            "rank of a region (ISO 3166-2 codes NE-1 to NE-8).",
        ),
        single(
            "Quand le Cadre de concertation sur la migration a-t-il été créé ?",
            "When was the Consultation Framework on Migration created?",
            [
                ("Le 2 mai 2016, par arrêté conjoint", "On 2 May 2016, by joint order", True),
                ("Le 16 décembre 2010, par ordonnance", "On 16 December 2010, by ordinance", False),
                ("Le 26 mai 2015, par une loi", "On 26 May 2015, by a law", False),
                ("Il n'a pas encore été créé", "It has not been created yet", False),
            ],
            "Le Cadre de concertation sur la migration a été créé par un arrêté conjoint du 2 mai 2016.",
            "The Consultation Framework on Migration was created by a joint order of 2 May 2016.",
        ),
        single(
            "Qui préside le Cadre de concertation sur la migration ?",
            "Who chairs the Consultation Framework on Migration?",
            [
                ("Le ministre de l'Intérieur", "The Minister of Interior", True),
                ("Le ministre de la Justice", "The Minister of Justice", False),
                ("Le ministre des Affaires étrangères", "The Minister of Foreign Affairs", False),
                ("Le responsable de l'ANLTP", "The head of ANLTP", False),
            ],
            "Il est présidé par le ministre de l'Intérieur ; le ministre de la Justice en assure la vice-présidence.",
            "It is chaired by the Minister of Interior; the Minister of Justice is vice-chair.",
        ),
        true_false(
            "Le ministre de la Justice est vice-président du Cadre de concertation sur la migration.",
            "The Minister of Justice is vice-chair of the Consultation Framework on Migration.",
            True,
            "Vrai : l'arrêté conjoint du 2 mai 2016 confie la vice-présidence au ministre de la Justice.",
            "True: the joint order of 2 May 2016 makes the Minister of Justice vice-chair.",
        ),
        single(
            "Qui est le premier rapporteur du Cadre de concertation sur la migration ?",
            "Who is the first rapporteur of the Consultation Framework on Migration?",
            [
                ("Le responsable de l'ANLTP", "The head of ANLTP", True),
                ("Le directeur de la surveillance du territoire", "The director of territorial surveillance", False),
                ("Le chef de mission de l'OIM", "The IOM chief of mission", False),
                ("Le ministre de la Justice", "The Minister of Justice", False),
            ],
            "Le premier rapporteur est le responsable de l'agence nationale de lutte contre la traite (ANLTP).",
            "The first rapporteur is the head of the national anti-trafficking agency (ANLTP).",
        ),
        single(
            "Quelle structure assure le secrétariat permanent du Cadre de concertation ?",
            "Which body provides the permanent secretariat of the Consultation Framework?",
            [
                ("La Direction de la migration (DGEC-M/R)", "The Directorate of Migration (DGEC-M/R)", True),
                (
                    "La Haute autorité à la consolidation de la paix",
                    "The High Authority for Peace Consolidation",
                    False,
                ),
                ("La Direction de la surveillance du territoire", "The Directorate of Territorial Surveillance", False),
                ("La Délégation de l'Union européenne", "The Delegation of the European Union", False),
            ],
            "Le secrétariat permanent est assuré par la Direction de la migration de la Direction générale de l'état "
            "civil, des migrations et des réfugiés (DGEC-M/R), au Ministère de l'Intérieur.",
            "The permanent secretariat is the Directorate of Migration of the Directorate-General of Civil Status, "
            "Migration and Refugees (DGEC-M/R), in the Ministry of Interior.",
        ),
        numeric(
            "Combien de groupes thématiques le Cadre de concertation sur la migration compte-t-il ?",
            "How many thematic groups does the Consultation Framework on Migration have?",
            4,
            "Quatre : migration et développement ; migration et sécurité ; migration et protection ; groupe "
            "technique sur la migration.",
            "Four: migration and development; migration and security; migration and protection; technical group on "
            "migration.",
        ),
        multiple(
            "Lesquels sont des groupes thématiques du Cadre de concertation ?",
            "Which of these are thematic groups of the Consultation Framework?",
            [
                ("Migration et développement", "Migration and development", True),
                ("Migration et sécurité", "Migration and security", True),
                ("Migration et protection", "Migration and protection", True),
                ("Migration et tourisme", "Migration and tourism", False),
            ],
            "Les quatre groupes sont : migration et développement, migration et sécurité, migration et protection, "
            "et le groupe technique sur la migration.",
            "The four groups are: migration and development, migration and security, migration and protection, and "
            "the technical group on migration.",
        ),
        single(
            "Dans une chaîne de résultats, qu'est-ce qui vient juste après les activités ?",
            "In a results chain, what comes right after the activities?",
            [
                ("Les produits", "The outputs", True),
                ("Les effets", "The outcomes", False),
                ("L'impact", "The impact", False),
                ("Les intrants", "The inputs", False),
            ],
            "La chaîne de résultats (CAD de l'OCDE) va des intrants aux activités, puis aux produits, aux effets et "
            "à l'impact.",
            "The results chain (OECD-DAC) goes from inputs to activities, then outputs, outcomes and impact.",
        ),
        multiple(
            "Qu'indique un cadre logique pour chaque niveau de résultat ?",
            "What does a logical framework give for each level of result?",
            [
                (
                    "Des indicateurs, avec leur valeur de référence et leur cible",
                    "Indicators, with baseline and target",
                    True,
                ),
                ("Les sources de vérification", "The sources of verification", True),
                ("Les hypothèses", "The assumptions", True),
                ("La liste nominative des bénéficiaires", "The names of the beneficiaries", False),
            ],
            "Un cadre logique donne, par niveau, les indicateurs (valeur de référence, cible), les sources de "
            "vérification et les hypothèses ; il ne contient pas de données personnelles.",
            "A logframe gives, per level, indicators (baseline, target), sources of verification and assumptions; it "
            "holds no personal data.",
        ),
        true_false(
            "Un indicateur SMART est spécifique, mesurable, atteignable, réaliste et défini dans le temps.",
            "A SMART indicator is specific, measurable, achievable, relevant and time-bound.",
            True,
            "Vrai : c'est le sens de l'acronyme SMART.",
            "True: that is what the SMART acronym stands for.",
        ),
        single(
            "Quelle organisation met en œuvre la facilité MIEUX, financée par l'Union européenne ?",
            "Which organisation implements the EU-funded MIEUX facility?",
            [
                ("L'ICMPD", "ICMPD", True),
                ("L'OIM", "IOM", False),
                ("L'ONUDC", "UNODC", False),
                ("EUCAP Sahel Niger", "EUCAP Sahel Niger", False),
            ],
            "MIEUX (MIgration EU eXpertise) est mise en œuvre par le Centre international pour le développement des "
            "politiques migratoires (ICMPD).",
            "MIEUX (MIgration EU eXpertise) is implemented by the International Centre for Migration Policy "
            "Development (ICMPD).",
        ),
    ],
    "border-management": [
        single(
            "Quel poste frontière se trouve sur la route de l'Algérie ?",
            "Which border post is on the road to Algeria?",
            [
                ("Assamaka", "Assamaka", True),
                ("Madama", "Madama", False),
                ("Gaya", "Gaya", False),
                ("Makalondi", "Makalondi", False),
            ],
            "Assamaka, dans la région d'Agadez, est le poste frontière avec l'Algérie.",
            "Assamaka, in the Agadez region, is the border post with Algeria.",
        ),
        single(
            "Madama est un poste frontière avec quel pays ?",
            "Madama is a border post with which country?",
            [
                ("La Libye", "Libya", True),
                ("L'Algérie", "Algeria", False),
                ("Le Tchad", "Chad", False),
                ("Le Mali", "Mali", False),
            ],
            "Madama, dans la région d'Agadez, se trouve sur la route de la Libye.",
            "Madama, in the Agadez region, is on the road to Libya.",
        ),
        single(
            "Dans quelle région se trouve le poste frontière de Gaya, à la frontière du Bénin ?",
            "In which region is the Gaya border post, on the border with Benin?",
            [
                ("Dosso", "Dosso", True),
                ("Tillabéri", "Tillabéri", False),
                ("Maradi", "Maradi", False),
                ("Zinder", "Zinder", False),
            ],
            "Gaya se trouve dans la région de Dosso (NE-3).",
            "Gaya is in the Dosso region (NE-3).",
        ),
        multiple(
            "Quels postes frontières se trouvent à la frontière du Burkina Faso ?",
            "Which border posts are on the border with Burkina Faso?",
            [
                ("Makalondi", "Makalondi", True),
                ("Petel Kolé", "Petel Kolé", True),
                ("Yassan", "Yassan", False),
                ("Birni N'Konni", "Birni N'Konni", False),
            ],
            "Makalondi et Petel Kolé (région de Tillabéri) sont à la frontière du Burkina Faso ; Yassan est à la "
            "frontière du Mali et Birni N'Konni à celle du Nigeria.",
            "Makalondi and Petel Kolé (Tillabéri region) are on the border with Burkina Faso; Yassan is on the "
            "border with Mali and Birni N'Konni on the border with Nigeria.",
        ),
        single(
            "Quel service gère le système d'information MIDAS aux postes frontières ?",
            "Which service runs the MIDAS information system at border posts?",
            [
                (
                    "La Direction de la surveillance du territoire (DST)",
                    "The Directorate of Territorial Surveillance (DST)",
                    True,
                ),
                ("La Gendarmerie nationale", "The National Gendarmerie", False),
                ("La Garde nationale du Niger", "The National Guard of Niger", False),
                ("L'ANLTP", "ANLTP", False),
            ],
            "La DST, police des frontières, gère le système MIDAS, qui enregistre les entrées et les sorties aux "
            "postes équipés.",
            "The DST, the border police, runs MIDAS, which records entries and exits at equipped border posts.",
        ),
        true_false(
            "En 2016, les ressortissants des États membres de la CEDEAO pouvaient entrer au Niger sans visa.",
            "In 2016, nationals of ECOWAS member states could enter Niger without a visa.",
            True,
            "Vrai : le protocole de la CEDEAO de 1979 sur la libre circulation des personnes permet d'entrer sans "
            "visa dans un autre État membre. Situation à la date de la session.",
            "True: the 1979 ECOWAS protocol on the free movement of persons allows entry into another member state "
            "without a visa. As at the date of the session.",
        ),
        numeric(
            "Pendant combien de jours au plus le protocole de la CEDEAO de 1979 permet-il de séjourner sans visa "
            "dans un autre État membre ?",
            "For at most how many days does the 1979 ECOWAS protocol allow a stay without a visa in another member "
            "state?",
            90,
            "Quatre-vingt-dix jours ; au-delà, le séjour relève des règles de l'État d'accueil.",
            "Ninety days; beyond that, the stay falls under the host state's rules.",
        ),
        single(
            "Quel poste frontière se trouve à la frontière du Mali ?",
            "Which border post is on the border with Mali?",
            [
                ("Yassan", "Yassan", True),
                ("Eroufa", "Eroufa", False),
                ("Assamaka", "Assamaka", False),
                ("Gaya", "Gaya", False),
            ],
            "Yassan, dans la région de Tillabéri, est à la frontière du Mali.",
            "Yassan, in the Tillabéri region, is on the border with Mali.",
        ),
        true_false(
            "Birni N'Konni se trouve à la frontière du Nigeria.",
            "Birni N'Konni is on the border with Nigeria.",
            True,
            "Vrai : Birni N'Konni, dans la région de Tahoua, est un point de passage vers le Nigeria.",
            "True: Birni N'Konni, in the Tahoua region, is a crossing point to Nigeria.",
        ),
        single(
            "Sur quoi repose d'abord la gestion intégrée des frontières ?",
            "What does integrated border management rest on first?",
            [
                (
                    "La coopération entre services et avec les pays voisins",
                    "Cooperation between services and with neighbouring countries",
                    True,
                ),
                ("La fermeture des frontières", "Closing the borders", False),
                ("Le contrôle par une seule force", "Control by a single force", False),
                ("La délivrance des visas à la frontière", "Issuing visas at the border", False),
            ],
            "La gestion intégrée des frontières associe la coopération au sein d'un service, entre services et avec "
            "les pays voisins, et l'analyse des risques.",
            "Integrated border management combines cooperation within a service, between services and with "
            "neighbouring countries, and risk analysis.",
        ),
        multiple(
            "Quelles forces sont présentes aux frontières et sur les axes routiers du Niger ?",
            "Which forces are present at Niger's borders and on its roads?",
            [
                ("La Police nationale (DST)", "The National Police (DST)", True),
                ("La Gendarmerie nationale", "The National Gendarmerie", True),
                ("La Garde nationale du Niger", "The National Guard of Niger", True),
                (
                    "La Haute autorité à la consolidation de la paix",
                    "The High Authority for Peace Consolidation",
                    False,
                ),
            ],
            "La DST, la Gendarmerie nationale et la Garde nationale sont présentes aux frontières et sur les axes ; "
            "la HACP n'est pas une force de sécurité.",
            "The DST, the National Gendarmerie and the National Guard are present at borders and on roads; the HACP "
            "is not a security force.",
        ),
        single(
            "Quelle région est le principal carrefour des routes vers l'Algérie et la Libye ?",
            "Which region is the main crossroads of the routes to Algeria and Libya?",
            [
                ("Agadez", "Agadez", True),
                ("Diffa", "Diffa", False),
                ("Dosso", "Dosso", False),
                ("Maradi", "Maradi", False),
            ],
            "La région d'Agadez, avec Arlit, Assamaka, Séguédine et Madama, est le principal carrefour de ces routes.",
            "The Agadez region, with Arlit, Assamaka, Séguédine and Madama, is the main crossroads of these routes.",
        ),
        single(
            "Quelle organisation suit les flux sur les axes à Arlit, Séguédine et Madama ?",
            "Which organisation monitors flows on the roads at Arlit, Séguédine and Madama?",
            [
                ("L'OIM", "IOM", True),
                ("Le HCR", "UNHCR", False),
                ("L'ONUDC", "UNODC", False),
                ("La GIZ", "GIZ", False),
            ],
            "L'OIM tient des points de suivi des flux à Arlit, Séguédine, Madama, Dan Barto, Magaria, Tahoua et "
            "Dan Issa.",
            "IOM runs flow monitoring points at Arlit, Séguédine, Madama, Dan Barto, Magaria, Tahoua and Dan Issa.",
        ),
    ],
    "vulnerable-migrants": [
        single(
            "Dans quelle ville l'ANLTP dispose-t-elle d'un centre d'accueil des victimes ?",
            "In which town does ANLTP have a shelter for victims?",
            [
                ("Zinder", "Zinder", True),
                ("Agadez", "Agadez", False),
                ("Diffa", "Diffa", False),
                ("Tahoua", "Tahoua", False),
            ],
            "L'ANLTP dispose d'un centre d'accueil des victimes de traite à Zinder.",
            "ANLTP has a shelter for victims of trafficking in Zinder.",
        ),
        single(
            "À quoi sert un mécanisme national d'orientation ?",
            "What is a national referral mechanism for?",
            [
                (
                    "À identifier les personnes vulnérables et à les orienter vers les services compétents",
                    "Identifying vulnerable people and referring them to the competent services",
                    True,
                ),
                ("À délivrer des titres de séjour", "Issuing residence permits", False),
                ("À fixer des quotas de migrants", "Setting migrant quotas", False),
                ("À juger les passeurs", "Trying smugglers", False),
            ],
            "Un mécanisme d'orientation organise l'identification des personnes vulnérables, leur protection et "
            "leur orientation vers les services (santé, hébergement, aide juridique), avec un suivi des cas.",
            "A referral mechanism organises the identification and protection of vulnerable people and their "
            "referral to services (health, shelter, legal aid), with case follow-up.",
        ),
        true_false(
            "Un enfant migrant non accompagné doit d'abord être traité comme un enfant à protéger.",
            "An unaccompanied migrant child must first be treated as a child in need of protection.",
            True,
            "Vrai : l'intérêt supérieur de l'enfant prime, quel que soit son statut migratoire.",
            "True: the best interests of the child come first, whatever the child's migration status.",
        ),
        multiple(
            "Lesquelles de ces personnes appellent une protection particulière ?",
            "Which of these people call for particular protection?",
            [
                ("Les enfants non accompagnés", "Unaccompanied children", True),
                ("Les victimes de traite", "Victims of trafficking", True),
                ("Les personnes malades ou blessées", "Sick or injured people", True),
                ("Les passeurs arrêtés", "Arrested smugglers", False),
            ],
            "Enfants non accompagnés, victimes de traite, personnes malades ou blessées font partie des personnes "
            "vulnérables ; un passeur arrêté a des droits de la défense, mais n'est pas une personne à protéger "
            "à ce titre.",
            "Unaccompanied children, victims of trafficking and sick or injured people are among vulnerable people; "
            "an arrested smuggler has defence rights but is not a person to protect on that ground.",
        ),
        true_false(
            "Selon le Protocole des Nations unies, un migrant ne doit pas être poursuivi pénalement du seul fait "
            "d'avoir été l'objet d'un trafic illicite.",
            "Under the UN Protocol, a migrant must not be prosecuted merely for having been the object of smuggling.",
            True,
            "Vrai : le Protocole contre le trafic illicite de migrants vise les passeurs, pas les migrants objets du "
            "trafic.",
            "True: the Protocol against the Smuggling of Migrants targets smugglers, not the smuggled migrants.",
        ),
        single(
            "Qu'est-ce qui distingue la traite des personnes du trafic illicite de migrants ?",
            "What distinguishes trafficking in persons from the smuggling of migrants?",
            [
                ("La traite vise l'exploitation de la personne", "Trafficking aims at exploiting the person", True),
                (
                    "La traite suppose toujours le passage d'une frontière",
                    "Trafficking always involves crossing a border",
                    False,
                ),
                ("Le trafic ne donne jamais lieu à un paiement", "Smuggling never involves payment", False),
                (
                    "Aucune différence : ce sont deux mots pour la même chose",
                    "None: they are two words for the same thing",
                    False,
                ),
            ],
            "La traite vise l'exploitation de la personne, avec ou sans passage de frontière ; le trafic illicite "
            "consiste à faire entrer illégalement une personne dans un État contre un avantage financier ou "
            "matériel.",
            "Trafficking aims at exploiting the person, with or without crossing a border; smuggling is procuring "
            "a person's illegal entry into a state for a financial or material benefit.",
        ),
        true_false(
            "La traite des personnes suppose nécessairement le franchissement d'une frontière.",
            "Trafficking in persons necessarily involves crossing a border.",
            False,
            "Faux : la traite peut avoir lieu à l'intérieur d'un pays ; c'est le trafic illicite de migrants qui "
            "suppose le franchissement d'une frontière.",
            "False: trafficking can take place within one country; it is migrant smuggling that involves crossing a "
            "border.",
        ),
        single(
            "Quel texte a créé l'agence nationale de lutte contre la traite des personnes (ANLTP) ?",
            "Which instrument created the national agency against trafficking in persons (ANLTP)?",
            [
                ("L'ordonnance n° 2010-86 du 16 décembre 2010", "Ordinance 2010-86 of 16 December 2010", True),
                ("La loi n° 2015-36 du 26 mai 2015", "Law 2015-36 of 26 May 2015", False),
                ("L'arrêté conjoint du 2 mai 2016", "The joint order of 2 May 2016", False),
                ("Le Protocole des Nations unies de 2000", "The 2000 UN Protocol", False),
            ],
            "L'ordonnance n° 2010-86 relative à la lutte contre la traite des personnes a créé l'ANLTP.",
            "Ordinance 2010-86 on combating trafficking in persons created ANLTP.",
        ),
        single(
            "Quelle agence des Nations unies a pour mandat la protection des réfugiés ?",
            "Which UN agency has the mandate to protect refugees?",
            [
                ("Le HCR", "UNHCR", True),
                ("L'OIM", "IOM", False),
                ("L'ONUDC", "UNODC", False),
                ("Le PNUD", "UNDP", False),
            ],
            "Le Haut Commissariat des Nations unies pour les réfugiés (HCR) ; parmi les migrants en transit "
            "peuvent se trouver des personnes qui ont besoin d'une protection internationale.",
            "The Office of the UN High Commissioner for Refugees (UNHCR); migrants in transit may include people "
            "in need of international protection.",
        ),
        single(
            "Que faire d'abord face à une victime présumée de traite ?",
            "What should be done first with a presumed victim of trafficking?",
            [
                (
                    "La mettre en sécurité et l'orienter vers les services de protection",
                    "Make the person safe and refer them to protection services",
                    True,
                ),
                ("L'interroger comme suspecte", "Question them as a suspect", False),
                ("La reconduire à la frontière", "Take them back to the border", False),
                ("La laisser repartir sans autre contact", "Let them go without further contact", False),
            ],
            "La mise en sécurité et l'orientation passent avant tout ; l'audition vient ensuite, dans le respect "
            "de la victime.",
            "Safety and referral come first; any interview comes later, with respect for the victim.",
        ),
        true_false(
            "Une victime de traite doit être informée de ses droits dans une langue qu'elle comprend.",
            "A victim of trafficking must be told their rights in a language they understand.",
            True,
            "Vrai : une information compréhensible est la condition de l'accès aux droits et aux services.",
            "True: understandable information is the condition for access to rights and services.",
        ),
        true_false(
            "Le trafic illicite de migrants suppose le franchissement illégal d'une frontière.",
            "Migrant smuggling involves the illegal crossing of a border.",
            True,
            "Vrai : il consiste à assurer l'entrée illégale d'une personne dans un État dont elle n'est ni "
            "ressortissante ni résidente, pour en tirer un avantage.",
            "True: it is procuring a person's illegal entry into a state of which they are neither a national nor a "
            "resident, for a benefit.",
        ),
    ],
    "detection": [
        single(
            "Un document authentique dont une mention a été modifiée est un document…",
            "A genuine document in which an entry has been altered is…",
            [
                ("Falsifié", "Falsified", True),
                ("Contrefait", "Counterfeit", False),
                ("Authentique et valable", "Genuine and valid", False),
                ("Volé en blanc", "Stolen blank", False),
            ],
            "Un document falsifié est un document authentique modifié ; un document contrefait est entièrement "
            "fabriqué.",
            "A falsified document is a genuine document that has been altered; a counterfeit document is entirely "
            "fabricated.",
        ),
        single(
            "Un document entièrement fabriqué pour imiter un document officiel est…",
            "A document entirely made to imitate an official document is…",
            [
                ("Contrefait", "Counterfeit", True),
                ("Falsifié", "Falsified", False),
                ("Périmé", "Expired", False),
                ("Authentique", "Genuine", False),
            ],
            "C'est une contrefaçon : aucun élément ne provient du document officiel.",
            "It is a counterfeit: no part of it comes from the official document.",
        ),
        true_false(
            "Utiliser le passeport authentique d'une autre personne qui vous ressemble est une fraude.",
            "Using the genuine passport of another person who looks like you is fraud.",
            True,
            "Vrai : c'est l'usurpation d'identité (ou « imposteur ») ; le document est authentique, mais son porteur "
            "n'en est pas le titulaire.",
            'True: it is impersonation (an "impostor"); the document is genuine but the bearer is not its holder.',
        ),
        numeric(
            "Combien de lignes compte la zone de lecture automatique (MRZ) d'un passeport ?",
            "How many lines does the machine-readable zone (MRZ) of a passport have?",
            2,
            "Deux lignes de 44 caractères sur la page des données d'un passeport (norme OACI 9303).",
            "Two lines of 44 characters on a passport's data page (ICAO standard 9303).",
        ),
        multiple(
            "Quels indices peuvent signaler un trafic illicite de migrants lors d'un contrôle sur un axe ?",
            "Which signs may point to migrant smuggling during a road check?",
            [
                ("De nombreux passagers sans documents de voyage", "Many passengers without travel documents", True),
                ("Des documents identiques ou falsifiés", "Identical or falsified documents", True),
                (
                    "Un chauffeur qui a perçu une somme de chaque passager",
                    "A driver who collected a sum from each passenger",
                    True,
                ),
                (
                    "Un voyageur muni d'un passeport valide et d'un billet",
                    "A traveller with a valid passport and a ticket",
                    False,
                ),
            ],
            "Aucun indice ne suffit seul, mais leur accumulation justifie des vérifications ; un voyageur en règle "
            "n'en est pas un.",
            "No sign is enough on its own, but together they justify checks; a traveller whose papers are in order "
            "is not one.",
        ),
        single(
            "Quel système d'information enregistre les entrées et les sorties aux postes frontières équipés du Niger ?",
            "Which information system records entries and exits at Niger's equipped border posts?",
            [
                ("MIDAS", "MIDAS", True),
                ("Le système d'information Schengen", "The Schengen Information System", False),
                ("EURODAC", "EURODAC", False),
                ("Le système d'information sur les visas de l'UE", "The EU Visa Information System", False),
            ],
            "MIDAS, géré par la DST ; les trois autres sont des systèmes de l'Union européenne.",
            "MIDAS, run by the DST; the other three are European Union systems.",
        ),
        single(
            "Quelle organisation a conçu le système MIDAS ?",
            "Which organisation designed the MIDAS system?",
            [
                ("L'OIM", "IOM", True),
                ("Interpol", "Interpol", False),
                ("L'ONUDC", "UNODC", False),
                ("EUCAP Sahel Niger", "EUCAP Sahel Niger", False),
            ],
            "MIDAS (Migration Information and Data Analysis System) est un système de gestion des frontières "
            "conçu par l'OIM.",
            "MIDAS (Migration Information and Data Analysis System) is a border management system designed by IOM.",
        ),
        true_false(
            "Interpol tient une base de données des documents de voyage volés et perdus.",
            "Interpol keeps a database of stolen and lost travel documents.",
            True,
            "Vrai : la base SLTD (Stolen and Lost Travel Documents) peut être consultée lors des contrôles.",
            "True: the SLTD (Stolen and Lost Travel Documents) database can be checked during controls.",
        ),
        single(
            "À quoi sert l'analyse des risques ?",
            "What is risk analysis for?",
            [
                (
                    "À orienter les contrôles vers les axes et les situations les plus exposés",
                    "Directing checks to the routes and situations most at risk",
                    True,
                ),
                ("À contrôler chaque voyageur de la même manière", "Checking every traveller in the same way", False),
                ("À remplacer les contrôles", "Replacing checks", False),
                ("À établir des listes de nationalités interdites", "Drawing up lists of banned nationalities", False),
            ],
            "L'analyse des risques, nourrie par l'information partagée entre services, permet de concentrer les "
            "moyens là où ils sont le plus utiles.",
            "Risk analysis, fed by information shared between services, concentrates resources where they are most "
            "useful.",
        ),
        true_false(
            "Une victime de traite peut être repérée lors d'un contrôle de routine.",
            "A victim of trafficking may be spotted during a routine check.",
            True,
            "Vrai : les agents de contrôle sont souvent les premiers en contact avec les victimes ; d'où l'intérêt "
            "de les former aux indicateurs de traite.",
            "True: control officers are often the first to meet victims, hence the value of training them on "
            "trafficking indicators.",
        ),
        multiple(
            "Quels éléments de sécurité se vérifient sur un passeport ?",
            "Which security features are checked on a passport?",
            [
                ("Le filigrane", "The watermark", True),
                ("Les éléments optiquement variables (hologramme)", "Optically variable features (hologram)", True),
                (
                    "La cohérence de la zone de lecture automatique",
                    "The consistency of the machine-readable zone",
                    True,
                ),
                ("La signature du chef de poste frontière", "The signature of the head of the border post", False),
            ],
            "Filigrane, éléments optiquement variables et MRZ font partie des vérifications ; le chef de poste ne "
            "signe pas le passeport.",
            "Watermark, optically variable features and MRZ are among the checks; the head of post does not sign "
            "the passport.",
        ),
        single(
            "Quelle institution nigérienne coordonne la lutte contre la traite des personnes ?",
            "Which Nigerien institution coordinates the fight against trafficking in persons?",
            [
                ("L'ANLTP", "ANLTP", True),
                ("La HACP", "HACP", False),
                ("La DGEC-M/R", "DGEC-M/R", False),
                ("La Garde nationale du Niger", "The National Guard of Niger", False),
            ],
            "L'agence nationale de lutte contre la traite des personnes (ANLTP), créée par l'ordonnance n° 2010-86.",
            "The national agency against trafficking in persons (ANLTP), created by Ordinance 2010-86.",
        ),
    ],
    "investigation": [
        single(
            "Quel texte nigérien incriminait le trafic illicite de migrants en 2016 ?",
            "Which Nigerien instrument criminalised migrant smuggling in 2016?",
            [
                ("La loi n° 2015-36 du 26 mai 2015", "Law 2015-36 of 26 May 2015", True),
                ("L'ordonnance n° 2010-86", "Ordinance 2010-86", False),
                ("L'arrêté conjoint du 2 mai 2016", "The joint order of 2 May 2016", False),
                ("Le code de la route", "The highway code", False),
            ],
            "La loi n° 2015-36 relative au trafic illicite de migrants. Elle a été abrogée par ordonnance à la fin "
            "du mois de novembre 2023.",
            "Law 2015-36 on the illicit smuggling of migrants. It was repealed by ordinance at the end of November "
            "2023.",
        ),
        numeric(
            "En quelle année le Niger a-t-il adopté sa loi sur le trafic illicite de migrants (loi n° 2015-36) ?",
            "In which year did Niger adopt its law on migrant smuggling (Law 2015-36)?",
            2015,
            "La loi a été adoptée le 26 mai 2015.",
            "The law was adopted on 26 May 2015.",
        ),
        single(
            "Quelle convention le Protocole contre le trafic illicite de migrants complète-t-il ?",
            "Which convention does the Protocol against the Smuggling of Migrants supplement?",
            [
                (
                    "La Convention des Nations unies contre la criminalité transnationale organisée",
                    "The UN Convention against Transnational Organized Crime",
                    True,
                ),
                ("La Convention de 1951 relative au statut des réfugiés", "The 1951 Refugee Convention", False),
                ("La Convention relative aux droits de l'enfant", "The Convention on the Rights of the Child", False),
                (
                    "La Charte africaine des droits de l'homme et des peuples",
                    "The African Charter on Human and Peoples' Rights",
                    False,
                ),
            ],
            "Le Protocole, adopté le 15 novembre 2000, complète la Convention des Nations unies contre la "
            "criminalité transnationale organisée.",
            "The Protocol, adopted on 15 November 2000, supplements the UN Convention against Transnational "
            "Organized Crime.",
        ),
        numeric(
            "En quelle année le Protocole des Nations unies contre le trafic illicite de migrants est-il entré en "
            "vigueur ?",
            "In which year did the UN Protocol against the Smuggling of Migrants enter into force?",
            2004,
            "Adopté le 15 novembre 2000, il est entré en vigueur le 28 janvier 2004.",
            "Adopted on 15 November 2000, it entered into force on 28 January 2004.",
        ),
        single(
            "Quel élément fait d'une aide au passage d'une frontière un trafic illicite de migrants ?",
            "What makes help to cross a border migrant smuggling?",
            [
                ("La recherche d'un avantage financier ou matériel", "Seeking a financial or material benefit", True),
                ("Le fait de voyager en groupe", "Travelling in a group", False),
                ("L'usage d'un véhicule", "Using a vehicle", False),
                ("La nationalité du migrant", "The migrant's nationality", False),
            ],
            "Le Protocole définit le trafic illicite comme le fait d'assurer l'entrée illégale d'une personne afin "
            "d'en tirer, directement ou indirectement, un avantage financier ou un autre avantage matériel.",
            "The Protocol defines smuggling as procuring a person's illegal entry in order to obtain, directly or "
            "indirectly, a financial or other material benefit.",
        ),
        multiple(
            "Quelles techniques d'enquête sont utiles contre les réseaux de passeurs ?",
            "Which investigation techniques are useful against smuggling networks?",
            [
                ("La surveillance", "Surveillance", True),
                (
                    "Les interceptions de communications autorisées par un magistrat",
                    "Interception of communications authorised by a judge",
                    True,
                ),
                ("L'enquête financière", "Financial investigation", True),
                ("Les aveux obtenus sous la contrainte", "Confessions obtained under duress", False),
            ],
            "Surveillance, interceptions autorisées et enquête financière sont des techniques reconnues ; des aveux "
            "obtenus sous la contrainte sont illégaux et sans valeur.",
            "Surveillance, authorised interception and financial investigation are recognised techniques; "
            "confessions obtained under duress are unlawful and worthless.",
        ),
        true_false(
            "L'entraide judiciaire permet de demander à un autre État d'accomplir des actes d'enquête.",
            "Mutual legal assistance allows one state to ask another to carry out investigative acts.",
            True,
            "Vrai : auditions, saisies, transmission de pièces ; la Convention contre la criminalité transnationale "
            "organisée en fournit une base.",
            "True: interviews, seizures, sending records; the Convention against Transnational Organized Crime "
            "provides a basis for it.",
        ),
        single(
            "Qui dirige l'action de la police judiciaire dans une affaire de trafic illicite de migrants ?",
            "Who directs the judicial police in a migrant smuggling case?",
            [
                (
                    "Le procureur de la République (ou le juge d'instruction saisi)",
                    "The public prosecutor (or the investigating judge in charge)",
                    True,
                ),
                ("Le chef du poste frontière", "The head of the border post", False),
                ("L'OIM", "IOM", False),
                ("Le maire de la commune", "The mayor of the municipality", False),
            ],
            "Les enquêtes sont conduites sous la direction du parquet, ou du juge d'instruction lorsqu'il est saisi.",
            "Investigations are led by the prosecution service, or by the investigating judge once seized.",
        ),
        true_false(
            "Les témoins et victimes d'un réseau peuvent avoir besoin de mesures de protection pour témoigner.",
            "Witnesses and victims of a network may need protection measures to testify.",
            True,
            "Vrai : sans protection, les témoins renoncent souvent à déposer.",
            "True: without protection, witnesses often give up testifying.",
        ),
        single(
            "Quelle agence des Nations unies appuie la mise en œuvre de la Convention contre la criminalité "
            "transnationale organisée et de ses protocoles ?",
            "Which UN agency supports the implementation of the Convention against Transnational Organized Crime "
            "and its protocols?",
            [
                ("L'ONUDC", "UNODC", True),
                ("L'OIM", "IOM", False),
                ("Le HCR", "UNHCR", False),
                ("L'UNICEF", "UNICEF", False),
            ],
            "L'Office des Nations unies contre la drogue et le crime (ONUDC) est le gardien de la Convention et de "
            "ses protocoles.",
            "The United Nations Office on Drugs and Crime (UNODC) is the guardian of the Convention and its protocols.",
        ),
        true_false(
            "La saisie et la confiscation des avoirs criminels affaiblissent les réseaux de passeurs.",
            "Seizing and confiscating criminal assets weakens smuggling networks.",
            True,
            "Vrai : le trafic illicite de migrants est une activité lucrative ; en priver les réseaux les atteint "
            "directement.",
            "True: migrant smuggling is lucrative; depriving networks of the proceeds hits them directly.",
        ),
        true_false(
            "L'action pénale contre le trafic illicite de migrants vise d'abord les migrants transportés.",
            "Criminal action against migrant smuggling targets first the migrants transported.",
            False,
            "Faux : elle vise les passeurs et les réseaux ; les migrants objets du trafic ne doivent pas être "
            "poursuivis de ce seul fait.",
            "False: it targets smugglers and networks; smuggled migrants must not be prosecuted for that fact alone.",
        ),
    ],
    "return": [
        single(
            "Quelle organisation internationale met en œuvre l'aide au retour volontaire et à la réintégration au "
            "Niger ?",
            "Which international organisation implements assisted voluntary return and reintegration in Niger?",
            [
                ("L'OIM", "IOM", True),
                ("Le HCR", "UNHCR", False),
                ("L'ONUDC", "UNODC", False),
                ("EUCAP Sahel Niger", "EUCAP Sahel Niger", False),
            ],
            "L'OIM organise l'aide au retour volontaire depuis le Niger et la réintégration des personnes de retour.",
            "IOM organises assisted voluntary return from Niger and the reintegration of returnees.",
        ),
        true_false(
            "Un retour volontaire assisté suppose le consentement libre et éclairé de la personne.",
            "Assisted voluntary return requires the person's free and informed consent.",
            True,
            "Vrai : sans consentement libre et éclairé, le retour n'est pas volontaire.",
            "True: without free and informed consent, the return is not voluntary.",
        ),
        multiple(
            "Quelles dimensions la réintégration durable comprend-elle ?",
            "Which dimensions does sustainable reintegration include?",
            [
                ("Économique", "Economic", True),
                ("Sociale", "Social", True),
                ("Psychosociale", "Psychosocial", True),
                ("Militaire", "Military", False),
            ],
            "La réintégration durable associe l'autonomie économique, la stabilité sociale et le bien-être "
            "psychosocial.",
            "Sustainable reintegration combines economic self-sufficiency, social stability and psychosocial "
            "well-being.",
        ),
        true_false(
            "Le principe de non-refoulement interdit de renvoyer une personne vers un pays où elle risque la "
            "persécution.",
            "The principle of non-refoulement forbids returning a person to a country where they face persecution.",
            True,
            "Vrai : ce principe, posé par la Convention de 1951 relative au statut des réfugiés, s'impose à toute "
            "décision de retour.",
            "True: this principle, set by the 1951 Refugee Convention, binds every return decision.",
        ),
        single(
            "Quel ministère assure la protection consulaire des Nigériens à l'étranger ?",
            "Which ministry provides consular protection to Nigeriens abroad?",
            [
                ("Le Ministère des Affaires étrangères", "The Ministry of Foreign Affairs", True),
                ("Le Ministère de la Justice", "The Ministry of Justice", False),
                ("Le Ministère de la Jeunesse et des Sports", "The Ministry of Youth and Sports", False),
                (
                    "La Haute autorité à la consolidation de la paix",
                    "The High Authority for Peace Consolidation",
                    False,
                ),
            ],
            "Le Ministère des Affaires étrangères, par ses ambassades et consulats.",
            "The Ministry of Foreign Affairs, through its embassies and consulates.",
        ),
        single(
            "Quel poste frontière voit arriver des personnes refoulées ou expulsées d'Algérie ?",
            "Which border post sees people turned back or expelled from Algeria arrive?",
            [
                ("Assamaka", "Assamaka", True),
                ("Gaya", "Gaya", False),
                ("Makalondi", "Makalondi", False),
                ("Birni N'Konni", "Birni N'Konni", False),
            ],
            "Assamaka, à la frontière algérienne, est un point d'arrivée de personnes refoulées ou expulsées "
            "d'Algérie.",
            "Assamaka, on the Algerian border, is an arrival point for people turned back or expelled from Algeria.",
        ),
        single(
            "Que désigne-t-on par « voies de sortie de l'irrégularité » ?",
            'What are "pathways out of irregularity"?',
            [
                (
                    "Les moyens d'obtenir un séjour régulier ou une protection",
                    "Ways to obtain a regular stay or protection",
                    True,
                ),
                ("Les routes empruntées par les passeurs", "The routes smugglers use", False),
                ("Les postes frontières", "Border posts", False),
                ("Les sanctions contre les migrants", "Penalties against migrants", False),
            ],
            "Régularisation, titre de séjour, protection internationale : autant de voies pour sortir d'une "
            "situation irrégulière autrement que par le retour.",
            "Regularisation, residence permits, international protection: ways out of an irregular situation other "
            "than return.",
        ),
        true_false(
            "La régularisation du séjour est l'une des voies de sortie de l'irrégularité.",
            "Regularising a person's stay is one of the pathways out of irregularity.",
            True,
            "Vrai : elle permet à une personne de demeurer légalement dans le pays où elle se trouve.",
            "True: it allows a person to remain lawfully in the country where they are.",
        ),
        single(
            "Quel est le rôle des services consulaires dans le retour d'un ressortissant ?",
            "What is the role of consular services in returning a national?",
            [
                (
                    "Établir son identité et lui délivrer un document de voyage",
                    "Establishing the person's identity and issuing a travel document",
                    True,
                ),
                ("Décider de sa culpabilité", "Deciding whether the person is guilty", False),
                ("Lui refuser l'entrée dans son pays", "Refusing the person entry to their country", False),
                ("Organiser sa détention", "Organising their detention", False),
            ],
            "Les consulats identifient leurs ressortissants et leur délivrent un passeport ou un laissez-passer.",
            "Consulates identify their nationals and issue them a passport or an emergency travel document.",
        ),
        true_false(
            "La réintégration réussit mieux lorsqu'elle associe les communautés d'origine.",
            "Reintegration works better when it involves the communities of origin.",
            True,
            "Vrai : l'acceptation par la communauté et les projets qui en bénéficient aussi favorisent une "
            "réintégration durable.",
            "True: acceptance by the community, and projects that benefit it too, support sustainable reintegration.",
        ),
        true_false(
            "Une personne de retour n'a besoin d'aucun accompagnement une fois arrivée dans son pays.",
            "A returnee needs no support once back in their country.",
            False,
            "Faux : l'accueil, l'orientation et l'appui à la réintégration conditionnent la durabilité du retour.",
            "False: reception, referral and reintegration support determine whether the return lasts.",
        ),
        single(
            "Quel axe de la stratégie traite du retour et de la réintégration ?",
            "Which axis of the strategy deals with return and reintegration?",
            [
                (
                    "L'axe 6 — Retour et voies de sortie de l'irrégularité",
                    "Axis 6 — Return and pathways out of irregularity",
                    True,
                ),
                ("L'axe 2 — Gestion des frontières", "Axis 2 — Border management", False),
                ("L'axe 4 — Détection", "Axis 4 — Detection", False),
                ("L'axe 5 — Enquêtes et poursuites", "Axis 5 — Investigation and prosecution", False),
            ],
            "Dans le projet de stratégie, l'axe 6 traite du retour et des voies de sortie de l'irrégularité.",
            "In the draft strategy, axis 6 deals with return and pathways out of irregularity.",
        ),
    ],
}

# Capacity self-assessment on developing a strategy: agreement from 1 (not at all) to 5 (fully).
SELF_ASSESSMENT = [
    (
        "Je sais analyser une situation migratoire à partir de sources de données différentes.",
        "I can analyse a migration situation from different data sources.",
    ),
    ("Je sais construire un arbre à problèmes.", "I can build a problem tree."),
    (
        "Je sais formuler une vision et des objectifs stratégiques.",
        "I can formulate a vision and strategic objectives.",
    ),
    ("Je sais rédiger un objectif SMART.", "I can write a SMART objective."),
    (
        "Je sais distinguer activités, produits, effets et impact.",
        "I can tell activities, outputs, outcomes and impact apart.",
    ),
    (
        "Je sais définir un indicateur avec sa valeur de référence et sa cible.",
        "I can define an indicator with its baseline and target.",
    ),
    ("Je sais estimer le coût d'une mesure.", "I can estimate the cost of a measure."),
    (
        "Je sais organiser la consultation des institutions et des partenaires.",
        "I can organise the consultation of institutions and partners.",
    ),
    ("Je sais concevoir un dispositif de suivi et d'évaluation.", "I can design a monitoring and evaluation system."),
    (
        "Je sais rédiger une section de stratégie cohérente avec les autres.",
        "I can write a strategy section consistent with the others.",
    ),
    (
        "Je connais le rôle de chaque institution nationale dans la lutte contre la migration irrégulière.",
        "I know the role of each national institution in countering irregular migration.",
    ),
    (
        "Je sais tenir compte des besoins des migrants vulnérables dans une mesure.",
        "I can take the needs of vulnerable migrants into account in a measure.",
    ),
]

EVALUATION_SCALES = [
    ("Les objectifs de la session étaient clairs.", "The objectives of the session were clear."),
    ("Le contenu était utile pour mon travail.", "The content was useful for my work."),
    ("Les présentations des experts étaient de qualité.", "The experts' presentations were of good quality."),
    ("Le temps consacré aux échanges était suffisant.", "There was enough time for discussion."),
    ("L'organisation matérielle était satisfaisante.", "The practical arrangements were satisfactory."),
]
EVALUATION_TEXTS = [
    ("Qu'avez-vous le plus apprécié ?", "What did you appreciate most?"),
    ("Que faudrait-il améliorer ?", "What should be improved?"),
]

# Open answers of the demo evaluations, written for the demo; shown without names.
COMMENTS_LIKED = [
    "Les exemples concrets des experts.",
    "Le travail en groupes.",
    "Les échanges entre services qui ne se rencontrent pas souvent.",
    "L'exercice pratique sur les documents.",
    "La clarté des présentations.",
]
COMMENTS_IMPROVE = [
    "Plus de temps pour les questions.",
    "Envoyer les présentations avant la session.",
    "Une salle mieux ventilée.",
    "Inviter davantage de services régionaux.",
    "Des études de cas tirées de la région d'Agadez.",
]
