r"""Plain text: the view is the text itself, a marker is written as it is, and footnotes are
paragraphs after a blank line at the end.

>>> FORMAT.footnotes_insertion("Members of Hizb ut-Tahrir* met.\n", [("*", "Hizb ut-Tahrir is banned.")])
(31, '\n\n*Hizb ut-Tahrir is banned.')
"""

from __future__ import annotations

from . import DocumentFormat

__all__ = ["FORMAT", "PlainText"]

_TAIL = 65536


class PlainText(DocumentFormat):
    """Plain text (the behaviour of :class:`~bannedorgs.formats.DocumentFormat` itself)."""

    name = "text"

    def block_start(self, text: str, *, markers: str = "", view: str | None = None) -> int:
        """A block of footnotes is short and stands at the end after a blank line, so a long
        plain text is searched in its last 64 KiB only, from a blank line on."""
        if len(text) <= _TAIL:
            return self.existing_block_start(text, markers=markers, view=view)
        cut = text.find("\n\n", len(text) - _TAIL)
        if cut < 0:
            return len(text)
        return cut + self.existing_block_start(text[cut:], markers=markers)


FORMAT = PlainText()
