"""Preview a letter, print it through Qt's print dialog, or save it as PDF.

The PDF is drawn with PDFium (pypdfium2): the same bytes that were archived are what the
worker sees and prints.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

PREVIEW_SCALE = 1.3  # 72 dpi × 1.3: an A4 page about 770 pixels wide


def page_images(pdf: bytes, scale: float) -> list[QImage]:
    """Every page of `pdf` as an image at `scale` × 72 dpi."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            bitmap = document[index].render(scale=scale).to_pil().convert("RGB")
            data = bitmap.tobytes("raw", "RGB")
            image = QImage(
                data, bitmap.width, bitmap.height, bitmap.width * 3, QImage.Format.Format_RGB888
            )
            images.append(image.copy())  # own the pixels; `data` goes away
        return images
    finally:
        document.close()


class LetterPreview(QDialog):
    """The letter's pages, with Print… and Save as PDF…."""

    def __init__(
        self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.file_name = file_name
        self.setWindowTitle(title)
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        self.pages = page_images(pdf, PREVIEW_SCALE)
        for number, image in enumerate(self.pages, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("Page {number}").format(number=number))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            pages_layout.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.save_button = QPushButton(self.tr("Save as P&DF…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(860, 900)

    def print_letter(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Draw each page at the printer's resolution, fitted to its page."""
        scale = max(printer.resolution() / 72, 1.0)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.windowTitle(), self.tr("The printer is not ready."))
            return
        try:
            for index, image in enumerate(page_images(self.pdf, scale)):
                if index:
                    printer.newPage()
                target = QRectF(painter.viewport())
                size = image.size().scaled(
                    target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
                )
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()

    def save_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save letter"), self.file_name, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("Could not save {path}: {reason}").format(
                    path=path, reason=exc.strerror or exc
                ),
            )
