"""The letters commands of `python -m sociaalhuis`: `letters demo OUTDIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from sociaalhuis.letters.documents import LANGUAGES


def add_parsers(commands: Any) -> None:
    """Register `letters …` on the main parser's sub-commands."""
    letters = commands.add_parser("letters", help="print letters (demo)")
    actions = letters.add_subparsers(dest="letters_command", required=True, metavar="ACTION")
    demo = actions.add_parser(
        "demo",
        help="write a referral letter, a client overview and an award letter in nl, fr and "
        "en for a fictitious household",
    )
    demo.add_argument("outdir", type=Path, metavar="OUTDIR", help="folder for the PDF files")


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    return _demo(args.outdir, out, err)


def _award(letter: Any) -> bytes:
    from sociaalhuis.letters.award import render_award_letters

    return render_award_letters([letter])


def _demo(outdir: Path, out: TextIO, err: TextIO) -> int:
    from sociaalhuis.letters import demo, render_client_overview, render_referral_letter

    if outdir.exists() and not outdir.is_dir():
        print(f"error: {outdir} is a file, not a folder", file=err)
        return 1
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"error: cannot use {outdir} as output folder: {exc.strerror or exc}", file=err)
        return 1
    documents = [
        (f"{kind}-{language}.pdf", render(make(language)))
        for language in LANGUAGES
        for kind, render, make in (
            ("referral-letter", render_referral_letter, demo.referral_letter),
            ("client-overview", render_client_overview, demo.client_overview),
            ("award-letter", _award, demo.award_letter),
        )
    ]
    for name, pdf in documents:
        path = outdir / name
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            print(f"error: cannot write {path}: {exc.strerror or exc}", file=err)
            return 1
        print(path, file=out)
    return 0
