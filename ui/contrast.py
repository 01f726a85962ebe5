"""The high-contrast look: pure black on white, a thick black frame and a yellow field where the
keyboard is, and the status colours of the desk checked against WCAG's 4.5:1.

Black on white, not white on black: the desk's red, amber and green status texts are dark
colours made for a light background, and stay readable (≥ 4.5:1) on white; on black they
would not. Turned on by `high_contrast = true` in settings.toml, by View → High contrast
(remembered per user), or when the platform reports a high-contrast preference (Qt 6.10+:
QStyleHints.accessibility().contrastPreference()).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

BLACK, WHITE, YELLOW = "#000000", "#ffffff", "#ffff00"
DISABLED = "#4d4d4d"  # 8.5:1 on white: greyed out, still readable
LINK = "#00008b"
# Where the keyboard is must show without colour vision: a thick frame, and yellow behind text.
FOCUS_STYLE = (
    "QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,"
    " QAbstractSpinBox:focus { border: 3px solid #000000; background: #ffff00; color: #000000; }"
    " QPushButton:focus, QToolButton:focus, QCheckBox:focus, QRadioButton:focus,"
    " QAbstractItemView:focus, QTabBar::tab:focus { border: 3px solid #000000; }"
)
PROPERTY = "sociaalhuis_high_contrast"


def high_contrast_palette() -> QPalette:
    """Black text on white everywhere, yellow selection with black text."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role in (roles.Window, roles.Base, roles.AlternateBase, roles.Button, roles.ToolTipBase):
        palette.setColor(role, QColor(WHITE))
    for role in (
        roles.WindowText,
        roles.Text,
        roles.ButtonText,
        roles.ToolTipText,
        roles.HighlightedText,
        roles.Shadow,
        roles.Dark,
        roles.Mid,
    ):
        palette.setColor(role, QColor(BLACK))
    palette.setColor(roles.Highlight, QColor(YELLOW))
    palette.setColor(roles.PlaceholderText, QColor(DISABLED))
    palette.setColor(roles.Link, QColor(LINK))
    palette.setColor(roles.LinkVisited, QColor(LINK))
    palette.setColor(roles.BrightText, QColor(BLACK))
    palette.setColor(roles.Light, QColor(WHITE))
    palette.setColor(roles.Midlight, QColor(WHITE))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED))
    return palette


def platform_wants_high_contrast(app: QApplication) -> bool:
    """The desktop's own high-contrast setting, where Qt can read it (Qt 6.10 and later)."""
    accessibility = getattr(app.styleHints(), "accessibility", None)
    preference = getattr(Qt, "ContrastPreference", None)
    if accessibility is None or preference is None:
        return False
    return accessibility().contrastPreference() == preference.HighContrast


def apply_contrast(app: QApplication, on: bool) -> None:
    """Switch the whole application to the high-contrast look, or back to the style's own."""
    # The style sheet first: setting it re-polishes every widget with the palette of that
    # moment, which would undo a palette set before it.
    app.setStyleSheet(FOCUS_STYLE if on else "")
    palette = high_contrast_palette() if on else app.style().standardPalette()
    app.setPalette(palette)
    # Windows built before the switch keep the palette they resolved: hand it to them.
    for window in app.topLevelWidgets():
        window.setPalette(palette)
    app.setProperty(PROPERTY, on)


def is_high_contrast(app: QApplication) -> bool:
    return bool(app.property(PROPERTY))


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
