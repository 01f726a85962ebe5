"""The "your rights" overview for the client: per right what to do, where, what to bring,
in plain words and in the client's language."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

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
    if overview.rights:
        keys = ("overview.what_to_do", "overview.where", "overview.documents")
        labels = layout.label_width([texts[key] for key in keys], styles, padding=14)
        story += [_right(right, texts, styles, labels) for right in overview.rights]
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
    sender = "<br/>".join(layout.letterhead(overview.sender, texts, styles))
    flow: list[Flowable] = [
        Paragraph(sender, styles.body),
        Spacer(0, 8 * mm),
        Paragraph(texts.markup("overview.title"), styles.title),
        Paragraph(
            f"{texts.markup('overview.for_client', client=overview.client_name)}"
            f" · {format_date(overview.date)}",
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


def _right(right: OverviewRight, texts: Texts, styles: Styles, labels: float) -> Flowable:
    """One right as a block: its name on a shaded band, then what to do, where, what to bring."""
    documents = [
        Paragraph(markup(document), styles.checklist, bulletText="\u2610")
        for document in right.documents
    ] or [Paragraph(texts.markup("overview.no_documents"), styles.cell)]
    rows = [
        [
            Paragraph(texts.markup("overview.what_to_do"), styles.cell_bold),
            Paragraph(markup(right.what_to_do), styles.cell),
        ],
        [
            Paragraph(texts.markup("overview.where"), styles.cell_bold),
            Paragraph(markup(right.where), styles.cell),
        ],
        [
            Paragraph(texts.markup("overview.documents"), styles.cell_bold),
            documents,
        ],
    ]
    name = Paragraph(f"<b>{markup(right.name)}</b>", styles.cell)
    head: list[list[Flowable]] = [[name, ""]]
    if right.summary.strip():
        head.append([Paragraph(markup(right.summary), styles.cell), ""])
    table = Table(
        [*head, *rows],
        colWidths=[labels, layout.WIDTH - labels],
        hAlign="LEFT",
        splitInRow=1,
    )
    shaded = len(head) - 1
    table.setStyle(
        layout.table_style(
            ("SPAN", (0, 0), (-1, 0)),
            *([("SPAN", (0, 1), (-1, 1))] if shaded else []),
            ("BACKGROUND", (0, 0), (-1, 0), layout.SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, layout.RULE),
        )
    )
    return KeepTogether([table, Spacer(0, 4 * mm)])


def _questions(overview: ClientOverview, texts: Texts, styles: Styles) -> list[Flowable]:
    flow: list[Flowable] = [
        Spacer(0, 2 * mm),
        Paragraph(
            texts.markup("overview.questions", organisation=overview.sender.organisation),
            styles.body,
        ),
    ]
    if overview.worker_name.strip():
        flow.append(
            Paragraph(
                texts.markup("overview.contact_person", worker=overview.worker_name), styles.body
            )
        )
    return flow
