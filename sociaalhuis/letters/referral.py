"""The referral letter to a partner: who sends, to whom, about whom, why, what is shared,
and on which consent."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from sociaalhuis.errors import ValidationError
from sociaalhuis.letters import layout
from sociaalhuis.letters.documents import CONSENT_HOW, ReferralLetter
from sociaalhuis.letters.layout import Styles, format_date, markup
from sociaalhuis.letters.texts import Texts, load


def render_referral_letter(letter: ReferralLetter) -> bytes:
    """The referral letter as PDF bytes; the same letter always gives the same bytes."""
    _check(letter)
    texts = load(letter.language)
    styles = Styles()
    story = [
        *_head(letter, texts, styles),
        *_client(letter, texts, styles),
        Paragraph(texts.markup("referral.reason"), styles.heading),
        *layout.paragraphs(letter.reason, styles.body),
        *_facts(letter, texts, styles),
        *_note(letter, texts, styles),
        *_consent(letter, texts, styles),
        *_signature(letter, texts, styles),
    ]
    return layout.build(
        story,
        day=letter.date,
        texts=texts,
        footer_left=texts.plain("referral.footer", reference=letter.reference),
        title=f"{texts['referral.title']} {letter.reference}",
        author=letter.sender.organisation,
    )


def _check(letter: ReferralLetter) -> None:
    if letter.consent.how not in CONSENT_HOW:
        raise ValidationError(
            "consent.how", f"must be one of {', '.join(CONSENT_HOW)}, not {letter.consent.how!r}"
        )
    for name in ("reference", "worker_name", "client_name", "reason"):
        if not getattr(letter, name).strip():
            raise ValidationError(name, "is required on a referral letter")


def _head(letter: ReferralLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    sender = layout.letterhead_table(letter.sender, texts, styles)
    address = [
        Paragraph(texts.markup("referral.confidential").upper(), styles.small),
        Paragraph("<br/>".join(_partner_lines(letter, texts)), styles.cell),
    ]
    rows = [
        (texts["common.date"], format_date(letter.date)),
        (texts["common.reference"], letter.reference),
        (texts["common.contact"], letter.worker_name),
    ]
    top = layout.details_and_address(rows, address, styles, left=85 * mm)
    return [
        *layout.logo(letter.sender),
        sender,
        Spacer(0, 4 * mm),
        top,
        Spacer(0, 4 * mm),
        Paragraph(texts.markup("referral.subject"), styles.title),
        Paragraph(texts.markup("referral.salutation"), styles.body),
        Paragraph(texts.markup("referral.intro"), styles.body),
    ]


def _partner_lines(letter: ReferralLetter, texts: Texts) -> list[str]:
    """The partner as the sociale kaart knows it: the address, or how to reach a partner
    without a desk, then each contact detail that is recorded; nothing for empty fields."""
    recipient = letter.recipient
    lines = [f"<b>{markup(recipient.organisation)}</b>"]
    if recipient.service.strip():
        lines.append(markup(recipient.service))
    lines += [markup(line) for line in recipient.address_lines if line.strip()]
    if recipient.no_walk_in.strip():
        lines.append(f"<i>{markup(recipient.no_walk_in)}</i>")
    lines += _contact_lines(
        texts,
        (
            ("common.phone", recipient.phone),
            ("common.email", recipient.email),
            ("common.website", recipient.website),
            ("common.hours", recipient.opening_hours),
        ),
    )
    return lines


def _contact_lines(texts: Texts, pairs: tuple[tuple[str, str], ...]) -> list[str]:
    return [
        f"{markup(texts[key])} {markup(value.strip())}" for key, value in pairs if value.strip()
    ]


def _client(letter: ReferralLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    rows = [(texts["referral.client_name"], letter.client_name)]
    if letter.client_birth_date is not None:
        rows.append((texts["referral.birth_date"], format_date(letter.client_birth_date)))
    return [
        Paragraph(texts.markup("referral.client"), styles.heading),
        layout.label_table(
            rows, styles, label_width=layout.label_width([label for label, _ in rows], styles)
        ),
    ]


def _facts(letter: ReferralLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    heading = Paragraph(texts.markup("referral.facts"), styles.heading)
    if not letter.shared_facts:
        return [heading, Paragraph(texts.markup("referral.no_facts"), styles.body)]
    header = [
        Paragraph(texts.markup("referral.fact_label"), styles.cell_bold),
        Paragraph(texts.markup("referral.fact_value"), styles.cell_bold),
    ]
    rows = [
        [Paragraph(markup(label), styles.cell), Paragraph(markup(value), styles.cell)]
        for label, value in letter.shared_facts
    ]
    names = [texts["referral.fact_label"], *(label for label, _ in letter.shared_facts)]
    labels = layout.label_width(names, styles, padding=14)
    table = Table(
        [header, *rows],
        colWidths=[labels, layout.WIDTH - labels],
        repeatRows=1,
        hAlign="LEFT",
        splitInRow=1,
    )
    table.setStyle(
        layout.table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), layout.SHADE),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, layout.RULE),
            ("LINEABOVE", (0, 0), (-1, 0), 0.5, layout.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        )
    )
    return [heading, table]


def _note(letter: ReferralLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    if not letter.note.strip():
        return []
    return [
        Paragraph(texts.markup("referral.note"), styles.heading),
        *layout.paragraphs(letter.note, styles.body),
    ]


def _consent(letter: ReferralLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    consent = letter.consent
    statement = texts.markup(
        "referral.consent_statement",
        date=format_date(consent.given_on),
        how=texts[f"consent_how.{consent.how}"],
        recorded_by=consent.recorded_by,
        partner=consent.partner,
        purpose=consent.purpose,
    )
    return [
        Paragraph(texts.markup("referral.consent"), styles.heading),
        Paragraph(statement, styles.body),
        Paragraph(texts.markup("referral.secrecy"), styles.small),
    ]


def _signature(letter: ReferralLetter, texts: Texts, styles: Styles) -> list[Flowable]:
    # The closing sentence stays with the signature, so a page never starts with a bare
    # "Kind regards".
    return [
        Spacer(0, 2 * mm),
        KeepTogether(
            [
                Paragraph(texts.markup("referral.closing"), styles.body),
                Paragraph(texts.markup("referral.regards"), styles.body),
                Spacer(0, 8 * mm),
                _signature_table(letter, texts, styles),
            ]
        ),
    ]


def _signature_table(letter: ReferralLetter, texts: Texts, styles: Styles) -> Table:
    """Who signs (name, function, organisation) beside how to reach them directly: the
    worker's own phone or e-mail, else the Sociaal Huis's, so the partner can call back."""
    who = [f"<b>{markup(letter.worker_name)}</b>"]
    if letter.worker_title.strip():
        who.append(markup(letter.worker_title))
    who.append(markup(letter.sender.organisation))
    own = letter.worker_phone.strip() or letter.worker_email.strip()
    phone = letter.worker_phone if own else letter.sender.phone
    email = letter.worker_email if own else letter.sender.email
    reach = _contact_lines(texts, (("common.phone", phone), ("common.email", email)))
    return layout.side_by_side(
        Paragraph("<br/>".join(who), styles.cell), Paragraph("<br/>".join(reach), styles.cell)
    )
