"""The four-year EMPACT cycle: steps, milestones, threat assessments, documents, evaluation."""

from __future__ import annotations

import datetime
import re
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Organisation
from empact import clock
from empact.models import TimestampedModel
from empact.storage import get_private_storage, random_name

CYCLE_LENGTH_YEARS = 4


class Cycle(TimestampedModel):
    """One four-year cycle, e.g. EMPACT 2022-2025.

    The current step is set explicitly by the COSI secretariat: COSI decides when the cycle moves
    on, and milestones can slip without the step changing. ``suggested_step`` reads it off the
    milestones.
    """

    class Step(models.IntegerChoices):
        POLICY_DEVELOPMENT = 1, _("1. Policy development (SOCTA)")
        POLICY_SETTING = 2, _("2. Policy setting and decision making")
        IMPLEMENTATION = 3, _("3. Implementation and monitoring")
        EVALUATION = 4, _("4. Independent evaluation")

    first_year = models.PositiveSmallIntegerField(
        _("first year"), unique=True, help_text=_("The cycle covers this year and the next three.")
    )
    name = models.CharField(
        _("name"), max_length=100, unique=True, blank=True, help_text=_("Filled in if left empty.")
    )
    current_step = models.PositiveSmallIntegerField(
        _("current step"), choices=Step.choices, default=Step.POLICY_DEVELOPMENT
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__gte=2010, first_year__lte=2100),
                name="cycle_first_year_plausible",
                violation_error_message=_("The first year must be between 2010 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(current_step__gte=1, current_step__lte=4),
                name="cycle_step_between_1_and_4",
                violation_error_message=_("A cycle has four steps, numbered 1 to 4."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def last_year(self) -> int:
        return self.first_year + CYCLE_LENGTH_YEARS - 1

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @staticmethod
    def default_name(first_year: int) -> str:
        return f"EMPACT {first_year}-{first_year + CYCLE_LENGTH_YEARS - 1}"

    def clean(self) -> None:
        if self.first_year and not self.name:
            self.name = self.default_name(self.first_year)

    def suggested_step(self) -> int:
        """The step of the latest milestone already done, or step 1 when none is."""
        latest = self.milestones.exclude(done_date=None).order_by("-done_date").first()
        return latest.step if latest else self.Step.POLICY_DEVELOPMENT


class EmpactDocument(TimestampedModel):
    """A document the cycle runs on, kept and revised by COSI: mandate, OAP template, actors list,
    SOCTA, interim report, evaluation report, PAD. Its files are its versions.

    The kinds in ``LIMITE_KINDS`` are shown only to the users of their cycle (the matrix's
    ``limite`` state); the others to everyone (``public``).
    """

    class Kind(models.TextChoices):
        MANDATE = "mandate", _("EMPACT mandate")
        OAP_TEMPLATE = "oap_template", _("OAP template")
        COMPETENT_ACTORS = "competent_actors", _("List of competent actors")
        SOCTA = "socta", _("SOCTA")
        INTERIM_REPORT = "interim_report", _("Interim report")
        EVALUATION_REPORT = "evaluation_report", _("Evaluation report")
        PAD = "pad", _("Policy advisory document (PAD)")
        OTHER = "other", _("Other")

    LIMITE_KINDS = frozenset({Kind.SOCTA, Kind.INTERIM_REPORT, Kind.PAD, Kind.OTHER})

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("cycle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("Leave empty for documents that span cycles, such as the mandate."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("EMPACT document")
        verbose_name_plural = _("EMPACT documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "title", "cycle"],
                nulls_distinct=False,
                name="empact_document_unique_title",
                violation_error_message=_(
                    "A document of this kind with this title already exists."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_limite(self) -> bool:
        return self.kind in self.LIMITE_KINDS


def document_file_name(instance: DocumentVersion, filename: str) -> str:
    """A random name in the private storage: the user's file name is kept in ``filename`` only."""
    return random_name("documents", PurePosixPath(filename).suffix.lower()[:10])


class DocumentVersion(TimestampedModel):
    """One version of a document: its file (in the private storage) and its approval."""

    document = models.ForeignKey(
        EmpactDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    council_reference = models.CharField(
        _("Council document reference"), max_length=50, blank=True, help_text=_("e.g. 6481/21")
    )
    file = models.FileField(
        _("file"),
        upload_to=document_file_name,
        storage=get_private_storage,
        max_length=200,
        blank=True,
    )
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document_id", "-version"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "version"],
                name="document_version_unique",
                violation_error_message=_("This version number already exists for the document."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="document_version_positive",
                violation_error_message=_("Versions are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.version}"


class Milestone(TimestampedModel):
    class Kind(models.TextChoices):
        PRIORITIES_ADOPTED = "priorities_adopted", _("Council adopts the priorities")
        MASP_APPROVED = "masp_approved", _("COSI approves the general MASP")
        OAPS_APPROVED = "oaps_approved", _("COSI approves the OAPs")
        INTERIM_REPORT = "interim_report", _("Interim report on new threats")
        MID_TERM_ASSESSMENT = "mid_term_assessment", _("Mid-term assessment by COSI")
        SOCTA = "socta", _("EU-SOCTA for the next cycle")
        FINAL_ASSESSMENT = "final_assessment", _("Final assessment by COSI")
        INDEPENDENT_EVALUATION = "independent_evaluation", _("Independent evaluation")
        POLICY_DECISION = "policy_decision", _("Policy decision for the next cycle")
        PROGRESS_REPORTS = "progress_reports", _("Progress reports due")
        OTHER = "other", _("Other")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    step = models.PositiveSmallIntegerField(_("step"), choices=Cycle.Step.choices)
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    responsible = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
    )
    done_date = models.DateField(_("done on"), null=True, blank=True)
    document = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("document produced"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    document_url = models.URLField(_("link to the document"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle_id", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "kind", "title"],
                name="milestone_unique_title_per_cycle",
                violation_error_message=_("This cycle already has a milestone with this title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def status(self, today: datetime.date | None = None) -> str:
        """``done``, ``overdue`` or ``due``."""
        today = today or clock.today()
        if self.done_date:
            return "done"
        return "overdue" if self.due_date < today else "due"


class ThreatAssessment(TimestampedModel):
    class Kind(models.TextChoices):
        SOCTA = "socta", _("EU-SOCTA")
        INTERIM_REPORT = "interim_report", _("Interim report on new, changing or emerging threats")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="threat_assessments"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="threat-assessments/%Y/", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle_id", "publication_date"]
        verbose_name = _("threat assessment")
        verbose_name_plural = _("threat assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "kind"],
                name="threat_assessment_one_per_kind_per_cycle",
                violation_error_message=_(
                    "This cycle already has a threat assessment of this kind."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Threat(TimestampedModel):
    class Trend(models.TextChoices):
        NEW = "new", _("New")
        CHANGING = "changing", _("Changing")
        EMERGING = "emerging", _("Emerging")
        PERSISTING = "persisting", _("Persisting")

    assessment = models.ForeignKey(
        ThreatAssessment,
        verbose_name=_("threat assessment"),
        on_delete=models.CASCADE,
        related_name="threats",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    trend = models.CharField(_("trend"), max_length=16, choices=Trend.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment_id", "title"]
        verbose_name = _("threat")
        verbose_name_plural = _("threats")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "title"],
                name="threat_title_unique_per_assessment",
                violation_error_message=_(
                    "This assessment already names a threat with this title."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Evaluation(TimestampedModel):
    """The independent evaluation of a cycle, commissioned by the Commission."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        PUBLISHED = "published", _("Published")

    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="evaluation"
    )
    title = models.CharField(_("title"), max_length=200)
    commissioned_by = models.ForeignKey(
        Organisation,
        verbose_name=_("commissioned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evaluator = models.CharField(_("evaluator"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    attachment = models.FileField(_("report"), upload_to="evaluations/%Y/", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle_id"]
        verbose_name = _("independent evaluation")
        verbose_name_plural = _("independent evaluations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="evaluation_published_has_date",
                violation_error_message=_("A published evaluation needs its publication date."),
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(published_on__gte=F("started_on")),
                name="evaluation_published_after_start",
                violation_error_message=_("The evaluation cannot be published before it started."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Recommendation(TimestampedModel):
    class FollowUp(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        NOT_RETAINED = "not_retained", _("Not retained")

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    follow_up_status = models.CharField(
        _("follow-up"), max_length=16, choices=FollowUp.choices, default=FollowUp.OPEN
    )
    addressed_in = models.ForeignKey(
        Cycle,
        verbose_name=_("addressed in cycle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="addressed_recommendations",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation_id", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "number"],
                name="recommendation_number_unique",
                violation_error_message=_(
                    "This evaluation already has a recommendation with this number."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation.cycle} R{self.number}"

    def clean(self) -> None:
        if (
            self.addressed_in_id
            and self.evaluation_id
            and self.addressed_in.first_year <= self.evaluation.cycle.first_year
        ):
            raise ValidationError(
                {
                    "addressed_in": _(
                        "A recommendation is addressed in a later cycle than the one evaluated."
                    )
                }
            )


class TimetableEntry(TimestampedModel):
    """One milestone of the default timetable of a cycle (footnote 6 of the EMPACT terms of
    reference), as data: a new cycle gets one milestone per entry, dated relative to its first
    year. COSI changes the standard timetable in the admin; each cycle's milestones are then
    edited on their own.

    The title is a pattern: ``{year}`` is the cycle's first year, ``{year+1}`` the year after,
    ``{year-1}`` the year before.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=Milestone.Kind.choices)
    step = models.PositiveSmallIntegerField(_("step"), choices=Cycle.Step.choices)
    title_pattern = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("{year} is the cycle's first year, {year+1} the year after, {year-1} before."),
    )
    year_offset = models.SmallIntegerField(
        _("year"),
        help_text=_("Relative to the cycle's first year: 0 is that year, -1 the year before."),
    )
    month = models.PositiveSmallIntegerField(_("month"))
    day = models.PositiveSmallIntegerField(_("day"))
    responsible = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year_offset", "month", "day", "pk"]
        verbose_name = _("timetable entry")
        verbose_name_plural = _("default timetable")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "title_pattern"],
                name="timetable_entry_unique_title",
                violation_error_message=_("The timetable already has this milestone."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12) & Q(day__gte=1, day__lte=31),
                name="timetable_entry_month_and_day",
                violation_error_message=_("The month is 1 to 12 and the day 1 to 31."),
            ),
            models.CheckConstraint(
                condition=Q(year_offset__gte=-3, year_offset__lte=5),
                name="timetable_entry_year_near_the_cycle",
                violation_error_message=_(
                    "The year is between three years before and five after the first year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title_pattern

    def clean(self) -> None:
        try:
            self.due_date(2000)
        except ValueError:
            raise ValidationError({"day": _("This month has no such day.")}) from None
        try:
            self.title(2000)
        except ValueError as exc:
            raise ValidationError({"title_pattern": str(exc)}) from None

    def due_date(self, first_year: int) -> datetime.date:
        return datetime.date(first_year + self.year_offset, self.month, self.day)

    def title(self, first_year: int) -> str:
        return title_for(self.title_pattern, first_year)


YEAR_PLACEHOLDER = re.compile(r"\{year(?:([+-])(\d))?\}")


def title_for(pattern: str, first_year: int) -> str:
    """The title of ``pattern`` for the cycle starting in ``first_year``."""

    def year(match: re.Match) -> str:
        sign, number = match.groups()
        offset = int(number or 0) * (-1 if sign == "-" else 1)
        return str(first_year + offset)

    title = YEAR_PLACEHOLDER.sub(year, pattern)
    if "{" in title or "}" in title:
        raise ValueError(_("Use only {year}, {year+N} or {year-N} between braces."))
    return title
