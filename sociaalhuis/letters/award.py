"""The award letter of a proactive granting round: the Sociaal Huis tells a household it
grants a right, without the household having asked; many letters in one PDF batch.

Each letter starts on a new page and numbers its own pages ("pagina 1 van 2"), so a client
never holds a page saying "pagina 7 van 12". The words come from `resources/letters/` in the
letter's language (nl, fr or en); the right's name, summary and reasons are filled in by the
caller in that same language.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from sociaalhuis.errors import ValidationError
from sociaalhuis.letters import fonts, layout
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.layout import Styles, format_date, markup
from sociaalhuis.letters.texts import Texts, load


@dataclass(frozen=True)
class AwardLetter:
    """One household's award letter: who receives it, which right, why, and whom to ask.

    `reasons` are Dutch sentences from the explanation engine (`eligibility.explain`);
    `contact` is the case worker, or "" when the case has none (then the Sociaal Huis).
    """

    reference: str
    date: date
    sender: Sender
    client_name: str
    address_lines: tuple[str, ...]
    right_name: str
    summary: str
    value_note: str
    after_grant: str  # what the client still does, "" when nothing
    validity: str
    reasons: tuple[str, ...]
    contact: str
    signed_by: str
    language: str = "nl"


def render_award_letters(letters: Sequence[AwardLetter]) -> bytes:
    """All letters as one PDF, each on its own pages; the same letters give the same bytes."""
    if not letters:
        raise ValidationError("letters", "a batch needs at least one letter")
    for letter in letters:
        _check(letter)
    styles = Styles()
    story: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreak())
        story.append(_Start(index))
        story += _letter(letter, load(letter.language), styles)
    footers = [
        layout.footer_drawer(
            load(letter.language).plain("award.footer", reference=letter.reference),
            load(letter.language),
        )
        for letter in letters
    ]
    first = letters[0]
    title = load(first.language).plain("award.batch_title", reference=first.reference)
    return _build(story, first.date, footers, title, first.sender, first.language)


def _check(letter: AwardLetter) -> None:
    for name in ("reference", "client_name", "right_name", "signed_by"):
        if not getattr(letter, name).strip():
            raise ValidationError(name, "is required on an award letter")
    if not any(line.strip() for line in letter.address_lines):
        raise ValidationError("address_lines", "the letter needs the client's address")


def _marked(texts: Texts, key: str, **values: object) -> str:
    """An award text as Paragraph markup: the template and the values it fills in, escaped."""
    return markup(texts.plain(f"award.{key}", **values))


def _letter(letter: AwardLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    return [
        *_head(letter, texts, styles),
        *_meaning(letter, texts, styles),
        *_why(letter, texts, styles),
        Paragraph(_marked(texts, "next"), styles.heading),
        Paragraph(
            markup(letter.after_grant.strip()) or _marked(texts, "nothing_to_do"), styles.body
        ),
        Paragraph(_marked(texts, "next_text"), styles.body),
        *_questions(letter, texts, styles),
        *_signature(letter, texts, styles),
    ]


def _head(letter: AwardLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    sender = layout.letterhead_table(letter.sender, texts, styles)
    lines = [f"<b>{markup(letter.client_name)}</b>"]
    lines += [markup(line) for line in letter.address_lines if line.strip()]
    address = Paragraph("<br/>".join(lines), styles.cell)
    rows = [
        (texts["common.date"], format_date(letter.date, letter.language)),
        (texts["common.reference"], letter.reference),
    ]
    if letter.contact.strip():
        rows.append((texts["common.contact"], letter.contact))
    top = layout.details_and_address(rows, address, styles, left=95 * mm)
    return [
        *layout.logo(letter.sender),
        sender,
        Spacer(0, 5 * mm),
        top,
        Spacer(0, 6 * mm),
        Paragraph(_marked(texts, "title", right=letter.right_name), styles.title),
        Spacer(0, 2 * mm),
        Paragraph(_marked(texts, "salutation", client=letter.client_name), styles.body),
        Paragraph(_marked(texts, "intro", right=letter.right_name), styles.body),
        Paragraph(
            _marked(texts, "decided", date=format_date(letter.date, letter.language)), styles.body
        ),
    ]


def _meaning(letter: AwardLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    parts = [line for line in (letter.summary, letter.value_note) if line.strip()]
    if letter.validity.strip():
        parts.append(texts.plain("award.validity", validity=letter.validity.strip().rstrip(".")))
    if not parts:
        return []
    return [
        Paragraph(_marked(texts, "meaning"), styles.heading),
        *(Paragraph(markup(part), styles.body) for part in parts),
    ]


def _why(letter: AwardLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    reasons = [reason for reason in letter.reasons if reason.strip()]
    if not reasons:
        return []
    return [
        Paragraph(_marked(texts, "why"), styles.heading),
        Paragraph(_marked(texts, "why_intro"), styles.body),
        *(Paragraph(markup(reason), styles.checklist, bulletText="•") for reason in reasons),
        Spacer(0, 2 * mm),
    ]


def _questions(letter: AwardLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    sender = letter.sender
    if letter.contact.strip():
        text = _marked(texts, "questions_text", contact=f"{letter.contact} ({sender.organisation})")
    else:
        text = _marked(texts, "questions_office", organisation=sender.organisation)
    flowables: list[Flowable] = [
        Paragraph(_marked(texts, "questions"), styles.heading),
        Paragraph(text, styles.body),
    ]
    reach = [f"{texts['common.phone']} {sender.phone}"] if sender.phone.strip() else []
    reach += [f"{texts['common.email']} {sender.email}"] if sender.email.strip() else []
    reach += [", ".join(line for line in sender.address_lines if line.strip())]
    reach = [line for line in reach if line.strip()]
    if reach:
        flowables.append(
            Paragraph(
                f"{_marked(texts, 'reach')}<br/>" + "<br/>".join(markup(line) for line in reach),
                styles.body,
            )
        )
    return flowables


def _signature(letter: AwardLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    return [
        Spacer(0, 2 * mm),
        KeepTogether(
            [
                Paragraph(_marked(texts, "closing"), styles.body),
                Spacer(0, 8 * mm),
                Paragraph(f"<b>{markup(letter.signed_by)}</b>", styles.cell),
                Paragraph(
                    _marked(texts, "on_behalf", organisation=letter.sender.organisation),
                    styles.cell,
                ),
            ]
        ),
    ]


class _Start(Flowable):
    """Zero-size marker at the top of a letter: tells the canvas a new letter begins here."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.letter_starts.append(self.canv.getPageNumber())  # type: ignore[attr-defined]


