"""Arguments the `sync` actions share."""

from __future__ import annotations

import argparse


def bundle_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    """A bundle FILE and the `--key` file the two sites share."""
    parser.add_argument("file", metavar="FILE", help=what)
    parser.add_argument("--key", required=True, metavar="KEYFILE", help="the shared key file")
