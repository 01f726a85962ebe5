"""The team lead's window: non-take-up lists, follow-ups, export, take-up charts and the
impact of a catalog change."""
