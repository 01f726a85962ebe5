"""The "your rights" overview for the client: per right what to do, where, what to bring,
in plain words and in the client's language."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from sociaalhuis.errors import ValidationError
from sociaalhuis.letters import layout
from sociaalhuis.letters.documents import ClientOverview, OverviewRight
from sociaalhuis.letters.layout import Styles, format_date, markup
from sociaalhuis.letters.texts import Texts, load


def render_client_overview(overview: ClientOverview) -> bytes:
    """The client's overview as PDF bytes; the same overview always gives the same bytes."""
    if not overview.client_name.strip():
        raise ValidationError("client_name", "is required on a client overview")
    texts = load(overview.language)
    styles = Styles()
    story = [*_head(overview, texts, styles)]
    to_claim = [right for right in overview.rights if not right.automatic]
    automatic = [right for right in overview.rights if right.automatic]
    if overview.rights:
        compact = _Compact(styles)
        for right in to_claim:
            story += _right(right, texts, compact)
        if automatic:
            story += _automatic(automatic, texts, styles, compact)
    else:
        story.append(Paragraph(texts.markup("overview.empty"), styles.body))
    story += _questions(overview, texts, styles)
    date = format_date(overview.date)
    return layout.build(
        story,
        day=overview.date,
        texts=texts,
        footer_left=f"{overview.sender.organisation} · {texts.plain('overview.footer', date=date)}",
        title=texts["overview.title"],
        author=overview.sender.organisation,
    )


def _head(overview: ClientOverview, texts: Texts, styles: Styles) -> list[Flowable]:
    flow: list[Flowable] = [
        *layout.logo(overview.sender),
        layout.letterhead_table(overview.sender, texts, styles),
        Spacer(0, 4 * mm),
        Paragraph(texts.markup("overview.title"), styles.title),
        Paragraph(
            f"{texts.markup('overview.for_client', client=overview.client_name)}"
            f" · {format_date(overview.date)}"
            + (
                f" · {texts.markup('common.reference')} {markup(overview.reference)}"
                if overview.reference.strip()
                else ""
            ),
            styles.body,
        ),
        Spacer(0, 2 * mm),
    ]
    if not overview.rights:  # the introduction speaks of the list below
        return flow
    flow += layout.paragraphs(texts["overview.intro"], styles.body)
    if texts["overview.names_note"].strip():
        flow.append(Paragraph(texts.markup("overview.names_note"), styles.small))
    flow.append(Spacer(0, 2 * mm))
    return flow


def _right(right: OverviewRight, texts: Texts, styles: _Compact) -> list[Flowable]:
    """One right as a compact block: its name on a shaded band, what it is and where to go,
    then in two columns what to do and what it is worth (left) and what to bring (right)."""
    where = _labelled(texts["overview.where"], right.where, styles)
    value = [_labelled(texts["overview.value"], right.value, styles)] if right.value.strip() else []
    left: list[Flowable] = [_labelled(texts["overview.what_to_do"], right.what_to_do, styles)]
    if right.documents:
        left += value
        right_column: list[Flowable] = [
            Paragraph(texts.markup("overview.documents"), styles.label),
            *(
                Paragraph(markup(document), styles.checklist, bulletText="\u2610")
                for document in right.documents
            ),
        ]
    else:  # nothing to bring: that and the value share the right column
        nothing = texts["overview.no_documents"]
        right_column = [*value, _labelled(texts["overview.documents"], nothing, styles)]
    head: list[list[Flowable | str]] = [
        [Paragraph(f"<b>{markup(right.name)}</b>", styles.text), ""]
    ]
    if right.summary.strip():
        head.append([Paragraph(markup(right.summary), styles.text), ""])
    # Where to go runs across the whole width: an address and opening hours read best there.
    head.append([where, ""])
    body: list[list[Any]] = [[left, right_column]]
    spans = len(head)
    half = layout.WIDTH / 2
    table = Table([*head, *body], colWidths=[half, half], hAlign="LEFT", splitInRow=1, repeatRows=1)
    table.setStyle(
        layout.table_style(
            *(("SPAN", (0, row), (-1, row)) for row in range(spans)),
            ("BACKGROUND", (0, 0), (-1, 0), layout.SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, layout.RULE),
        )
    )
    # A block starts on a new page rather than leave its name alone at the foot of one.
    return [CondPageBreak(28 * mm), table, Spacer(0, 1 * mm)]


def _labelled(label: str, text: str, styles: _Compact) -> Paragraph:
    """A bold label and its text in one paragraph: "Waar? OCMW Herent …"."""
    return Paragraph(f"<b>{markup(label)}</b> {markup(text)}", styles.text)


class _Compact:
    """The smaller styles of the rights blocks, so a family's overview stays short."""

    def __init__(self, styles: Styles) -> None:
        base = {"fontSize": 9, "leading": 10.6}
        self.text = ParagraphStyle("overview_text", parent=styles.cell, **base)
        self.label = ParagraphStyle("overview_label", parent=styles.cell_bold, **base)
        self.checklist = ParagraphStyle(
            "overview_checklist", parent=styles.checklist, bulletFontSize=9, **base
        )


def _automatic(
    rights: list[OverviewRight], texts: Texts, styles: Styles, compact: _Compact
) -> list[Flowable]:
    """The rights that come without asking: one line each, the name and what it is worth."""
    rows = [
        [Paragraph(f"<b>{markup(right.name)}</b> · {markup(right.value)}", compact.text)]
        for right in rights
    ]
    table = Table(rows, colWidths=[layout.WIDTH], hAlign="LEFT")
    table.setStyle(
        layout.table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, layout.RULE),
        )
    )
    return [
        Paragraph(texts.markup("overview.automatic_title"), styles.heading),
        Paragraph(texts.markup("overview.automatic_intro"), compact.text),
        Spacer(0, 1 * mm),
        table,
    ]


def _questions(overview: ClientOverview, texts: Texts, styles: Styles) -> list[Flowable]:
    text = texts.markup("overview.questions", organisation=overview.sender.organisation)
    if overview.worker_name.strip():
        text += " " + texts.markup("overview.contact_person", worker=overview.worker_name)
    return [Spacer(0, 1 * mm), Paragraph(text, styles.body)]
