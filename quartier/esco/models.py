"""Models of the ESCO taxonomy: occupations, skills, their labels and relations.

The taxonomy is reference data shared by every organisation, so nothing here is
scoped or personal. Concepts are identified by their official ESCO URI; labels
are stored per language with a folded copy (`normalised`) for searching.
"""

import unicodedata

from anyascii import anyascii
from django.db import models
from django.utils.translation import gettext_lazy as _

FALLBACK_LANGUAGES = ("de", "en")


def normalise(text: str) -> str:
    """Fold case and accents for searching: "Bäcker/Bäckerin" -> "baecker/baeckerin".

    German umlauts become their two-letter spelling (ä -> ae) so that "Baecker"
    finds "Bäcker"; Latin accents are dropped; other scripts (Arabic, Cyrillic)
    keep their letters but are case folded and stripped of combining marks.
    """
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    out = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        if ord(char) < 128:
            out.append(char)
        elif unicodedata.category(char).startswith("L") and not _is_latin(char):
            out.append(char)  # Arabic, Cyrillic, ... stay searchable in their script
        else:
            out.append(anyascii(char).lower())
    folded = "".join(out)
    # Arabic: tatweel and alef variants that people type interchangeably
    folded = folded.replace("\u0640", "")
    for alef in "\u0622\u0623\u0625":
        folded = folded.replace(alef, "\u0627")
    return " ".join(folded.split())


def _is_latin(char: str) -> bool:
    try:
        return "LATIN" in unicodedata.name(char)
    except ValueError:
        return False


class Concept(models.Model):
    """An ESCO occupation or skill/knowledge concept."""

    class Kind(models.TextChoices):
        OCCUPATION = "occupation", _("occupation")
        SKILL = "skill", _("skill")

    class SkillType(models.TextChoices):
        SKILL = "skill/competence", _("skill/competence")
        KNOWLEDGE = "knowledge", _("knowledge")

    uri = models.CharField(_("ESCO URI"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    skill_type = models.CharField(
        _("skill type"),
        max_length=32,
        blank=True,
        choices=SkillType.choices,
        help_text=_("Empty for occupations."),
    )
    reuse_level = models.CharField(_("reuse level"), max_length=32, blank=True)
    isco_group = models.CharField(_("ISCO group"), max_length=8, blank=True)
    kldb_code = models.CharField(
        _("KldB 2010 code"),
        max_length=8,
        blank=True,
        help_text=_("The German classification of occupations, five digits."),
    )
    curated = models.BooleanField(
        _("curated"),
        default=False,
        help_text=_("Part of the selection for the quarter's sectors."),
    )
    definitions = models.JSONField(_("definition"), default=dict, blank=True)

    class Meta:
        verbose_name = _("ESCO concept")
        verbose_name_plural = _("ESCO concepts")
        ordering = ["kind", "uri"]

    def __str__(self) -> str:
        return self.label("de")

    def label(self, language: str) -> str:
        """Preferred label in `language`, falling back to German, then English.

        Uses prefetched `labels` when present, otherwise queries them.
        """
        preferred = {
            item.language: item.text
            for item in self.labels.all()
            if item.kind == Label.Kind.PREFERRED
        }
        for code in (language, *FALLBACK_LANGUAGES):
            if code in preferred:
                return preferred[code]
        return next(iter(preferred.values()), self.uri)

    def definition(self, language: str) -> str:
        for code in (language, *FALLBACK_LANGUAGES):
            if self.definitions.get(code):
                return self.definitions[code]
        return ""


class Label(models.Model):
    """One label of a concept in one language."""

    class Kind(models.TextChoices):
        PREFERRED = "preferred", _("preferred")
        ALTERNATIVE = "alternative", _("alternative")
        HIDDEN = "hidden", _("hidden")

    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="labels", verbose_name=_("concept")
    )
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=500)
    normalised = models.CharField(_("normalised text"), max_length=500, db_index=True)

    class Meta:
        verbose_name = _("ESCO label")
        verbose_name_plural = _("ESCO labels")
        constraints = [
            # the importers replace a concept's labels language by language
            models.UniqueConstraint(
                fields=["concept", "language", "kind", "text"], name="esco_label_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        self.normalised = normalise(self.text)
        super().save(*args, **kwargs)


class Relation(models.Model):
    """An occupation needs a skill, essentially or optionally."""

    class Kind(models.TextChoices):
        ESSENTIAL = "essential", _("essential")
        OPTIONAL = "optional", _("optional")

    occupation = models.ForeignKey(
        Concept,
        on_delete=models.CASCADE,
        related_name="skill_relations",
        verbose_name=_("occupation"),
        limit_choices_to={"kind": Concept.Kind.OCCUPATION},
    )
    skill = models.ForeignKey(
        Concept,
        on_delete=models.CASCADE,
        related_name="occupation_relations",
        verbose_name=_("skill"),
        limit_choices_to={"kind": Concept.Kind.SKILL},
    )
    kind = models.CharField(_("relation"), max_length=16, choices=Kind.choices)

    class Meta:
        verbose_name = _("occupation–skill relation")
        verbose_name_plural = _("occupation–skill relations")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="esco_relation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} -> {self.skill_id} ({self.kind})"


class Embedding(models.Model):
    """A concept's vector for suggestions, computed once by `quartier esco-embed`."""

    concept = models.OneToOneField(
        Concept,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="embedding",
        verbose_name=_("concept"),
    )
    model = models.CharField(_("model"), max_length=64)
    text = models.TextField(_("embedded text"))
    vector = models.BinaryField(_("vector"))

    class Meta:
        verbose_name = _("ESCO embedding")
        verbose_name_plural = _("ESCO embeddings")

    def __str__(self) -> str:
        return f"{self.concept_id} ({self.model})"
