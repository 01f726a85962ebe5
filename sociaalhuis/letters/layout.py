"""What both letters share: page, styles, escaping, the letterhead, numbered pages, building.

Reproducible by construction: ReportLab's invariant mode fixes the document id and the
embedded font subset names, and the creation date is the letter's own date, so the same
input gives byte-identical PDF bytes and the same SHA-256 on every reprint.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sociaalhuis.letters import fonts
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.shaping import visual
from sociaalhuis.letters.texts import Texts
from sociaalhuis.locale_format import format_day

MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#9aa9b8")
SHADE = colors.HexColor("#e8eef4")
MUTED = colors.HexColor("#4a4a4a")
# The document language in the PDF catalog (/Lang), as screen readers expect it.
PDF_LANGUAGES = {"nl": "nl-BE", "fr": "fr-BE", "en": "en"}
LOGO_HEIGHT = 18 * mm


def _style(name: str, **options: Any) -> ParagraphStyle:
    base: dict[str, Any] = {"fontName": fonts.REGULAR, "fontSize": 10, "leading": 13.5}
    return ParagraphStyle(name, **{**base, **options})


class Styles:
    """The paragraph styles of the letters (built after the fonts are registered)."""

    def __init__(self) -> None:
        fonts.register()
        self.body = _style("body", spaceAfter=6)
        self.small = _style("small", fontSize=8.5, leading=11, textColor=MUTED)
        self.cell = _style("cell", spaceAfter=0)
        self.cell_bold = _style("cell_bold", fontName=fonts.BOLD)
        self.checklist = _style(
            "checklist", leftIndent=13, bulletIndent=0, bulletFontName=fonts.REGULAR
        )
        self.heading = _style(
            "heading",
            fontName=fonts.BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            textColor=ACCENT,
            keepWithNext=1,
        )
        self.title = _style("title", fontName=fonts.BOLD, fontSize=16, leading=20, spaceAfter=4)
        self.organisation = _style(
            "organisation", fontName=fonts.BOLD, fontSize=15, leading=19, textColor=ACCENT
        )


def markup(text: str) -> str:
    """User text as Paragraph markup that prints literally: escaped, newlines kept."""
    return escape(visual(text.strip())).replace("\n", "<br/>")


def paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """One Paragraph per block of `text` separated by blank lines, so long notes flow."""
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [Paragraph(markup(block), style) for block in blocks]


def format_date(day: date, language: str = "nl") -> str:
    """Belgian notation, the same in the three languages of the letters: 22/11/2026."""
    return format_day(day, language, "numeric")


def letterhead(sender: Sender, texts: Texts, styles: Styles) -> list[str]:
    """The sender block as Paragraph markup lines: organisation, address, phone, e-mail,
    website and opening hours, each only when set."""
    lines = [
        f'<font name="{fonts.BOLD}" size="15" color="#1f4e79">{markup(sender.organisation)}</font>'
    ]
    lines += [markup(line) for line in sender.address_lines if line.strip()]
    if sender.phone.strip():
        lines.append(f"{escape(texts['common.phone'])} {markup(sender.phone)}")
    if sender.email.strip():
        lines.append(f"{escape(texts['common.email'])} {markup(sender.email)}")
    if sender.website.strip():
        lines.append(f"{escape(texts['common.website'])} {markup(sender.website)}")
    if sender.opening_hours.strip():
        lines.append(f"{escape(texts['common.hours'])} {markup(sender.opening_hours)}")
    return lines


def side_by_side(left: Flowable, right: Flowable, left_width: float = 85 * mm) -> Table:
    """Two top-aligned columns, the left flush with the margin (letterheads, signatures)."""
    table = Table([[left, right]], colWidths=[left_width, WIDTH - left_width], hAlign="LEFT")
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
        )
    )
    return table


def letterhead_table(sender: Sender, texts: Texts, styles: Styles) -> Table:
    """The sender's name and address on the left, how to reach it on the right: two columns
    keep a typical letter on one page and an overview on two."""
    lines = letterhead(sender, texts, styles)
    split = 1 + len([line for line in sender.address_lines if line.strip()])
    return side_by_side(
        Paragraph("<br/>".join(lines[:split]), styles.body),
        Paragraph("<br/>".join(lines[split:]), styles.body),
    )


def logo(sender: Sender) -> list[Flowable]:
    """The sender's logo above the letterhead, `LOGO_HEIGHT` high with its own aspect ratio
    (at most the page width); nothing without a logo, so such a letter looks as before."""
    if not sender.logo:
        return []
    pixels_wide, pixels_high = ImageReader(io.BytesIO(sender.logo)).getSize()
    width = min(LOGO_HEIGHT * pixels_wide / pixels_high, WIDTH)
    height = width * pixels_high / pixels_wide
    image = Image(io.BytesIO(sender.logo), width=width, height=height, hAlign="LEFT")
    return [image, Spacer(0, 2 * mm)]


def label_width(labels: Sequence[str], styles: Styles, padding: float = 8) -> float:
    """Wide enough for the longest bold label on one line (labels are short texts)."""
    style = styles.cell_bold
    widest = max(stringWidth(visual(label), style.fontName, style.fontSize) for label in labels)
    return min(max(widest + padding, 25 * mm), 65 * mm)


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A TableStyle whose text cells use the bundled font (ReportLab's default is an
    unembedded Helvetica), padded like the rest of the letter."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), *commands])


def label_table(
    rows: Sequence[tuple[str, str]], styles: Styles, label_width: float, width: float = WIDTH
) -> Table:
    """A borderless two-column table of (label, value) rows: labels bold, values wrapped."""
    data = [
        [Paragraph(markup(label), styles.cell_bold), Paragraph(markup(value), styles.cell)]
        for label, value in rows
    ]
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        )
    )
    return table


def details_and_address(
    rows: Sequence[tuple[str, str]], address: Any, styles: Styles, left: float
) -> Table:
    """The letter's top: date, reference and contact on the left (`left` wide), the addressee
    on the right, where a window envelope shows it."""
    widths = label_width([label for label, _ in rows], styles)
    details = label_table(rows, styles, label_width=widths, width=82 * mm)
    top = Table([[details, address]], colWidths=[left, WIDTH - left], hAlign="LEFT")
    top.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        )
    )
    return top


class _NumberedCanvas(Canvas):
    """Holds every page until the end, then stamps the footer with "page X of Y" on each."""

    def __init__(
        self, *args: Any, footer: Callable[[Canvas, int, int], None], day: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []
        stamp = f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


def footer_drawer(left: str, texts: Texts) -> Callable[[Canvas, int, int], None]:
    """Draws a rule, `left` and the translated "page X of Y" at the foot of a page."""
    left = visual(left)
    while len(left) > 1 and stringWidth(left, fonts.REGULAR, 8) > WIDTH * 0.7:
        left = left[:-2] + "…"

    def draw(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        y = MARGIN - 8 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y + 4 * mm, A4[0] - MARGIN, y + 4 * mm)
        canvas.setFont(fonts.REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, y, left)
        canvas.drawRightString(
            A4[0] - MARGIN, y, texts.plain("common.page", page=number, pages=total)
        )
        canvas.restoreState()

    return draw


def build(
    story: list[Flowable],
    *,
    day: date,
    texts: Texts,
    footer_left: str,
    title: str,
    author: str,
) -> bytes:
    """Lay out `story` on A4 pages with the footer and return the PDF bytes."""
    fonts.register()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=title,
        creator="sociaalhuis",
        producer="sociaalhuis (ReportLab)",
        invariant=1,
        lang=PDF_LANGUAGES.get(texts.language, texts.language),
        initialFontName=fonts.REGULAR,
    )
    maker = partial(_NumberedCanvas, footer=footer_drawer(footer_left, texts), day=day)
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def sha256(pdf_bytes: bytes) -> str:
    """The SHA-256 of a rendered letter, as 64 lowercase hex digits (stored with the archive)."""
    return hashlib.sha256(pdf_bytes).hexdigest()
