"""Theme suggestion: which of the workspace's themes an intervention is about, from its words and codes.

Each theme has seed words (its names, plus the vocabulary below for the usual migration themes) and the
words the secretariat's decisions taught this workspace (`ThemeHint`: +1 when a suggestion is confirmed or a
theme added by hand, −1 when one is rejected). An intervention's title, description, topics and sectors are
matched; a suggestion shows the words that matched, so the secretariat sees why.
"""

import re
import unicodedata

from django.db import transaction

from .models import Intervention, ThemeHint, ThemeSuggestion

# Words that usually point to a theme of a national strategy on irregular migration, French and English,
# keyed by words of the theme's own name. Stems (prefixes) are matched, accents and case ignored.
VOCABULARY = {
    "coordination": [
        "coordination",
        "gouvernance",
        "governance",
        "politique migratoire",
        "migration policy",
        "strategie",
        "strategy",
        "institutionnel",
        "institutional",
        "donnees",
        "data",
        "statistique",
    ],
    "frontiere": [
        "frontier",
        "frontiere",
        "border",
        "poste frontiere",
        "border post",
        "controle",
        "control",
        "douane",
        "customs",
        "gestion des frontieres",
        "border management",
        "document",
        "passeport",
    ],
    "border": ["border", "frontiere", "control", "controle", "customs", "douane", "passport", "passeport"],
    "vulnerable": [
        "vulnerab",
        "protection",
        "orientation",
        "referral",
        "assistance",
        "enfant",
        "child",
        "mineur",
        "minor",
        "femme",
        "women",
        "victime",
        "victim",
        "sante",
        "health",
        "abri",
        "shelter",
    ],
    "detection": [
        "detection",
        "detect",
        "reseau",
        "network",
        "renseignement",
        "intelligence",
        "identification",
        "fraude",
        "fraud",
        "police",
        "gendarmerie",
    ],
    "criminal": ["criminal", "crimin", "trafic", "traffick", "smuggl", "passeur", "reseau", "network"],
    "enquete": [
        "enquete",
        "investigation",
        "poursuite",
        "prosecution",
        "justice",
        "judiciaire",
        "judicial",
        "tribunal",
        "court",
        "magistrat",
        "loi 2015-36",
        "penal",
    ],
    "investigation": ["investigation", "enquete", "prosecution", "poursuite", "justice", "judicial", "court"],
    "retour": [
        "retour",
        "return",
        "reintegration",
        "reinsertion",
        "rapatriement",
        "repatriation",
        "voie legale",
        "regular pathway",
        "emploi",
        "employment",
        "formation professionnelle",
        "vocational",
        "insertion",
        "jeune",
        "youth",
    ],
    "return": ["return", "retour", "reintegration", "repatriation", "rapatriement", "pathway", "employment"],
}
TOPIC_HINTS = {
    "TFP.3": ["migration", "frontiere", "border", "retour", "return", "protection"],
    "TFP.4": ["gouvernance", "governance", "securite", "security", "justice"],
    "TFP.1": ["emploi", "employment", "jeune", "youth"],
}
SECTOR_HINTS = {"15190": ["migration", "frontiere", "border", "retour", "return"], "15136": ["frontiere", "border"]}
MIN_SCORE = 2.0
STOP = {"de", "des", "du", "la", "le", "les", "et", "en", "the", "and", "of", "for", "pour", "a", "au", "aux", "to"}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(text):
    return [word for word in re.findall(r"[a-z0-9][a-z0-9-]+", fold(text)) if word not in STOP]


def theme_words(theme, hints):
    """The stems that point to this theme, with their weight."""
    words = {}
    for name in (theme.name_fr, theme.name_en):
        for word in _words(name):
            if len(word) >= 4:
                words[word[:7]] = words.get(word[:7], 0) + 2
            for key, vocabulary in VOCABULARY.items():
                if word.startswith(key[:6]):
                    for item in vocabulary:
                        words.setdefault(item, 1)
    for hint in hints:
        words[hint.word] = words.get(hint.word, 0) + hint.weight
    return {word: weight for word, weight in words.items() if weight > 0}