Footer = Callable[[Canvas, int, int], None]


class _LetterCanvas(Canvas):
    """Holds every page until the end, then gives each its letter's footer and the page
    number within that letter."""

    def __init__(self, *args: Any, footers: Sequence[Footer], day: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footers = footers
        self._pages: list[dict[str, Any]] = []
        self.letter_starts: list[int] = []
        stamp = f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        starts = self.letter_starts or [1]
        ends = [*starts[1:], len(self._pages) + 1]
        for page, state in enumerate(self._pages, start=1):
            index = max(i for i, start in enumerate(starts) if start <= page)
            self.__dict__.update(state)
            footer = self._footers[min(index, len(self._footers) - 1)]
            footer(self, page - starts[index] + 1, ends[index] - starts[index])
            super().showPage()
        super().save()


def _build(
    story: list[Flowable],
    day: date,
    footers: list[Footer],
    title: str,
    sender: Sender,
    language: str,
) -> bytes:
    fonts.register()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=layout.MARGIN,
        rightMargin=layout.MARGIN,
        topMargin=16 * mm,
        bottomMargin=layout.MARGIN,
        title=title,
        author=sender.organisation,
        subject=title,
        creator="sociaalhuis",
        producer="sociaalhuis (ReportLab)",
        invariant=1,
        lang=language,
        initialFontName=fonts.REGULAR,
    )

    def maker(*args: Any, **kwargs: Any) -> _LetterCanvas:
        return _LetterCanvas(*args, footers=footers, day=day, **kwargs)

    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()
