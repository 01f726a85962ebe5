"""`python -m sociaalhuis letters demo OUTDIR`."""

from __future__ import annotations

from sociaalhuis.cli import main
from tests.letters.pdf_checks import ARABIC, text

# The demo household's names: Polish, Vietnamese, Serbian Cyrillic and Arabic glyphs.
DEMO_NAMES = ("Wiśniewska", "Nguyễn", "Ђорђевић", ARABIC, "العلوي")


def test_demo_writes_a_letter_an_overview_and_an_award_per_language(tmp_path, capsys):
    outdir = tmp_path / "brieven"
    assert main(["letters", "demo", str(outdir)]) == 0
    printed = capsys.readouterr().out.split()
    written = sorted(outdir.glob("*.pdf"))
    assert len(written) == 9
    assert sorted(printed) == sorted(str(path) for path in written)
    for language in ("nl", "fr", "en"):
        assert (outdir / f"referral-letter-{language}.pdf").is_file()
        assert (outdir / f"client-overview-{language}.pdf").is_file()
        assert (outdir / f"award-letter-{language}.pdf").is_file()
    letter = text((outdir / "referral-letter-nl.pdf").read_bytes())
    for name in DEMO_NAMES:
        assert name in letter
    overview = text((outdir / "client-overview-en.pdf").read_bytes())
    assert "Your rights" in overview and "Increased reimbursement" in overview


def test_demo_with_a_bad_outdir_is_one_line_and_exit_1(tmp_path, capsys):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    assert main(["letters", "demo", str(blocker / "sub")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1


def test_demo_into_a_file_says_it_is_not_a_folder(tmp_path, capsys):
    blocker = tmp_path / "file.pdf"
    blocker.write_text("not a folder")
    assert main(["letters", "demo", str(blocker)]) == 1
    assert capsys.readouterr().err == f"error: {blocker} is a file, not a folder\n"