def score(intervention, theme, words):
    """(score, matched words) of one theme for one intervention."""
    text = " ".join(
        fold(part)
        for part in (
            intervention.title_fr,
            intervention.title_en,
            intervention.description_fr,
            intervention.description_en,
        )
        if part
    )
    matched, total = [], 0.0
    for word, weight in words.items():
        if (" " in word and word in text) or re.search(rf"\b{re.escape(word)}", text):
            matched.append(word)
            total += weight
    for topic in intervention.topics or []:
        for word in TOPIC_HINTS.get(str(topic), []):
            if word in words:
                matched.append(str(topic))
                total += 1
                break
    for sector in intervention.sectors or []:
        code = str(sector.get("code", "")) if isinstance(sector, dict) else str(sector)
        for word in SECTOR_HINTS.get(code, []):
            if word in words:
                matched.append(f"DAC {code}")
                total += 1
                break
    return total, matched


@transaction.atomic
def suggest_themes(workspace, interventions=None):
    """(Re)compute proposed themes for interventions (default: all without themes). Decided ones stay."""
    themes = list(workspace.themes.all())
    if not themes:
        return 0
    hints = {}
    for hint in ThemeHint.objects.filter(workspace=workspace):
        hints.setdefault(hint.theme_id, []).append(hint)
    vocabulary = {theme.pk: theme_words(theme, hints.get(theme.pk, [])) for theme in themes}
    if interventions is None:
        interventions = Intervention.objects.filter(workspace=workspace, themes__isnull=True)
    decided = set(
        ThemeSuggestion.objects.filter(intervention__in=interventions)
        .exclude(status=ThemeSuggestion.Status.PROPOSED)
        .values_list("intervention_id", "theme_id")
    )
    ThemeSuggestion.objects.filter(intervention__in=interventions, status=ThemeSuggestion.Status.PROPOSED).delete()
    created = []
    for intervention in interventions:
        for theme in themes:
            if (intervention.pk, theme.pk) in decided:
                continue
            total, matched = score(intervention, theme, vocabulary[theme.pk])
            if total >= MIN_SCORE:
                created.append(
                    ThemeSuggestion(
                        intervention=intervention, theme=theme, score=total, matched=sorted(set(matched))[:12]
                    )
                )
    ThemeSuggestion.objects.bulk_create(created, batch_size=500)
    return len(created)


# Words every project title uses: they say nothing about a theme, so decisions do not teach them.
GENERIC = {
    "program",
    "project",
    "projet",
    "appui",
    "support",
    "renforc",
    "strengt",
    "nationa",
    "region",
    "regiona",
    "phase",
    "deuxiem",
    "premier",
    "second",
    "develop",
    "contrib",
    "mise",
    "oeuvre",
    "implem",
    "gestion",
    "managem",
    "capacit",
    "niger",
    "sahel",
    "afrique",
    "africa",
    "amelior",
    "improve",
}
LEARNT_STEP = 2  # one decision is enough for a distinctive word to count as much as a theme's own name


def learn(workspace, theme, intervention, *, confirmed: bool):
    """A decision teaches the workspace: the intervention's distinctive words lean to (or away from) the theme."""
    text = " ".join(filter(None, (intervention.title_fr, intervention.title_en)))
    for word in {w[:7] for w in _words(text) if len(w) >= 5} - GENERIC:
        hint, _created = ThemeHint.objects.get_or_create(
            workspace=workspace, theme=theme, word=word, defaults={"weight": 0}
        )
        step = LEARNT_STEP if confirmed else -LEARNT_STEP
        hint.weight = max(-2 * LEARNT_STEP, min(3 * LEARNT_STEP, hint.weight + step))
        hint.save(update_fields=["weight", "updated_at"])
